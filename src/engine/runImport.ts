import { chmodSync, copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ImportError, exitCodeOf } from '../errors.js';
import { FolderLock } from '../lock/folderLock.js';
import { createLogger } from '../log.js';
import { loadMapping, matchHeaders, settleUnmatched } from '../map/index.js';
import type { Country } from '../map/types.js';
import type { NexudusClient } from '../nexudus/client.js';
import { countryRecord } from '../nexudus/replies.js';
import { withDotEnv } from '../nexudus/credentials.js';
import { openSource, type SourceRow } from '../read/index.js';
import { createResultsFolder, defaultResultsFolder, resultPath } from '../report/resultsFolder.js';
import { readJournal, type JournalEntry } from '../upload/journal.js';
import { chainWriteTimes } from './chainWrites.js';
import { resumeState, type ResumeState } from '../upload/resume.js';
import { ImportPasses, PROGRESS_EVERY, type ImportRun } from './importPasses.js';
import type { CommandIo, ImportOptions } from './options.js';
import type { ProgressListener } from './events.js';
import { resumedOptions, type ResumeRequest } from './resumeOptions.js';
import { inputsOf, readRunRecord, writeRunRecord, type InputPart } from './runRecord.js';
import type { ContinuePlan } from './continueRun.js';
import { checkInputs, openInputs } from './openInputs.js';
import { sha256File } from './sha256.js';
import { stopClientOn, stopName } from './stopping.js';
import { shellWord } from '../shellWord.js';

export type { ImportRun } from './importPasses.js';

/**
 * `import` and `validate`: read -> check -> (preflight -> upload) -> report. Throws ImportError
 * for what ends a run before anything was sent (exit 2); a run that stopped later returns its
 * exit code with every report written.
 */
export async function runImport(
  given: ImportOptions | ResumeRequest | ContinuePlan,
  io: CommandIo,
): Promise<ImportRun> {
  const started = new Date();
  // One run per results folder: taken before anything else is done with the folder (a resume's
  // in prepare, a new run's right after creating it), released on every way out.
  using lock = new FolderLock();
  const { options, file, dir, resume, runStarted, continues, fixes, chainWrites } = await prepare(
    given,
    io,
    started,
    lock,
  );
  let inputs = 'inputs' in given ? given.inputs : undefined;
  if (resume) inputs = inputsOf(readRunRecord(dir));
  let table = inputs
    ? await openInputs(fixes ? [...inputs, fixes.part] : inputs, false)
    : await openSource(file, pick(options, ['sheet', 'encoding', 'delimiter']));
  const mapping = options.mapping ? await loadMapping(resolve(io.cwd, options.mapping)) : undefined;
  const source = displayPath(file, io.cwd);
  const match = matchHeaders(table.headers, mapping, {
    source,
    ...(options.ignoreColumns ? { ignore: options.ignoreColumns } : {}),
  });
  // Before the account is reached: a column that matches no field and holds a value stops here.
  const columns = await settleUnmatched(
    match,
    () => counted(table.rows(), io.progress, io.signal),
    { source },
  );

  // The API client (got and its friends) is loaded only when the account is reached: a run
  // that sends, or a dry run that can reach it and is not told --offline. A dry run sends GETs
  // only (preflight), never a write (docs/how-a-run-works.md, "Validate: online or offline").
  const online = !options.dryRun || (options.offline !== true && canReach(options, io));
  const connect = online ? await import('./connect.js') : undefined;
  const target = connect ? await connect.resolveTarget(options, io) : undefined;
  try {
    // Stopped before the results folder was made: nothing was sent or written.
    if (io.signal?.aborted) throw stoppedWhileReading(io.signal, resume ? dir : undefined, io.cwd);
    if (!resume) {
      createResultsFolder(dir);
      await lock.take(dir);
    }
    if (fixes && inputs) {
      // The fixed errors file is copied into this run's folder and read from there on, so
      // neither this run nor its resume depends on the one in DIR staying as it is.
      const part = await copyFixes(fixes, dir);
      inputs = [...inputs, part];
      table = await openInputs(inputs, false);
    }
  } catch (error) {
    if (!resume && fixes && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    await target?.close();
    throw error;
  }
  const logger = createLogger({
    file: resultPath(dir, 'log'),
    verbose: options.verbose,
    stderr: io.stderr,
  });
  if (!resume) {
    const parts: readonly InputPart[] = inputs ?? [await sourcePart(file, options)];
    const sha256 = parts[0]?.sha256 ?? (await sha256File(file));
    writeRunRecord(dir, file, sha256, options, started, {
      inputs: parts,
      ...(continues ? { continues } : {}),
    });
  }
  logger.info({ file, dir, headers: table.headers, resume: Boolean(resume) }, 'run started');

  let client: NexudusClient | undefined;
  let stopping: Disposable | undefined;
  try {
    client = target && connect ? connect.createClient(target, options, logger) : undefined;
    if (client) stopping = stopClientOn(client, io.signal, io.hurry);
    const passes = new ImportPasses({
      table,
      columns,
      options,
      logger,
      dir,
      progress: io.progress ?? {},
      signal: io.signal,
      runStarted,
      ...(resume ? { resume } : {}),
      ...(options.dryRun && client ? { online: true } : {}),
      ...(continues ? { continues } : {}),
      ...(chainWrites?.length ? { chainWrites } : {}),
    });
    try {
      if (client) passes.loggingIn();
      const countries = client ? await startSession(client) : undefined;
      await passes.check({
        columns,
        decimalComma: table.delimiter === ';',
        csv: table.format === 'csv',
        ...(countries ? { countries } : {}),
        now: started,
      });
      if (client) await passes.upload(client);
    } catch (error) {
      // Stopped early (exit 3 or 130), at any stage: the reports and summary.json are written
      // and the message names the folder and the resume command, as at the end of a run.
      if (!(error instanceof ImportError) || exitCodeOf(error) === 2) throw error;
      passes.stopWith(error);
      client?.stop(error);
    }
    return await passes.finish(started, file, client);
  } catch (error) {
    if (!(error instanceof ImportError)) {
      logger.error({ err: error }, 'unexpected error');
      if (error instanceof Error) Object.assign(error, { logFile: resultPath(dir, 'log') });
    }
    // Refused before anything was written: nothing happened, leave nothing behind.
    if (
      !resume &&
      error instanceof ImportError &&
      exitCodeOf(error) === 2 &&
      (client?.counts.writes ?? 0) === 0
    ) {
      rmSync(dir, { recursive: true, force: true });
    }
    throw error;
  } finally {
    stopping?.[Symbol.dispose]();
    // Whatever is still waiting or in flight (nothing, after a whole run) is not wanted any more.
    client?.stop(new ImportError('interrupted', 'The run is over.'));
    client?.abandonWrites();
    await target?.close();
  }
}

/** A new run's folder, or a resumed run's recorded options, source and journal. */
async function prepare(
  given: ImportOptions | ResumeRequest | ContinuePlan,
  io: CommandIo,
  started: Date,
  lock: FolderLock,
): Promise<{
  options: ImportOptions;
  file: string;
  dir: string;
  resume?: ResumeState;
  /** When the folder's first run began: this run, or the one a resume carries on. */
  runStarted: Date;
  /** `import DIR`: the folder continued, and the fixed errors file to copy in. */
  continues?: string;
  fixes?: ContinuePlan['fixes'];
  /** Writes of the folders this run continues, in the last 24 hours (see chainWriteTimes). */
  chainWrites?: number[];
}> {
  if ('continues' in given) {
    const { options } = given;
    if (options.out !== undefined) refuseFileAsFolder(resolve(io.cwd, options.out), options.out);
    return {
      options,
      file: options.file,
      dir: resolve(io.cwd, options.out ?? defaultResultsFolder(options.file, started, io.cwd)),
      runStarted: started,
      continues: given.continues,
      ...(given.fixes ? { fixes: given.fixes } : {}),
      chainWrites: chainWriteTimes(given.continues),
    };
  }
  if (!('overrides' in given)) {
    const file = resolve(io.cwd, given.file);
    if (given.out !== undefined) refuseFileAsFolder(resolve(io.cwd, given.out), given.out);
    return {
      options: given,
      file,
      dir: resolve(io.cwd, given.out ?? defaultResultsFolder(originalOf(file), started, io.cwd)),
      runStarted: started,
    };
  }
  const dir = resolve(io.cwd, given.resume);
  await lock.take(dir);
  const record = readRunRecord(dir);
  const options = resumedOptions(record, given.overrides, dir);
  await checkInputs(inputsOf(record));
  const journal = readJournal(resultPath(dir, 'journal'));
  return {
    options,
    file: record.source,
    dir,
    resume: resumeState(journal),
    runStarted: firstRunStart(record.started, journal, started),
    ...(record.continues
      ? { continues: record.continues, chainWrites: chainWriteTimes(record.continues) }
      : {}),
  };
}

/**
 * When the folder's first run began, as run.json says. A folder of an earlier version has no
 * such record: its journal's first line was written after that run began, which is as good.
 */
function firstRunStart(recorded: string | undefined, journal: readonly JournalEntry[], now: Date) {
  const times = [recorded, journal[0]?.at].map((t) => (t ? Date.parse(t) : NaN));
  const at = times.find((t) => Number.isFinite(t));
  return at === undefined ? now : new Date(Math.min(at, now.getTime()));
}

/**
 * The file a run's folder is named after: an errors file (or a fixed copy of one) beside a
 * run.json is named after that run's original file, so a chain of re-runs keeps its name.
 */
function originalOf(file: string): string {
  const name = basename(file).toLowerCase();
  if (!/^(errors\.(csv|xlsx)|fixes-\d+\.(csv|xlsx))$/.test(name)) return file;
  const beside = dirname(file);
  if (!existsSync(join(beside, 'run.json'))) return file;
  try {
    return inputsOf(readRunRecord(beside))[0]?.path ?? file;
  } catch {
    return file;
  }
}

/** A new run's one file, as run.json records it. */
async function sourcePart(file: string, options: ImportOptions): Promise<InputPart> {
  return {
    path: file,
    sha256: await sha256File(file),
    kind: 'source',
    ...pick(options, ['sheet', 'encoding', 'delimiter']),
    skip: [],
  };
}

/** Copies the fixed errors file into the run's folder (0600), checking it is what was read. */
async function copyFixes(
  fixes: NonNullable<ContinuePlan['fixes']>,
  dir: string,
): Promise<InputPart> {
  const copy = join(dir, fixes.name);
  copyFileSync(fixes.from, copy);
  chmodSync(copy, 0o600);
  if ((await sha256File(copy)) !== fixes.part.sha256) {
    throw new ImportError(
      'source-changed',
      `${fixes.from} was saved again while it was being read: run this again once it is saved.`,
    );
  }
  return { ...fixes.part, path: copy };
}

/**
 * Whether a dry run can reach the account: --sandbox, --base-url, or credentials in the
 * environment or .env (a username alone counts: the run then says the password is missing).
 */
function canReach(options: ImportOptions, io: CommandIo): boolean {
  if (options.sandbox || options.baseUrl) return true;
  const env = withDotEnv(io.env, io.cwd);
  return Boolean(env.NEXUDUS_TOKEN?.trim() || env.NEXUDUS_USERNAME?.trim());
}

/** `--out` naming a file: said before the file is read, not after. */
function refuseFileAsFolder(dir: string, typed: string): void {
  let isFile = false;
  try {
    isFile = !statSync(dir).isDirectory();
  } catch {
    return; // not there yet: it is made later
  }
  if (isFile) {
    throw new ImportError(
      'usage',
      `--out ${typed} is a file, not a folder: give --out a folder for the results, one that does not exist yet or is empty.`,
    );
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

/**
 * A stop before the results folder was made: nothing was sent or written, so there is nothing
 * to resume (a resumed run's folder is as its last run left it).
 */
function stoppedWhileReading(
  signal: AbortSignal,
  resumeDir: string | undefined,
  cwd: string,
): ImportError {
  const by = `Stopped by ${stopName(signal)} while reading the file, before anything was sent`;
  return new ImportError(
    'interrupted',
    resumeDir
      ? `${by}; ${displayPath(resumeDir, cwd)} is as the last run left it: carry on with npx nexudus-import import --resume ${shellWord(displayPath(resumeDir, cwd))}`
      : `${by} or written; run the same command again to start.`,
  );
}

/**
 * The rows, reporting how many were read as a check pass does (a long file shows it moving),
 * and stopping at once on Ctrl-C or SIGTERM.
 */
async function* counted(
  rows: AsyncIterable<SourceRow>,
  progress: ProgressListener | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<SourceRow> {
  let read = 0;
  for await (const row of rows) {
    if (signal?.aborted) return;
    read += 1;
    if (read % PROGRESS_EVERY === 0) progress?.checking?.(read);
    yield row;
  }
}

function pick<T extends object, K extends keyof T>(
  object: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) picked[key] = object[key];
  return picked;
}

/** A path as short as it can be said from the working directory. */
function displayPath(file: string, cwd: string): string {
  const near = relative(cwd, file);
  return near && !near.startsWith('..') && !isAbsolute(near) ? near : file;
}
