import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { ImportError, exitCodeOf } from '../errors.js';
import { createLogger } from '../log.js';
import { createDateSurvey, loadMapping, mapRow, matchHeaders } from '../map/index.js';
import type {
  ColumnMap,
  Country,
  FieldSource,
  MapContext,
  MappedOk,
  RowProblem,
} from '../map/types.js';
import type { NexudusClient } from '../nexudus/client.js';
import { countryRecord } from '../nexudus/replies.js';
import { readAccountFacts, type AccountFacts } from '../preflight/preflight.js';
import { settleRow } from '../preflight/settle.js';
import { openSource } from '../read/index.js';
import type { SourceTable } from '../read/types.js';
import {
  createResultsFolder,
  defaultResultsFolder,
  resultPath,
  writePrivateFile,
} from '../report/resultsFolder.js';
import { writeRowReports } from '../report/rowReports.js';
import { countOutcomes, type Summary } from '../report/summary.js';
import { Journal } from '../upload/journal.js';
import type { Outcome } from '../upload/outcome.js';
import { DailyQuota } from '../upload/quota.js';
import { Uploader } from '../upload/uploader.js';
import { TOOL_VERSION } from '../version.js';
import { createClient, resolveTarget } from './connect.js';
import type { CommandIo, ImportOptions } from './options.js';
import type { ProgressListener, Tally } from './progress.js';
import { sha256File } from './sha256.js';

export interface ImportRun {
  readonly exitCode: number;
  readonly summary: Summary;
  /** The error that stopped the run early (exit 3 or 130), for the CLI's message. */
  readonly stopped?: ImportError;
}

/**
 * `import` and `validate`: read -> check -> (preflight -> upload) -> report. Throws ImportError
 * for what ends a run before anything was sent (exit 2); a run that stopped later returns its
 * exit code with every report written.
 */
export async function runImport(options: ImportOptions, io: CommandIo): Promise<ImportRun> {
  const started = new Date();
  const file = resolve(io.cwd, options.file);
  const table = await openSource(file, pick(options, ['sheet', 'encoding', 'delimiter']));
  const mapping = options.mapping ? await loadMapping(resolve(io.cwd, options.mapping)) : undefined;
  const { columns, warnings } = matchHeaders(table.headers, mapping);
  if (!options.quiet) for (const warning of warnings) io.stderr.write(`${warning}\n`);

  const target = options.dryRun ? undefined : await resolveTarget(options, io);
  const dir = resolve(io.cwd, options.out ?? defaultResultsFolder(file, started, io.cwd));
  createResultsFolder(dir);
  const logger = createLogger({
    file: resultPath(dir, 'log'),
    verbose: options.verbose,
    stderr: io.stderr,
  });
  writePrivateFile(
    resultPath(dir, 'run'),
    `${JSON.stringify({ source: file, sha256: await sha256File(file), options: runOptions(options), version: TOOL_VERSION }, null, 2)}\n`,
  );
  logger.info({ file, dir, headers: table.headers, warnings }, 'run started');

  let client: NexudusClient | undefined;
  try {
    client = target ? createClient(target, options, logger) : undefined;
    const countries = client ? await startSession(client) : undefined;
    const run = new Run(table, columns, options, logger, dir, io.progress ?? {});
    await run.check(await surveyContext(table, columns, options, countries, started));
    if (client) await run.upload(client, io.signal);
    return run.finish(started, file, client);
  } catch (error) {
    if (!(error instanceof ImportError)) {
      logger.error({ err: error }, 'unexpected error');
      if (error instanceof Error) Object.assign(error, { logFile: resultPath(dir, 'log') });
    }
    // Refused before anything was written: nothing happened, leave nothing behind.
    if (
      error instanceof ImportError &&
      exitCodeOf(error) === 2 &&
      (client?.counts.writes ?? 0) === 0
    ) {
      rmSync(dir, { recursive: true, force: true });
    }
    throw error;
  } finally {
    await target?.close();
  }
}

/** Logs in and reads the countries list; a 401 here means the credentials are refused. */
async function startSession(client: NexudusClient): Promise<Country[]> {
  try {
    await client.login();
    const records = await client.list('sys/countries');
    return records.flatMap((r) => {
      const parsed = countryRecord.safeParse(r);
      return parsed.success && parsed.data.TwoDigitsCode
        ? [{ Id: parsed.data.Id, Name: parsed.data.Name, TwoDigitsCode: parsed.data.TwoDigitsCode }]
        : [];
    });
  } catch (error) {
    if (error instanceof ImportError && error.code === 'auth-lost') {
      throw new ImportError('auth-refused', error.message, { cause: error });
    }
    throw error;
  }
}

/** Pass 1: each date column's day-month order, from the values that settle it. */
async function surveyContext(
  table: SourceTable,
  columns: ColumnMap,
  options: ImportOptions,
  countries: readonly Country[] | undefined,
  now: Date,
): Promise<MapContext> {
  const survey = createDateSurvey(columns);
  if (!options.dateFormat) for await (const row of table.rows()) survey.add(row);
  return {
    columns,
    dateOrders: survey.orders(options.dateFormat),
    decimalComma: table.delimiter === ';',
    ...(countries ? { countries } : {}),
    now,
  };
}

/** How often (in rows) a pass over the file reports progress. */
const PROGRESS_EVERY = 500;

class Run {
  private readonly outcomes = new Map<number, Outcome>();
  private ctx: MapContext | undefined;
  private dataRows = 0;
  private blank = 0;
  private readonly contractIds = new Set<number>();
  private readonly coworkerIds = new Set<number>();
  private facts: AccountFacts | undefined;
  private stopped: ImportError | undefined;
  private readonly tally: Tally = { done: 0, created: 0, existing: 0, failed: 0 };

  constructor(
    private readonly table: SourceTable,
    private readonly columns: ColumnMap,
    private readonly options: ImportOptions,
    private readonly logger: Logger,
    private readonly dir: string,
    private readonly progress: ProgressListener,
  ) {}

  /** Pass 2: every row checked locally; failures are final, references are gathered. */
  async check(ctx: MapContext): Promise<void> {
    this.ctx = ctx;
    let lastRow = this.table.headerRow;
    const seen =
      this.options.dryRun && !this.options.allowDuplicates ? new Map<string, number>() : undefined;
    for await (const source of this.table.rows()) {
      this.dataRows += 1;
      lastRow = source.row;
      if (this.dataRows % PROGRESS_EVERY === 0) this.progress.checking?.(this.dataRows);
      const mapped = mapRow(source, ctx);
      if (!mapped.ok) {
        this.record({
          sourceRow: source.row,
          row: mapped.row,
          result: 'failed',
          problems: mapped.problems,
        });
        continue;
      }
      this.contractIds.add(mapped.payload.CoworkerContractId);
      if (mapped.payload.CoworkerId !== undefined) this.coworkerIds.add(mapped.payload.CoworkerId);
      if (seen && !mapped.nameFromCoworker) {
        const verdict = settleRow(mapped, undefined, seen, this.columns);
        if (verdict.kind === 'failed') {
          this.record({
            sourceRow: source.row,
            row: mapped.row,
            result: 'failed',
            problems: verdict.problems,
          });
        }
      }
    }
    this.progress.checking?.(this.dataRows);
    // Blank rows between the header and the last data row; trailing ones are not rows.
    this.blank = lastRow - this.table.headerRow - this.dataRows;
    this.logger.info(
      { rows: this.dataRows, blank: this.blank, failed: this.outcomes.size },
      'file checked',
    );
  }

  /** Preflight, then pass 3: each remaining row settled and, if new, created. */
  async upload(client: NexudusClient, signal: AbortSignal | undefined): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) throw new Error('check() must run before upload()');
    try {
      this.facts = await readAccountFacts(
        client,
        { contractIds: this.contractIds, coworkerIds: this.coworkerIds },
        { checkDuplicates: !this.options.allowDuplicates, logger: this.logger },
      );
    } catch (error) {
      if (error instanceof ImportError) {
        this.stopped = error;
        return;
      }
      throw error;
    }
    this.progress.uploading?.(this.dataRows - this.outcomes.size);
    using journal = new Journal(resultPath(this.dir, 'journal'));
    const quota = new DailyQuota(this.options.dailyWriteLimit, [], this.options.waitForQuota);
    const uploader = new Uploader({ client, logger: this.logger, takeWrite: () => quota.take() });
    for (const record of this.facts.existing.values()) uploader.claim(record.Id);
    const seen = this.options.allowDuplicates ? undefined : new Map<string, number>();
    const limit = pLimit(this.options.concurrency);
    const inFlight = new Set<Promise<void>>();

    for await (const source of this.table.rows()) {
      if (this.stopped || signal?.aborted) break;
      if (this.outcomes.has(source.row)) continue;
      const mapped = mapRow(source, ctx);
      if (!mapped.ok) continue; // cannot happen: pass 2 recorded it
      const verdict = settleRow(mapped, this.facts, seen, this.columns);
      if (verdict.kind !== 'send') {
        const outcome: Outcome =
          verdict.kind === 'existing'
            ? { sourceRow: source.row, row: mapped.row, result: 'existing', id: verdict.id }
            : {
                sourceRow: source.row,
                row: mapped.row,
                result: 'failed',
                problems: verdict.problems,
              };
        this.record(outcome, journal);
        continue;
      }
      const task = limit(() => this.send(uploader, journal, mapped, source.row, verdict.payload));
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= this.options.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (!this.stopped && signal?.aborted) {
      this.stopped = new ImportError('interrupted', 'Interrupted: no new rows were sent.');
    }
  }

  private async send(
    uploader: Uploader,
    journal: Journal,
    mapped: MappedOk,
    sourceRow: number,
    payload: Parameters<Uploader['upload']>[0],
  ): Promise<void> {
    if (this.stopped) return;
    try {
      const result = await uploader.upload(payload, () => journal.sending(sourceRow));
      this.record(
        result.result === 'created'
          ? { sourceRow, row: mapped.row, result: 'created', id: result.id }
          : {
              sourceRow,
              row: mapped.row,
              result: 'failed',
              problems: this.placed(result.problems),
            },
        journal,
      );
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      this.stopped ??= error;
      this.logger.warn({ code: error.code }, error.message);
    }
  }

  /** Server problems name a PropertyName; find the source columns behind it for the reports. */
  private placed(problems: readonly RowProblem[]): RowProblem[] {
    const fields: Readonly<Record<string, FieldSource | undefined>> = this.columns.fields;
    return problems.map((p) => ({
      ...p,
      columns: p.columns.length > 0 ? p.columns : (fields[p.PropertyName]?.columns ?? []),
    }));
  }

  private record(outcome: Outcome, journal?: Journal): void {
    this.outcomes.set(outcome.sourceRow, outcome);
    if (journal) {
      journal.outcome(outcome);
      this.tally.done += 1;
      this.tally[outcome.result] += 1;
      this.progress.rowDone?.(this.tally);
    }
    this.logger.debug({ row: outcome.row, result: outcome.result }, 'row done');
  }

  /** Reports and summary, always written, whatever stopped the run. */
  async finish(started: Date, file: string, client: NexudusClient | undefined): Promise<ImportRun> {
    await writeRowReports(this.dir, this.table, this.columns, this.outcomes);
    const counts = countOutcomes(this.outcomes.values(), this.dataRows, this.blank);
    const exitCode = this.stopped ? exitCodeOf(this.stopped) : counts.failed > 0 ? 1 : 0;
    const finished = new Date();
    const summary: Summary = {
      file,
      resultsFolder: this.dir,
      dryRun: this.options.dryRun,
      options: runOptions(this.options),
      started: started.toISOString(),
      finished: finished.toISOString(),
      seconds: Math.round((finished.getTime() - started.getTime()) / 100) / 10,
      counts,
      writesUsed: client?.counts.writes ?? 0,
      throttled: client?.counts.throttled ?? 0,
      retries: client?.counts.retries ?? 0,
      preflightRequests: this.facts?.requests ?? 0,
      exitCode,
      ...(this.stopped ? { stopped: this.stopped.message } : {}),
    };
    writePrivateFile(resultPath(this.dir, 'summary'), `${JSON.stringify(summary, null, 2)}\n`);
    this.progress.finished?.();
    this.logger.info({ counts, exitCode }, 'run finished');
    return { exitCode, summary, ...(this.stopped ? { stopped: this.stopped } : {}) };
  }
}

/** The options as recorded in run.json and summary.json (no credentials ever reach options). */
function runOptions(options: ImportOptions): Record<string, unknown> {
  const { file: _file, ...rest } = options;
  return rest;
}

function pick<T extends object, K extends keyof T>(
  object: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) picked[key] = object[key];
  return picked;
}
