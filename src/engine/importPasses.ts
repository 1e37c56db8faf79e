import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { FieldName } from '../fields.js';
import { ImportError, exitCodeOf } from '../errors.js';
import {
  createDateSurvey,
  mapInOrder,
  mapRow,
  type BaseContext,
  type MapPassResult,
  type OrderPlan,
} from '../map/index.js';
import { HashedKeys } from '../preflight/hashedKeys.js';
import type {
  ColumnMap,
  CustomerCell,
  FieldSource,
  MapContext,
  MappedRow,
  RowProblem,
} from '../map/types.js';
import { customerCellKey } from '../contracts/resolveCustomer.js';
import type { NexudusClient } from '../nexudus/client.js';
import { readAccountFacts, type AccountFacts } from '../preflight/preflight.js';
import { contactKey } from '../preflight/keys.js';
import { duplicateOf, settleRow, type ContactMatch } from '../preflight/settle.js';
import type { SourceRow, SourceTable } from '../read/types.js';
import { RESULT_FILES, resultPath, writePrivateFile } from '../report/resultsFolder.js';
import { toRanges } from '../read/rowRanges.js';
import { sha256File } from './sha256.js';
import { readingOf, type Reading } from '../report/reading.js';
import { RowReports, writeRowReports } from '../report/rowReports.js';
import { countsOf, reconcile, resultsOf, type Counts, type Summary } from '../report/summary.js';
import { Journal } from '../upload/journal.js';
import {
  noResults,
  resultTotal,
  type Outcome,
  type RecordResult,
  type Results,
} from '../outcome.js';
import { DailyQuota } from '../upload/quota.js';
import type { ResumeState } from '../upload/resume.js';
import { CreateOperation } from './operations/create.js';
import { UpdateOperation } from './operations/update.js';
import { UpdateBatch } from './updateBatch.js';
import { writeChanges } from '../report/changesFile.js';
import type { UpdateWritten } from '../upload/resume.js';
import type { Operation } from './operations/operation.js';
import { Slots } from '../upload/slots.js';
import { Writer, type RowHooks } from './writer.js';
import type { ImportOptions } from './options.js';
import type { ProgressListener, Tally } from './events.js';
import { recordedOptions } from './runRecord.js';
import { DRAIN_MS, interruptedMessage, interruption, type Stage } from './stopping.js';
import { sleepUnlessStopped } from '../nexudus/sleep.js';

/** How often (in rows) a pass over the file reports progress. */
export const PROGRESS_EVERY = 500;

export interface ImportRun {
  readonly exitCode: number;
  readonly summary: Summary;
  /** The options the run used (a resume's are the recorded ones with the overrides). */
  readonly options: ImportOptions;
  /** The error that stopped the run early (exit 3 or 130), for the CLI's message. */
  readonly stopped?: ImportError;
}

export interface PassesContext {
  readonly table: SourceTable;
  readonly columns: ColumnMap;
  readonly options: ImportOptions;
  readonly logger: Logger;
  readonly dir: string;
  readonly progress: ProgressListener;
  /** Aborted on Ctrl-C or SIGTERM (the client is stopped by it too, see stopClientOn). */
  readonly signal: AbortSignal | undefined;
  /** When the folder's first run began (a resume's lookups take no record made before it). */
  readonly runStarted: Date;
  /** What an earlier run of this results folder did (--resume). */
  readonly resume?: ResumeState;
  /**
   * A dry run that reaches the account (validate --update with credentials): preflight runs
   * with GETs and the upload pass plans without sending; the reports are written at the end.
   */
  readonly online?: boolean;
  /** The results folder this run continues (`import DIR`), for summary.json. */
  readonly continues?: string;
  /** Writes of the folders it continues in the last 24 hours: the daily limit counts them too. */
  readonly chainWrites?: readonly number[];
}

/**
 * The passes of one run over the file, after its header was matched: check (pass 2), then
 * preflight and upload (pass 3), then the reports. Outcomes are keyed by source row.
 */
export class ImportPasses {
  private readonly outcomes = new Map<number, Outcome>();
  private ctx: MapContext | undefined;
  private dataRows = 0;
  private blank = 0;
  private readonly contractIds = new Set<number>();
  private readonly coworkerIds = new Set<number>();
  /** Contacts the `Id` column names. */
  private readonly contactIds = new Set<number>();
  /** The distinct Customer (+ Plan) cells, by customerCellKey. */
  private readonly customers = new Map<string, CustomerCell>();
  /** The contract of each row found by its customer, by source row (created.csv shows it). */
  private readonly customerContracts = new Map<number, number>();
  /** The updates of the folder's rows, for changes.csv (a dry run's: the ones it would make). */
  private readonly updates = new Map<number, UpdateWritten>();
  /** A connected dry run: the rows it would create and update. */
  private planned: { create: number; update: number } | undefined;
  private facts: AccountFacts | undefined;
  private stopped: ImportError | undefined;
  /** Where the run is, for a stop's message and summary.json's `stoppedAt`. */
  private stage: Stage = 'checking';
  /** Whether the check pass read the whole file (else the counts are of the rows read so far). */
  private checked = false;
  /** The furthest source row the check pass has read. */
  private lastRow: number;
  /** Rows whose create request went out and had no outcome when the run stopped. */
  private unanswered = 0;
  private writesUsed = 0;
  /** The upload pass's bar: every row settled, those settled before it (see uploading) included. */
  private tally: Tally = { done: 0, ...noResults() };
  /** The original numbers of the rows that failed (summary.json's failedRows). */
  private readonly failedRows = new Set<number>();
  /** Every row's result so far, earlier runs of the folder included. */
  private results: Results;
  /** A dry run's reports, written during the check pass. */
  private reports: RowReports | undefined;
  /** How the file was read, once the check pass has settled the date orders. */
  private reading: Reading | undefined;
  /** Carries out the upload pass's writes, whatever the operation. */
  private writer: Writer | undefined;

  constructor(private readonly run: PassesContext) {
    for (const [row, outcome] of run.resume?.done ?? []) this.outcomes.set(row, outcome);
    this.results = resultsOf(this.outcomes.values());
    this.writesUsed = run.resume?.writeTimes.length ?? 0;
    this.lastRow = run.table.headerRow;
    for (const [row, update] of run.resume?.updates ?? []) this.updates.set(row, update);
  }

  /** The run is logging in and reading the countries list (before the check pass). */
  loggingIn(): void {
    this.stage = 'login';
  }

  /** The run stops early (exit 3 or 130): the first reason given is the one reported. */
  stopWith(error: ImportError): void {
    this.stopped ??= error;
  }

  /**
   * Pass 2: every row checked locally (failures are final) and its references gathered, while
   * the date columns' day-month orders are inferred (see mapInOrder). A dry run writes its
   * reports as it goes, so a file of a million rows is read once and nothing of it is kept.
   */
  async check(base: BaseContext): Promise<void> {
    const { options, columns } = this.run;
    this.stage = 'checking';
    const survey = createDateSurvey(columns);
    const plan: OrderPlan =
      options.dateFormat || survey.fields.length === 0
        ? { orders: survey.orders(options.dateFormat) }
        : { survey };
    const first = await this.checkPass(base, plan);
    this.ctx = first.context;
    if (!first.confirmed) {
      this.run.logger.info(
        { orders: first.orders },
        'date orders turned late in the file; checking again',
      );
      this.resetCheck();
      this.ctx = (await this.checkPass(base, { orders: first.orders })).context;
    }
    this.run.progress.checked?.(this.dataRows);
    this.checked = true;
    const dates = { orders: this.ctx.dateOrders, dependent: survey.dependent() };
    this.reading = readingOf(this.run.table, columns, dates, {
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
    });
    this.run.logger.info({ reading: this.reading }, 'file read');
    // Shown before anything is sent: preflight and the upload come after the check.
    this.run.progress.reading?.(this.reading);
    this.run.logger.info(
      {
        rows: this.dataRows,
        blank: this.blank,
        failed: this.results.failed,
        orders: this.ctx.dateOrders,
      },
      'file checked',
    );
  }

  private async checkPass(base: BaseContext, plan: OrderPlan): Promise<MapPassResult> {
    const { table, options, progress, dir, columns } = this.run;
    if (options.dryRun && !this.run.online) this.reports = new RowReports(dir, table, columns);
    const seen = options.dryRun && !options.allowDuplicates ? new HashedKeys() : undefined;
    const pass = mapInOrder(table.rows(), base, plan);
    progress.checking?.(0); // the pass's rate is counted from here
    for (;;) {
      const next = await pass.next();
      if (next.done) {
        // Blank rows between the header and the last data row; empty rows after the data are not rows.
        // A run of several files (import DIR) leaves out the rows done before: they are not blank.
        this.blank = 'parts' in table ? 0 : this.lastRow - table.headerRow - this.dataRows;
        return next.value;
      }
      this.throwIfInterrupted();
      const { source, mapped } = next.value;
      this.dataRows += 1;
      this.lastRow = Math.max(this.lastRow, source.row);
      if (this.dataRows % PROGRESS_EVERY === 0) progress.checking?.(this.dataRows);
      // Rows done by an earlier run of this folder are mapped too: their references and keys
      // still count (a later row repeating one of them is a duplicate).
      const done = this.outcomes.has(source.row);
      if (!mapped.ok) {
        if (!done) this.fail(source, mapped.row, mapped.problems);
        continue;
      }
      // 0 stands in for a contract named by its customer: preflight finds it (see mapRow).
      if (mapped.payload.CoworkerContractId !== 0) {
        this.contractIds.add(mapped.payload.CoworkerContractId);
      }
      if (mapped.customer) {
        const { customer, plan } = mapped.customer;
        this.customers.set(customerCellKey(customer, plan), mapped.customer);
      }
      if (mapped.payload.CoworkerId !== undefined) this.coworkerIds.add(mapped.payload.CoworkerId);
      if (mapped.id !== undefined) this.contactIds.add(mapped.id);
      if (done || !seen || mapped.payload.FullName === undefined) continue;
      // Offline, a contract named by its customer is not known: its duplicates are not told.
      if (mapped.payload.CoworkerContractId === 0) continue;
      // A dry run's duplicate check within the file (preflight does it against Nexudus too).
      const { CoworkerContractId, FullName, ContractContactType } = mapped.payload;
      const key = contactKey(CoworkerContractId, FullName, ContractContactType);
      const earlier = seen.get(key);
      if (earlier === undefined) seen.set(key, mapped.row);
      else this.fail(source, mapped.row, [duplicateOf(earlier, columns)]);
    }
  }

  private fail(source: SourceRow, row: number, problems: readonly RowProblem[]): void {
    this.record({ sourceRow: source.row, row, result: 'failed', problems }, undefined, source);
  }

  /** Forgets what a check pass found, for a second pass with the settled date orders. */
  private resetCheck(): void {
    this.outcomes.clear();
    for (const [row, outcome] of this.run.resume?.done ?? []) this.outcomes.set(row, outcome);
    this.results = resultsOf(this.outcomes.values());
    this.dataRows = 0;
    this.blank = 0;
    this.lastRow = this.run.table.headerRow;
    this.contractIds.clear();
    this.coworkerIds.clear();
    this.contactIds.clear();
    this.customers.clear();
    this.failedRows.clear();
  }

  /** Preflight, then pass 3: each remaining row settled and, if new, created. */
  async upload(client: NexudusClient): Promise<void> {
    const { table, options, logger, progress, signal, resume } = this.run;
    const ctx = this.ctx;
    if (!ctx) throw new Error('check() must run before upload()');
    this.stage = 'preflight';
    try {
      this.facts = await readAccountFacts(
        client,
        {
          contractIds: this.contractIds,
          coworkerIds: this.coworkerIds,
          contactIds: this.contactIds,
          customers: this.customers,
        },
        {
          checkDuplicates: !options.allowDuplicates,
          logger,
          // --update compares the fields the file has columns for (see Fingerprints)
          ...(options.update
            ? { compared: new Set(Object.keys(this.run.columns.fields) as FieldName[]) }
            : {}),
        },
      );
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      this.stopWith(error);
      // The other preflight requests of a failing server are not sent either.
      client.stop(error);
      return;
    }
    if (signal?.aborted) return;
    this.stage = 'uploading';
    // The bar counts the whole file, as the summary does: blank rows, rows the check failed and
    // rows an earlier run of the folder finished are settled from the start.
    this.tally = { done: this.blank + this.outcomes.size, ...this.results };
    progress.uploading?.(this.dataRows + this.blank, this.tally);
    // A dry run sends nothing, so it has nothing to journal: it plans.
    const plan = options.dryRun ? (this.planned = { create: 0, update: 0 }) : undefined;
    using journal = plan ? undefined : new Journal(resultPath(this.run.dir, 'journal'));
    // Waits of the run itself (backoff, --wait-for-quota) end when the run is stopped.
    const sleep = (ms: number) => sleepUnlessStopped(ms, client.stopSignal);
    const quota = new DailyQuota(
      options.dailyWriteLimit,
      [...(resume?.writeTimes ?? []), ...(this.run.chainWrites ?? [])],
      options.waitForQuota,
      Date.now,
      sleep,
    );
    const create = new CreateOperation({
      client,
      logger,
      runStarted: this.run.runStarted,
      ...(resume ? { recorded: resume.contactsBefore } : {}),
      preflight: this.facts.contactIds,
      onContactsBefore: (contractId, ids) => journal?.contacts(contractId, ids),
    });
    const update = new UpdateOperation({ client });
    const match: ContactMatch = {
      update: options.update === true,
      clearBlank: options.clearBlank === true,
      matched: new Map(),
    };
    this.writer = new Writer({
      client,
      logger,
      requestTimeoutMs: client.requestTimeoutMs,
      quota,
      sleep,
      ...(signal ? { signal } : {}),
      pace: progress,
    });
    for (const record of this.facts.existing.values()) create.claim(record.Id);
    for (const outcome of this.outcomes.values()) {
      if (outcome.result === 'failed') continue;
      create.claim(outcome.id);
      // a contact an earlier run of the folder matched is not another row's to update
      if (match.update) match.matched.set(outcome.id, outcome.row);
    }
    const seen = options.allowDuplicates ? undefined : new Map<string, number>();
    const slots = new Slots(options.concurrency);
    const inFlight = new Set<Promise<void>>();
    const track = (written: Promise<void>) => {
      inFlight.add(written);
      void written.finally(() => inFlight.delete(written));
    };
    const batch = new UpdateBatch(client, options.clearBlank === true);
    const writes: UploadWrites = {
      client,
      journal,
      slots,
      update,
      track,
      ...(plan ? { plan } : {}),
    };

    rows: for await (const source of table.rows()) {
      if (this.stopped || signal?.aborted) break;
      const earlier = this.outcomes.get(source.row);
      if (earlier) {
        // done before (this run's check, or an earlier run): keep its key so later repeats fail
        if (earlier.result !== 'failed' && seen) this.remember(source, ctx, seen);
        if (earlier.result !== 'failed') this.noteContract(source, mapRowIfCustomer(source, ctx));
        continue;
      }
      const mapped = mapRow(source, ctx);
      if (!mapped.ok) continue; // cannot happen: pass 2 recorded it
      this.noteContract(source, mapped);
      const verdict = settleRow(mapped, this.facts, seen, this.run.columns, match);
      const ambiguous = resume?.ambiguous.has(source.row) ?? false;
      const earlierUpdate = resume?.ambiguousUpdates.get(source.row);
      const at = { sourceRow: source.row, row: mapped.row };
      switch (verdict.kind) {
        case 'failed':
          this.record({ ...at, result: 'failed', problems: verdict.problems }, journal);
          continue;
        case 'existing':
          // A row an earlier run sent without hearing back: the record it finds is the one it made.
          this.record(
            { ...at, result: ambiguous ? 'created' : 'existing', id: verdict.id },
            journal,
          );
          continue;
        case 'unchanged':
          this.unchanged(at, verdict.id, journal);
          continue;
        case 'update':
          // read again by Id, a batch at a time, right before the PUTs (see UpdateBatch)
          if (
            !batch.add({ ...at, payload: verdict.payload, id: verdict.id, blanks: verdict.blanks })
          )
            continue;
          if (!(await this.updateBatch(batch, writes))) break rows;
          continue;
        case 'send': {
          if (plan) {
            // A dry run: what it would do, nothing sent (the row stays not attempted).
            plan.create += 1;
            continue;
          }
          if (!journal) continue; // cannot happen: only a dry run has no journal
          const started = await this.start(
            slots,
            create,
            create.request({
              payload: verdict.payload,
              unguarded: resume?.unguarded.has(source.row) ?? false,
            }),
            journal,
            at,
            ambiguous && !earlierUpdate ? (resume?.lastSent.get(source.row) ?? 0) : undefined,
          );
          if (!started) break rows;
          track(started.written);
          continue;
        }
        default:
          return noOperationFor(verdict);
      }
    }
    if (!this.stopped && !signal?.aborted) await this.updateBatch(batch, writes);
    await this.drain(inFlight);
  }

  /** A row that names its contract by its customer: the contract found, for created.csv. */
  private noteContract(source: SourceRow, mapped: MappedRow | undefined): void {
    if (!mapped?.ok || !mapped.customer || mapped.payload.CoworkerContractId !== 0) return;
    const { customer, plan } = mapped.customer;
    const found = this.facts?.customers.get(customerCellKey(customer, plan));
    if (found && 'id' in found) this.customerContracts.set(source.row, found.id);
  }

  /**
   * A row whose contact already holds what its cells say. After an earlier run's unanswered
   * write of the row: an update's PUT took effect (nothing to send, and its changes stay in
   * changes.csv for undo); a create made the record this row now matches (`created`).
   */
  private unchanged(
    at: { readonly sourceRow: number; readonly row: number },
    id: number,
    journal: Journal | undefined,
  ): void {
    const { resume } = this.run;
    const earlierUpdate = resume?.ambiguousUpdates.get(at.sourceRow);
    const ambiguous = resume?.ambiguous.has(at.sourceRow) ?? false;
    if (earlierUpdate) this.updates.set(at.sourceRow, { ...earlierUpdate, row: at.row });
    this.record(
      { ...at, result: ambiguous && !earlierUpdate ? 'created' : 'unchanged', id },
      journal,
    );
  }

  /**
   * Reads the batch's contacts again and carries out each row: its update (a dry run plans it),
   * or `unchanged` when the fresh record already says it, or failed when the contact is gone or
   * moved since preflight. False when the run stopped (a failing read stops it as preflight's
   * would).
   */
  private async updateBatch(batch: UpdateBatch, writes: UploadWrites): Promise<boolean> {
    const { client, journal, slots, update, track, plan } = writes;
    let read;
    try {
      read = await batch.read();
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      this.stopWith(error);
      client.stop(error);
      return false;
    }
    const columns = this.run.columns;
    const idColumns = columns.idColumn === undefined ? [] : [columns.idColumn];
    for (const row of read) {
      const at = { sourceRow: row.sourceRow, row: row.row };
      if (row.kind === 'gone' || row.kind === 'moved') {
        const Message =
          row.kind === 'gone'
            ? `no contact with Id ${row.id} in Nexudus any more (deleted since it was read)`
            : `contact ${row.id} moved to contract ${row.contractId} since it was read`;
        this.record(
          {
            ...at,
            result: 'failed',
            problems: [{ PropertyName: 'Id', Message, columns: idColumns }],
          },
          journal,
        );
        continue;
      }
      if (row.kind === 'unchanged') {
        this.unchanged(at, row.id, journal);
        continue;
      }
      const written = { id: row.id, changes: row.changes, row: row.row };
      if (plan || !journal) {
        if (plan) plan.update += 1;
        this.updates.set(row.sourceRow, written);
        continue;
      }
      const earlier = this.run.resume?.ambiguousUpdates.has(row.sourceRow)
        ? this.run.resume.lastSent.get(row.sourceRow)
        : undefined;
      const started = await this.start(
        slots,
        update,
        update.request({ record: row.record, changes: row.changes }),
        journal,
        at,
        earlier,
        (outcome) => {
          if (outcome.result === 'updated') this.updates.set(row.sourceRow, written);
        },
      );
      if (!started) return false;
      track(started.written);
    }
    return true;
  }

  /**
   * Takes a place among the rows in flight and starts one row's write with `op`; undefined when
   * the run stopped while it waited for its place. `lastSent`: an earlier run sent the row then,
   * with no answer recorded (it is settled before anything is sent).
   */
  private async start<Request>(
    slots: Slots,
    op: Operation<never, Request, RecordResult>,
    request: Request,
    journal: Journal,
    at: { readonly sourceRow: number; readonly row: number },
    lastSent: number | undefined,
    done?: (outcome: Outcome) => void,
  ): Promise<{ written: Promise<void> } | undefined> {
    const { signal } = this.run;
    await slots.take();
    if (this.stopped || signal?.aborted) {
      slots.give();
      return undefined;
    }
    // A row parked while its unanswered write settles gives its place to the next row.
    const place = slots.held();
    const park = place.park;
    const written = this.write(
      op,
      request,
      journal,
      at,
      { park, ...(lastSent !== undefined ? { lastSent } : {}) },
      done,
    ).finally(place.release);
    // wrapped: an async function's returned promise would be awaited, not handed back
    return { written };
  }

  /** Records the contactKey of a row that is already done, so a later repeat of it fails. */
  private remember(
    source: Parameters<typeof mapRow>[0],
    ctx: MapContext,
    seen: Map<string, number>,
  ): void {
    const mapped = mapRow(source, ctx);
    if (mapped.ok) settleRow(mapped, this.facts, seen, this.run.columns);
  }

  /**
   * Waits for the rows in flight. After Ctrl-C the client abandons creates still unanswered after
   * DRAIN_MS (see stopClientOn), so they end by then; the extra second is a backstop only.
   */
  private async drain(inFlight: Set<Promise<void>>): Promise<void> {
    const all = Promise.all(inFlight);
    if (!this.run.signal?.aborted) {
      await all;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((r) => (timer = setTimeout(r, DRAIN_MS + 1000)))]);
    clearTimeout(timer);
  }

  /**
   * One row's write with `op`: a row an earlier run sent with no answer recorded is settled
   * first, then (if that found nothing) sent; its outcome is recorded and journaled.
   */
  private async write<Request>(
    op: Operation<never, Request, RecordResult>,
    request: Request,
    journal: Journal,
    at: { readonly sourceRow: number; readonly row: number },
    row: RowHooks & { readonly lastSent?: number },
    done?: (outcome: Outcome) => void,
  ): Promise<void> {
    const writer = this.writer;
    if (!writer) throw new Error('upload() makes the writer before any write');
    if (this.stopped || this.run.signal?.aborted) return;
    const { sourceRow } = at;
    let sent = false;
    try {
      if (row.lastSent !== undefined) {
        // Sent by an earlier run with no answer recorded: settled before it is sent again.
        const id = await writer.settleEarlier(op, request, row.lastSent, row);
        if (id !== undefined) {
          const outcome: Outcome = { ...at, result: op.done, id };
          this.record(outcome, journal);
          done?.(outcome);
          return;
        }
      }
      const result = await writer.write(
        op,
        request,
        () => {
          this.writesUsed += 1;
          sent = true;
          journal.sending(sourceRow, op.journaled(request));
        },
        (why) => {
          // Throttled, or never sent: the server did not process it, so it is no write used
          // (and a stop now leaves nothing of this row unanswered).
          this.writesUsed -= 1;
          sent = false;
          journal.notProcessed(sourceRow, why);
        },
        row,
      );
      const outcome: Outcome =
        result.result === 'failed'
          ? { ...at, result: 'failed', problems: this.placed(result.problems) }
          : { ...at, result: result.result, id: result.id };
      this.record(outcome, journal);
      done?.(outcome);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      // Sent with no outcome: the journal's `sending` line makes the resume look it up.
      if (sent) this.unanswered += 1;
      this.stopWith(error);
      this.run.logger.warn({ code: error.code, row: at.row }, error.message);
    }
  }

  /** Server problems name a PropertyName; find the source columns behind it for the reports. */
  private placed(problems: readonly RowProblem[]): RowProblem[] {
    const fields: Readonly<Record<string, FieldSource | undefined>> = this.run.columns.fields;
    return problems.map((p) => ({
      ...p,
      columns: p.columns.length > 0 ? p.columns : (fields[p.PropertyName]?.columns ?? []),
    }));
  }

  /**
   * One row's outcome: kept for the upload pass and the reports, or, in a dry run, written
   * straight into the reports (nothing of the file is kept).
   */
  private record(outcome: Outcome, journal?: Journal, source?: SourceRow): void {
    if (this.reports && source) this.reports.add(source, outcome);
    else this.outcomes.set(outcome.sourceRow, outcome);
    this.results[outcome.result] += 1;
    if (outcome.result === 'failed') this.failedRows.add(outcome.row);
    else this.failedRows.delete(outcome.row);
    if (journal) {
      journal.outcome(outcome);
      this.tally.done += 1;
      this.tally[outcome.result] += 1;
      this.run.progress.rowDone?.(this.tally);
    }
    this.run.logger.debug({ row: outcome.row, result: outcome.result }, 'row done');
  }

  private throwIfInterrupted(): void {
    if (this.run.signal?.aborted) throw interruption(this.run.signal);
  }

  /**
   * Reports and summary, always written, whatever stopped the run. A run that stopped early
   * writes summary.json before the row reports as well, so that one more Ctrl-C while they are
   * written (which may force the exit) still leaves it; the journal is whole in any case.
   */
  async finish(started: Date, file: string, client: NexudusClient | undefined): Promise<ImportRun> {
    const { dir, table, columns, logger, progress, signal } = this.run;
    let counts = this.counts();
    // A signal that came when nothing was left to do does not turn a finished run into a stop.
    const unfinished = !this.checked || (!this.run.options.dryRun && counts.notAttempted > 0);
    if (!this.stopped && signal?.aborted && unfinished) this.stopWith(interruption(signal));
    if (this.stopped?.code === 'interrupted') {
      const message = interruptedMessage(signal, this.stage, {
        dryRun: this.run.options.dryRun,
        unanswered: this.unanswered,
        online: this.run.online === true,
      });
      this.stopped = new ImportError('interrupted', message, { cause: this.stopped });
    }
    if (this.stopped) {
      logger.warn({ code: this.stopped.code, stage: this.stage }, this.stopped.message);
      this.writeSummary(started, file, client, counts);
    }
    if (this.reports) await this.reports.close();
    else await writeRowReports(dir, table, columns, this.outcomes, this.customerContracts);
    if (this.run.options.update) {
      writeChanges(dir, table.delimiter, this.updates.values(), this.ctx?.countries);
    }
    counts = this.counts();
    const reports: Record<string, string> = {};
    for (const name of ['errorsCsv', 'errorsXlsx'] as const) {
      const path = resultPath(dir, name);
      if (existsSync(path)) reports[RESULT_FILES[name]] = await sha256File(path);
    }
    const summary = this.writeSummary(started, file, client, counts, reports);
    progress.finished?.();
    logger.info(
      { counts, exitCode: summary.exitCode, stopped: this.stopped?.code },
      'run finished',
    );
    return {
      exitCode: summary.exitCode,
      summary,
      options: this.run.options,
      ...(this.stopped ? { stopped: this.stopped } : {}),
    };
  }

  /**
   * Counts that reconcile (see Counts). When the check pass did not read the whole file (a stop
   * while logging in or checking), `rows` is the rows known so far: up to the furthest row this
   * run read or an earlier run of the folder finished; the rest of the file is not counted, as
   * nothing of it is known yet.
   */
  private counts(): Counts {
    if (this.checked) return reconcile(this.results, this.dataRows, this.blank);
    const { headerRow } = this.run.table;
    let furthest = this.lastRow;
    for (const row of this.outcomes.keys()) furthest = Math.max(furthest, row);
    if ('parts' in this.run.table) {
      return countsOf(this.results, Math.max(this.dataRows, resultTotal(this.results)), 0);
    }
    const blank = this.lastRow - headerRow - this.dataRows;
    return countsOf(this.results, furthest - headerRow, blank);
  }

  private writeSummary(
    started: Date,
    file: string,
    client: NexudusClient | undefined,
    counts: Counts,
    reports?: Record<string, string>,
  ): Summary {
    const { dir, options } = this.run;
    const exitCode = this.stopped ? exitCodeOf(this.stopped) : counts.failed > 0 ? 1 : 0;
    const finished = new Date();
    const summary: Summary = {
      file,
      resultsFolder: dir,
      dryRun: options.dryRun,
      options: recordedOptions(options),
      started: started.toISOString(),
      finished: finished.toISOString(),
      seconds: Math.round((finished.getTime() - started.getTime()) / 100) / 10,
      counts,
      writesUsed: this.writesUsed,
      throttled: client?.counts.throttled ?? 0,
      retries: client?.counts.retries ?? 0,
      preflightRequests: this.facts?.requests ?? 0,
      exitCode,
      ...(this.stopped
        ? { stopped: this.stopped.message, stoppedAt: this.stage, unanswered: this.unanswered }
        : {}),
      ...(this.ctx ? { dateOrders: this.ctx.dateOrders } : {}),
      ...(this.reading ? { reading: this.reading } : {}),
      ...(this.planned ? { planned: { ...this.planned } } : {}),
      failedRows: toRanges(this.failedRows),
      ...(reports ? { reports } : {}),
      ...(this.run.continues ? { continues: this.run.continues } : {}),
      ...(options.dryRun && !this.run.online ? { unchecked: uncheckedOffline(options) } : {}),
    };
    writePrivateFile(resultPath(dir, 'summary'), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  }
}

/**
 * What a dry run that did not reach the account leaves unchecked, said once (on screen and in
 * summary.json), with how to give it the account (docs/how-a-run-works.md).
 */
function uncheckedOffline(options: ImportOptions): string {
  const what = `the contracts, coworkers and customers the rows name, and which rows are already in Nexudus${options.update ? ', and what --update would change,' : ''}`;
  return options.offline
    ? `Checked offline (--offline): ${what} were not checked. Leave out --offline to check them against the account.`
    : `Checked offline: ${what} were not checked. To check them too, set NEXUDUS_USERNAME and NEXUDUS_PASSWORD (or NEXUDUS_TOKEN) in the environment or a .env file, or add --sandbox or --base-url.`;
}

/** What the upload pass lends the writes of a batch of updates. */
interface UploadWrites {
  readonly client: NexudusClient;
  readonly journal: Journal | undefined;
  readonly slots: Slots;
  readonly update: UpdateOperation;
  readonly track: (written: Promise<void>) => void;
  /** A dry run's plan: nothing is sent. */
  readonly plan?: { create: number; update: number };
}

/** A verdict of preflight that no operation takes: a new kind must be given one above. */
function noOperationFor(verdict: never): never {
  throw new Error(`no operation for the verdict ${(verdict as { kind: string }).kind}`);
}

/** The row mapped again only when the file has a Customer column (else nothing to look up). */
function mapRowIfCustomer(source: SourceRow, ctx: MapContext): MappedRow | undefined {
  return ctx.columns.customerColumn === undefined ? undefined : mapRow(source, ctx);
}
