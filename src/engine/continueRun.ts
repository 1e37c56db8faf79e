import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { ImportError } from '../errors.js';
import { openSource } from '../read/index.js';
import { partsTable } from '../read/parts.js';
import { inRanges, rangeCount, toRanges, unionRanges, type RowRanges } from '../read/rowRanges.js';
import { RESULT_FILES, resultPath } from '../report/resultsFolder.js';
import type { Summary } from '../report/summary.js';
import { shellWord } from '../shellWord.js';
import { readJournal } from '../upload/journal.js';
import { resumeState } from '../upload/resume.js';
import { readOptionsOf } from './openInputs.js';
import type { ImportOptions } from './options.js';
import { inputsOf, readRunRecord, type InputPart } from './runRecord.js';
import { sha256File } from './sha256.js';

/**
 * `import DIR` / `validate DIR` (docs/fix-loop.md): a new run of the rows the run in DIR did not
 * finish, with the failed ones taken from the errors file the user fixed.
 */
export interface ContinueRequest {
  readonly continues: string;
  readonly dryRun: boolean;
  /** The options typed on this command line: they override the ones DIR recorded. */
  readonly overrides: Partial<ImportOptions>;
}

/** What a run from DIR reads and with which options, settled before anything is read. */
export interface ContinuePlan {
  readonly options: ImportOptions;
  /** The results folder continued (absolute). */
  readonly continues: string;
  /** DIR's parts with the rows it finished or that failed left out; the fixes come after. */
  readonly inputs: readonly InputPart[];
  /** The edited errors file, copied into the new folder as `name` (its hash checked). */
  readonly fixes?: FixesFile;
  /** What is read, in a sentence, shown before anything is sent. */
  readonly notice: string;
}

export interface FixesFile {
  readonly from: string;
  readonly name: string;
  readonly part: InputPart;
}

/** Options that decide how the input's files are read: recorded with each file, never changed. */
const PER_FILE = ['sheet', 'encoding', 'delimiter'] as const;

/**
 * Settles a run from the results folder `request.continues`: refuses a folder that is not a
 * finished run's, finds the errors file that was edited (exactly one, when rows failed), checks
 * its lines, and works out the rows to take from each file.
 * @throws ImportError `usage` for every refusal (exit 2), in one or two sentences
 */
export async function planContinue(request: ContinueRequest, cwd: string): Promise<ContinuePlan> {
  const dir = resolve(cwd, request.continues);
  const shown = displayPath(dir, cwd);
  refuseOtherFolder(dir, shown);
  const record = readRunRecord(dir);
  const summary = readFinishedSummary(dir, shown, record.source, cwd);
  const real = !summary.dryRun;

  const done = real ? doneRows(dir) : [];
  const failed: RowRanges = summary.failedRows ?? [];
  const failedCount = rangeCount(failed);
  const parts = inputsOf(record);
  const original = parts[0];
  if (!original) throw new Error('run.json has at least one input');

  let fixes: FixesFile | undefined;
  let fixedRows = 0;
  let edited: string | undefined;
  // An older folder records no failed rows: a real run then takes nothing more of its files
  // (every row it did not fail is done); a dry run takes its rows but those in the errors file.
  let skipFailed: RowRanges = failed;
  if (failedCount > 0 || summary.failedRows === undefined) {
    edited = editedErrorsFile(dir, shown, summary);
    if (edited === undefined && (failedCount > 0 || summary.counts.failed > 0)) {
      throw new ImportError(
        'usage',
        `Nothing was fixed: neither ${join(shown, 'errors.xlsx')} nor ${join(shown, 'errors.csv')} changed since the run. Fix the failed rows in either one and save it (to import the other rows without them, delete their lines from it), then run this again.`,
      );
    }
  }
  if (edited !== undefined) {
    const checked = await readFixes(
      edited,
      parts,
      summary.failedRows === undefined ? undefined : failed,
    );
    fixedRows = checked.rows.length;
    if (summary.failedRows === undefined) {
      skipFailed = real ? [[1, Number.MAX_SAFE_INTEGER]] : toRanges(checked.rows);
    }
    const n = parts.filter((p) => p.kind === 'fixes').length + 1;
    if (fixedRows > 0) {
      fixes = {
        from: edited,
        name: `fixes-${n}${extname(edited).toLowerCase()}`,
        part: {
          path: edited,
          sha256: checked.sha256,
          kind: 'fixes',
          ...checked.read,
          skip: [],
        },
      };
    }
  }
  const inputs = parts.map((part) => ({
    ...part,
    skip: unionRanges(part.skip, done, skipFailed),
  }));

  // A dry run's rows that passed are all taken again (those it found in Nexudus too).
  const { counts } = summary;
  const taken = real
    ? summary.failedRows === undefined
      ? 0
      : counts.notAttempted
    : counts.rows - counts.blank - (summary.failedRows === undefined ? counts.failed : failedCount);
  const deleted = summary.failedRows === undefined ? 0 : failedCount - fixedRows;
  if (taken === 0 && fixedRows === 0) {
    throw new ImportError(
      'usage',
      deleted > 0
        ? `Every row of ${shown} is done, and the failed ones were deleted from ${basename(edited ?? 'errors.csv')}: there is nothing left to import.`
        : `Every row of ${shown} is done: there is nothing left to import.`,
    );
  }
  return {
    options: continuedOptions(record.options, summary, original, request),
    continues: dir,
    inputs,
    ...(fixes ? { fixes } : {}),
    notice: noticeOf({
      source: basename(original.path),
      shown,
      taken,
      real,
      fixedRows,
      edited: edited ? join(shown, basename(edited)) : undefined,
      deleted,
    }),
  };
}

/** A folder that is not an import's results folder: said in one sentence. */
function refuseOtherFolder(dir: string, shown: string): void {
  if (/^undo-\d{8}-\d{6}$/.test(basename(dir))) {
    throw new ImportError(
      'usage',
      `${shown} is the folder of an undo, not of an import: to import the failed rows of a run again, name the run's own results folder.`,
    );
  }
  if (!existsSync(resultPath(dir, 'run'))) {
    throw new ImportError(
      'usage',
      `${shown} is a folder, not a file to import nor a results folder of nexudus-import (it has no run.json): name a .csv or .xlsx file, or a results folder.`,
    );
  }
}

/** DIR's summary.json, of a run that finished; else why it cannot be continued. */
function readFinishedSummary(dir: string, shown: string, source: string, cwd: string): Summary {
  let summary: Summary | undefined;
  try {
    summary = JSON.parse(readFileSync(resultPath(dir, 'summary'), 'utf8')) as Summary;
  } catch {
    summary = undefined;
  }
  const stopped =
    !summary ||
    typeof summary.exitCode !== 'number' ||
    summary.exitCode === 3 ||
    summary.exitCode === 130;
  if (!stopped) return summary as Summary;
  let dryRun = summary?.dryRun;
  if (dryRun === undefined) {
    try {
      dryRun = readRunRecord(dir).options.dryRun;
    } catch {
      dryRun = false;
    }
  }
  const npx = (...words: string[]) => ['npx', 'nexudus-import', ...words.map(shellWord)].join(' ');
  throw new ImportError(
    'usage',
    dryRun
      ? `The check in ${shown} stopped before it finished: check the file again with ${npx('validate', displayPath(source, cwd))}, then fix its failed rows.`
      : `The run in ${shown} stopped before it finished: carry it on with ${npx('import', '--resume', shown)}, then fix its failed rows.`,
  );
}

/** The rows a real run of DIR finished (created, existing, updated, unchanged), as ranges. */
function doneRows(dir: string): [number, number][] {
  const state = resumeState(readJournal(resultPath(dir, 'journal')));
  return toRanges([...state.done.values()].map((o) => o.row));
}

/**
 * The errors file the user edited: the one whose SHA-256 is no longer the one the run wrote
 * (summary.json `reports`); in a folder of an earlier version, the one saved after the run
 * finished. Both edited → refused, naming both.
 */
function editedErrorsFile(dir: string, shown: string, summary: Summary): string | undefined {
  const edited: string[] = [];
  for (const name of ['errorsXlsx', 'errorsCsv'] as const) {
    const path = resultPath(dir, name);
    if (!existsSync(path)) continue;
    const written = summary.reports?.[RESULT_FILES[name]];
    const changed =
      written !== undefined
        ? sha256Sync(path) !== written
        : statSync(path).mtimeMs > Date.parse(summary.finished) + 1000;
    if (changed) edited.push(path);
  }
  if (edited.length > 1) {
    throw new ImportError(
      'usage',
      `Both ${join(shown, 'errors.xlsx')} and ${join(shown, 'errors.csv')} were changed since the run, and only one can be read: delete the one you did not mean to use and run this again.`,
    );
  }
  return edited[0];
}

/** An errors file's SHA-256: small (the failed rows only), read at once. */
function sha256Sync(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Reads the edited errors file once, before anything is sent: its columns must be the
 * original's, and each line must name (by `Row`) a row that failed, once.
 */
async function readFixes(
  path: string,
  parts: readonly InputPart[],
  failed: RowRanges | undefined,
): Promise<{
  rows: number[];
  sha256: string;
  read: Pick<InputPart, 'sheet' | 'encoding' | 'delimiter'>;
}> {
  const name = basename(path);
  const sha256 = await sha256File(path);
  let table;
  try {
    table = await openSource(path);
  } catch (error) {
    // every line deleted: no fixed rows
    if (error instanceof ImportError && error.code === 'empty-file') {
      return { rows: [], sha256, read: {} };
    }
    throw error;
  }
  const original = parts[0];
  if (!original) throw new Error('run.json has at least one input');
  const base = await openSource(original.path, readOptionsOf(original)).catch((error: unknown) => {
    throw new ImportError(
      'file-not-found',
      `The original file of this run, ${original.path}, cannot be read any more; put it back where it was, then run this again.`,
      { cause: error },
    );
  });
  const both = partsTable([
    {
      spec: {
        path: original.path,
        read: readOptionsOf(original),
        skip: [[1, Number.MAX_SAFE_INTEGER]],
      },
      table: base,
    },
    { spec: { path, read: {}, skip: [] }, table },
  ]);
  const rows: number[] = [];
  const seen = new Set<number>();
  for await (const row of both.rows()) {
    if (seen.has(row.row)) {
      throw new ImportError(
        'usage',
        `${name} has two lines for row ${row.row}: delete one of them, then run this again.`,
      );
    }
    if (failed !== undefined && !inRanges(failed, row.row)) {
      throw new ImportError(
        'usage',
        `${name} has a line for row ${row.row}, which did not fail: each line's Row must be the number it had (put new contacts in a file of their own), then run this again.`,
      );
    }
    seen.add(row.row);
    rows.push(row.row);
  }
  const read =
    table.format === 'xlsx'
      ? { ...(table.sheet !== undefined ? { sheet: table.sheet } : {}) }
      : {
          ...(table.encoding !== undefined ? { encoding: table.encoding } : {}),
          delimiter: table.delimiter,
        };
  return { rows, sha256, read };
}

/**
 * The options of the new run: DIR's recorded ones (the day-month order DIR read every date
 * column in, when it was one and none was given), with the options typed now over them.
 * `import` makes a real run and `validate` a dry one, whatever DIR was.
 */
function continuedOptions(
  recorded: Readonly<Record<string, unknown>>,
  summary: Summary,
  original: InputPart,
  request: ContinueRequest,
): ImportOptions {
  for (const key of PER_FILE) {
    if (request.overrides[key] !== undefined) {
      throw new ImportError(
        'usage',
        `--${key} cannot be given with a results folder: each file is read as the run recorded it.`,
      );
    }
  }
  const {
    out: _out,
    resume: _resume,
    json: _json,
    verbose: _verbose,
    quiet: _quiet,
    ...kept
  } = recorded;
  const merged: Record<string, unknown> = {
    ...kept,
    json: false,
    verbose: false,
    quiet: false,
    file: original.path,
    dryRun: request.dryRun,
  };
  if (merged.dateFormat === undefined) {
    const orders = new Set(Object.values(summary.dateOrders ?? {}));
    if (orders.size === 1) merged.dateFormat = [...orders][0];
  }
  const typed = request.overrides;
  if (typed.baseUrl !== undefined) merged.sandbox = false;
  if (typed.sandbox === true) delete merged.baseUrl;
  for (const [key, value] of Object.entries(typed)) if (value !== undefined) merged[key] = value;
  merged.dryRun = request.dryRun || typed.dryRun === true;
  // --offline typed now leaves the recorded account aside; a real run reaches the account anyway.
  if (typed.offline === true) {
    merged.sandbox = false;
    delete merged.baseUrl;
  }
  if (merged.dryRun !== true) delete merged.offline;
  return merged as unknown as ImportOptions;
}

function noticeOf(what: {
  source: string;
  shown: string;
  taken: number;
  real: boolean;
  fixedRows: number;
  edited: string | undefined;
  deleted: number;
}): string {
  const count = (n: number, one: string, many: string) =>
    n === 1 ? one.replace('#', '1') : many.replace('#', n.toLocaleString('en-US'));
  const fixed = count(what.fixedRows, 'the fixed row', 'the # fixed rows');
  const took = count(
    what.taken,
    what.real ? '1 row not finished in ' : '1 row that passed in ',
    what.real ? '# rows not finished in ' : '# rows that passed in ',
  );
  let text =
    what.taken > 0 && what.fixedRows > 0
      ? `Reading ${what.source} (${took}${what.shown}) and ${fixed} of ${what.edited ?? ''}.`
      : what.taken > 0
        ? `Reading ${what.source} (${took}${what.shown}).`
        : `Reading ${fixed} of ${what.edited ?? ''} (every other row of ${what.source} is done in ${what.shown}).`;
  if (what.deleted > 0) {
    const from = basename(what.edited ?? '');
    text += ` ${count(what.deleted, `The failed row deleted from ${from} is left out.`, `The # failed rows deleted from ${from} are left out.`)}`;
  }
  return text;
}

/** A path as short as it can be said from the working directory. */
function displayPath(path: string, cwd: string): string {
  const near = relative(cwd, path);
  return near && !near.startsWith('..') && !isAbsolute(near) ? near : path;
}
