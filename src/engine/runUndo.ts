import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ImportError, exitCodeOf } from '../errors.js';
import { FolderLock } from '../lock/folderLock.js';
import { createLogger } from '../log.js';
import type { NexudusClient } from '../nexudus/client.js';
import { sleepUnlessStopped } from '../nexudus/sleep.js';
import { createResultsFolder, resultPath } from '../report/resultsFolder.js';
import { checkWrites, type UndoStep } from '../undo/undoCheck.js';
import { readUndoJournal, UndoJournal, type UndoOutcome } from '../undo/undoJournal.js';
import type { UndoOptions } from '../undo/undoOptions.js';
import { isUndoFolder, readUndoRecord, undoPath, writeUndoRecord } from '../undo/undoRecord.js';
import {
  undoCounts,
  writeUndoReport,
  writeUndoSummary,
  type NotReached,
  type UndoSummary,
} from '../undo/undoReport.js';
import { runWrites } from '../undo/runWrites.js';
import { readJournal } from '../upload/journal.js';
import { DailyQuota } from '../upload/quota.js';
import { Slots } from '../upload/slots.js';
import type { CommandIo } from './options.js';
import { RemoveOperation } from './operations/remove.js';
import { RestoreOperation } from './operations/restore.js';
import { readRunRecord } from './runRecord.js';
import { DRAIN_MS, interruption, stopClientOn, stopName } from './stopping.js';
import { Writer, type RowHooks } from './writer.js';
import type { Operation } from './operations/operation.js';
import type { PaceListener } from './events.js';

/** What undo will do, shown before it does it (and all a dry run does). */
export interface UndoPreview {
  readonly runFolder: string;
  readonly steps: readonly UndoStep[];
  /** Contacts an earlier run of this undo took back already (undo --resume). */
  readonly doneBefore: number;
}

/** What the command lends the undo: the process's io, and the question on a terminal. */
export interface UndoIo extends CommandIo {
  /**
   * Shows what undo will do and asks whether to go on; absent when there is no terminal to ask
   * on (then only --yes lets it go on).
   */
  readonly confirm?: (preview: UndoPreview) => Promise<boolean>;
  /** Shows what undo will do, where no question is asked (--yes, --dry-run, a resume). */
  readonly show?: (preview: UndoPreview) => void;
  /** After each contact: how many of this run's are done, of how many, and their results. */
  readonly done?: (done: number, total: number, counts: Readonly<Record<string, number>>) => void;
  /** Told when Nexudus throttles the writes, and when they flow again. */
  readonly pace?: PaceListener;
}

export interface UndoRun {
  readonly exitCode: number;
  /** Absent when the run in DIR wrote nothing, so there was nothing to take back. */
  readonly summary?: UndoSummary;
  readonly stopped?: ImportError;
  readonly options: UndoOptions;
}

/**
 * Where undo sends its requests: this command's --base-url or --sandbox, else what the undo
 * being resumed was given, else what the import run used.
 */
function undoTarget(
  options: UndoOptions,
  recorded:
    { readonly baseUrl?: string | undefined; readonly sandbox?: boolean | undefined } | undefined,
  run: { readonly baseUrl?: string | undefined; readonly sandbox: boolean },
): { baseUrl: string | undefined; sandbox: boolean } {
  for (const given of [options, recorded, run]) {
    if (given?.baseUrl !== undefined) return { baseUrl: given.baseUrl, sandbox: false };
    if (given?.sandbox === true) return { baseUrl: undefined, sandbox: true };
  }
  return { baseUrl: undefined, sandbox: false };
}

/** The time stamp of an undo's folder name: `undo-<YYYYMMDD-HHmmss>`. */
export function undoFolderName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `undo-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/**
 * `undo DIR` and `undo --resume DIR/undo-<time>` (SPEC "Undo"): reads what the run in DIR wrote
 * (its journal), reads those contacts (batched GETs), shows what it will do and asks, then
 * deletes what the run created and restores what it updated, through the import's Writer: the
 * same pacing, daily quota, retries, throttling, grace and journal. The import's folder is
 * locked for the whole undo (no import --resume of it meanwhile, no second undo), and so is the
 * undo's own folder. Throws ImportError for what ends it before anything was sent (exit 2).
 */
export async function runUndo(options: UndoOptions, io: UndoIo): Promise<UndoRun> {
  const started = new Date();
  using runLock = new FolderLock();
  using undoLock = new FolderLock();
  const resumeDir = options.resume === undefined ? undefined : resolve(io.cwd, options.resume);
  const recorded = resumeDir ? await readResumed(resumeDir, undoLock) : undefined;
  const runDir = resumeDir ? dirname(resumeDir) : resolve(io.cwd, options.dir ?? '.');
  checkRunFolder(runDir, options.dir ?? runDir);
  await runLock.take(runDir);
  const run = readRunRecord(runDir);
  const force = options.force || (recorded?.force ?? false);
  // The account the run wrote to, unless this command names another: a --base-url, or
  // --sandbox (the sandbox on the user's data file, where a --sandbox run's records are kept).
  const { baseUrl, sandbox } = undoTarget(options, recorded, run.options);
  const written = runWrites(readJournal(resultPath(runDir, 'journal')));
  if (written.writes.length === 0) {
    return { exitCode: 0, options };
  }
  const undoDir = resumeDir ?? freeFolder(join(runDir, undoFolderName(started)));
  const state = resumeDir ? readUndoJournal(undoPath(undoDir, 'journal')) : undefined;
  const done = state?.done ?? new Map<number, UndoOutcome>();
  const todo = written.writes.filter((w) => w.kind === 'unanswered' || !done.has(w.id));

  const connect = await import('./connect.js');
  const pace = { ...options, sandbox, ...(baseUrl !== undefined ? { baseUrl } : {}) };
  const target = await connect.resolveTarget(pace, io);
  let made = false;
  if (!resumeDir && !options.dryRun) {
    createResultsFolder(undoDir);
    made = true;
    await undoLock.take(undoDir);
  }
  const logger = createLogger({
    ...(options.dryRun ? {} : { file: undoPath(undoDir, 'log') }),
    verbose: options.verbose,
    stderr: io.stderr,
  });
  let client: NexudusClient | undefined;
  let stopping: Disposable | undefined;
  let sent = false;
  try {
    client = connect.createClient(target, pace, logger);
    stopping = stopClientOn(client, io.signal, io.hurry);
    await login(client);
    const readsBefore = client.counts.reads;
    let steps: UndoStep[];
    try {
      steps = await checkWrites(client, todo, written, {
        force,
        runStarted: new Date(run.started ?? started.toISOString()),
        unanswered: state?.unanswered ?? new Set(),
      });
    } catch (error) {
      // Stopped while reading: nothing was sent, so a new undo leaves nothing behind.
      if (error instanceof ImportError && io.signal?.aborted)
        throw new ImportError(
          'interrupted',
          `Stopped by ${stopName(io.signal)} while reading the contacts; nothing was taken back.`,
          { cause: error },
        );
      throw error;
    }
    const readRequests = client.counts.reads - readsBefore;
    const preview: UndoPreview = { runFolder: runDir, steps, doneBefore: done.size };
    logger.info(
      { runDir, contacts: written.writes.length, todo: steps.length, readRequests },
      'undo checked',
    );
    if (options.dryRun || options.yes || resumeDir) io.show?.(preview);
    if (options.dryRun) {
      return {
        exitCode: 0,
        options,
        summary: dryRunSummary(runDir, started, options, steps, done, readRequests),
      };
    }
    if (!options.yes && !resumeDir) {
      if (!io.confirm) {
        throw new ImportError(
          'usage',
          'Nothing was taken back: undo asks before it deletes anything, and there is no terminal to ask on. Add --yes to go ahead without the question.',
        );
      }
      if (!(await io.confirm(preview)))
        throw new ImportError('usage', 'Nothing was taken back: you answered no.');
    }
    if (!resumeDir)
      writeUndoRecord(undoDir, {
        run: runDir,
        started: started.toISOString(),
        force,
        ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
        ...(options.sandbox === true ? { sandbox: true } : {}),
      });
    const passes = new UndoPasses(client, logger, options, undoDir, io.signal, state, io);
    sent = true;
    await passes.take(steps);
    return passes.finish({
      runDir,
      started,
      force,
      contacts: written.writes.length,
      earlier: done,
      readRequests,
    });
  } catch (error) {
    if (!(error instanceof ImportError)) logger.error({ err: error }, 'unexpected error');
    // Refused or stopped before anything was sent: a new undo leaves no folder behind.
    if (made && !sent) rmSync(undoDir, { recursive: true, force: true });
    throw error;
  } finally {
    stopping?.[Symbol.dispose]();
    client?.stop(new ImportError('interrupted', 'The undo is over.'));
    client?.abandonWrites();
    await target.close();
  }
}

/** `path`, or, when an undo of the same second made it already, `path-2`, `path-3`, … */
function freeFolder(path: string): string {
  let free = path;
  for (let n = 2; existsSync(free); n += 1) free = `${path}-${n}`;
  return free;
}

/** An undo folder to carry on: locked first, then its record read. */
async function readResumed(dir: string, lock: FolderLock) {
  if (!existsSync(undoPath(dir, 'run'))) readUndoRecord(dir); // says why, in one sentence
  await lock.take(dir);
  return readUndoRecord(dir);
}

/** DIR must be an import's results folder: not an undo's, not some other folder. */
function checkRunFolder(dir: string, typed: string): void {
  if (isUndoFolder(dir)) {
    throw new ImportError(
      'usage',
      `${typed} is the folder of an undo, which is not undone in turn; to carry that undo on, run nexudus-import undo --resume ${typed}.`,
    );
  }
  if (!existsSync(resultPath(dir, 'run'))) {
    throw new ImportError(
      'usage',
      `${typed} is not a results folder of nexudus-import (it has no run.json): name the folder an import wrote its reports to.`,
    );
  }
  const record = readFileSync(resultPath(dir, 'run'), 'utf8');
  if (/"dryRun":\s*true/.test(record)) {
    throw new ImportError(
      'usage',
      `${typed} is the folder of a validate (or --dry-run), which sent nothing: there is nothing to take back.`,
    );
  }
}

/** Logs in; a refusal here means the credentials are wrong (exit 2, nothing was sent). */
async function login(client: NexudusClient): Promise<void> {
  try {
    await client.login();
  } catch (error) {
    if (error instanceof ImportError && error.code === 'auth-lost')
      throw new ImportError('auth-refused', error.message, { cause: error });
    throw error;
  }
}

function dryRunSummary(
  runDir: string,
  started: Date,
  options: UndoOptions,
  steps: readonly UndoStep[],
  done: ReadonlyMap<number, UndoOutcome>,
  readRequests: number,
): UndoSummary {
  const settled = steps.flatMap((s) => (s.kind === 'settled' ? [outcomeOf(s, s.result)] : []));
  const finished = new Date();
  return {
    kind: 'undo',
    runFolder: runDir,
    dryRun: true,
    force: options.force,
    started: started.toISOString(),
    finished: finished.toISOString(),
    seconds: (finished.getTime() - started.getTime()) / 1000,
    counts: undoCounts(
      steps.length + done.size,
      [...done.values(), ...settled],
      steps.length - settled.length,
    ),
    writesUsed: 0,
    readRequests,
    throttled: 0,
    retries: 0,
    exitCode: 0,
  };
}

function outcomeOf(step: UndoStep, result: UndoOutcome['result'], reason = step.reason) {
  return {
    ...(step.id !== undefined ? { id: step.id } : {}),
    row: step.row,
    result,
    reason,
    ...(step.name !== undefined ? { name: step.name } : {}),
    ...(step.contractId !== undefined ? { contractId: step.contractId } : {}),
  } satisfies UndoOutcome;
}

/**
 * The writes of one undo run: each step to delete or restore sent through the Writer, as many
 * at a time as --concurrency, and its outcome journaled; the report and summary at the end,
 * however it ended.
 */
class UndoPasses {
  private readonly outcomes: UndoOutcome[] = [];
  private readonly reached = new Set<UndoStep>();
  private steps: readonly UndoStep[] = [];
  private stopped: ImportError | undefined;
  private writesUsed = 0;
  private readonly tally: Record<string, number> = {};

  constructor(
    private readonly client: NexudusClient,
    private readonly logger: Logger,
    private readonly options: UndoOptions,
    private readonly dir: string,
    private readonly signal: AbortSignal | undefined,
    private readonly state: ReturnType<typeof readUndoJournal> | undefined,
    private readonly io: Pick<UndoIo, 'done' | 'pace'> = {},
  ) {
    // the folder's earlier runs count too, as an import's resume counts them
    this.writesUsed = state?.writeTimes.length ?? 0;
  }

  async take(steps: readonly UndoStep[]): Promise<void> {
    this.steps = steps;
    const { client, logger, options, signal } = this;
    using journal = new UndoJournal(undoPath(this.dir, 'journal'));
    const sleep = (ms: number) => sleepUnlessStopped(ms, client.stopSignal);
    const quota = new DailyQuota(
      options.dailyWriteLimit,
      this.state?.writeTimes ?? [],
      options.waitForQuota,
      Date.now,
      sleep,
    );
    const writer = new Writer({
      client,
      logger,
      requestTimeoutMs: client.requestTimeoutMs,
      quota,
      sleep,
      ...(signal ? { signal } : {}),
      ...(this.io.pace ? { pace: this.io.pace } : {}),
    });
    const remove = new RemoveOperation({ client });
    const restore = new RestoreOperation({ client });
    const slots = new Slots(options.concurrency);
    const inFlight = new Set<Promise<void>>();
    for (const step of steps) {
      if (step.kind === 'settled') {
        this.reached.add(step);
        this.record(outcomeOf(step, step.result), journal);
        continue;
      }
      if (this.stopped || signal?.aborted) break;
      await slots.take();
      if (this.stopped || signal?.aborted) {
        slots.give();
        break;
      }
      this.reached.add(step);
      const place = slots.held();
      const park = place.park;
      const task = (
        step.kind === 'delete'
          ? this.write(writer, remove, remove.request({ id: step.id }), step, journal, { park })
          : this.write(
              writer,
              restore,
              restore.request({ record: step.record, written: step.written }),
              step,
              journal,
              { park },
            )
      ).finally(place.release);
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
    }
    const all = Promise.all(inFlight);
    if (!signal?.aborted) await all;
    else {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise((r) => (timer = setTimeout(r, DRAIN_MS + 1000)))]);
      clearTimeout(timer);
    }
  }

  /** One contact's DELETE or PUT, exactly once; its outcome recorded and journaled. */
  private async write<Request>(
    writer: Writer,
    op: Operation<never, Request, 'deleted' | 'restored'>,
    request: Request,
    step: Extract<UndoStep, { kind: 'delete' | 'restore' }>,
    journal: UndoJournal,
    row: RowHooks,
  ): Promise<void> {
    if (this.stopped || this.signal?.aborted) {
      this.reached.delete(step);
      return;
    }
    try {
      const result = await writer.write(
        op,
        request,
        () => {
          this.writesUsed += 1;
          journal.sending(step.id);
        },
        (why) => {
          this.writesUsed -= 1;
          journal.notProcessed(step.id, why);
        },
        row,
      );
      this.record(
        result.result === 'failed'
          ? outcomeOf(step, 'failed', result.problems.map((p) => p.Message).join(' | '))
          : outcomeOf(step, result.result),
        journal,
      );
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      // Not done: the journal's `sending` (if any) makes the resume look before sending again.
      this.reached.delete(step);
      this.stopped ??= error;
      this.client.stop(error);
      this.logger.warn({ code: error.code, id: step.id }, error.message);
    }
  }

  private record(outcome: UndoOutcome, journal: UndoJournal): void {
    this.outcomes.push(outcome);
    journal.outcome(outcome);
    this.tally[outcome.result] = (this.tally[outcome.result] ?? 0) + 1;
    this.io.done?.(this.outcomes.length, this.steps.length, this.tally);
    this.logger.debug({ id: outcome.id, result: outcome.result }, 'contact done');
  }

  /** undo.csv and summary.json, always written, however the undo ended. */
  finish(about: {
    runDir: string;
    started: Date;
    force: boolean;
    contacts: number;
    earlier: ReadonlyMap<number, UndoOutcome>;
    readRequests: number;
  }): UndoRun {
    if (!this.stopped && this.signal?.aborted && this.reached.size < this.steps.length)
      this.stopped = interruption(this.signal);
    if (this.stopped?.code === 'interrupted') {
      this.stopped = new ImportError(
        'interrupted',
        `Stopped by ${stopName(this.signal)}: nothing new was sent after it.`,
        { cause: this.stopped },
      );
    }
    const outcomes = [...about.earlier.values(), ...this.outcomes];
    const notReached: NotReached[] = this.steps
      .filter((s) => !this.reached.has(s))
      .map((s) => ({
        row: s.row,
        ...(s.id !== undefined ? { id: s.id } : {}),
        ...(s.name !== undefined ? { name: s.name } : {}),
        ...(s.contractId !== undefined ? { contractId: s.contractId } : {}),
      }));
    writeUndoReport(this.dir, outcomes, notReached);
    const counts = undoCounts(about.contacts, outcomes, notReached.length);
    const exitCode = this.stopped
      ? exitCodeOf(this.stopped)
      : counts.changedSince + counts.failed > 0
        ? 1
        : 0;
    const finished = new Date();
    const summary: UndoSummary = {
      kind: 'undo',
      runFolder: about.runDir,
      undoFolder: this.dir,
      dryRun: false,
      force: about.force,
      started: about.started.toISOString(),
      finished: finished.toISOString(),
      seconds: Math.round((finished.getTime() - about.started.getTime()) / 100) / 10,
      counts,
      writesUsed: this.writesUsed,
      readRequests: about.readRequests,
      throttled: this.client.counts.throttled,
      retries: this.client.counts.retries,
      exitCode,
      ...(this.stopped ? { stopped: this.stopped.message } : {}),
    };
    writeUndoSummary(this.dir, summary);
    this.logger.info({ counts, exitCode }, 'undo finished');
    return {
      exitCode,
      summary,
      options: this.options,
      ...(this.stopped ? { stopped: this.stopped } : {}),
    };
  }
}
