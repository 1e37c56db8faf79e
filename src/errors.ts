import { scrubText } from './secrets.js';

/**
 * Errors that end a run. Row problems are data (see map/types.ts), never exceptions; these are
 * for the whole run: a file we cannot read, a usage mistake, credentials refused, a limit reached.
 * The CLI is the only place that turns them into exit codes (see exitCodeFor in cli.ts).
 */

/** Stable codes: tests assert on these, not on prose. */
export type ImportErrorCode =
  // exit 2: nothing was sent
  | 'usage' // bad flags or option values
  | 'file-not-found'
  | 'unsupported-format' // .xls, .ods, .numbers, a binary "csv", ...
  | 'corrupt-file' // truncated or broken workbook, undecodable text, a NUL byte
  | 'doubtful-encoding' // CSV text whose code page the text does not settle
  | 'too-large' // past a spreadsheet's limits: rows, columns, cell length, inflated XML
  | 'empty-file'
  | 'unknown-sheet'
  | 'duplicate-header'
  | 'missing-column'
  | 'unmatched-column' // a non-empty column that matches no field
  | 'bad-mapping'
  | 'auth-refused' // credentials refused at the start
  | 'source-changed' // --resume and the source's SHA-256 differs
  | 'out-not-empty'
  | 'folder-in-use' // another process holds the results folder's lock
  | 'damaged-record' // run.json or journal.ndjson of a results folder cannot be read
  // exit 3: stopped early, resumable
  | 'quota-reached'
  | 'throttled-too-long'
  | 'server-failing'
  | 'auth-lost'
  // exit 130
  | 'interrupted';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    /** One or two plain sentences for the user: what is wrong and what to do. */
    message: string,
    options?: { cause?: unknown },
  ) {
    // Every message reaches the terminal and summary.json: never with a password or token in it.
    super(scrubText(message), options);
  }
}

const STOPPED_EARLY: readonly ImportErrorCode[] = [
  'quota-reached',
  'throttled-too-long',
  'server-failing',
  'auth-lost',
];

/** The exit code for a run that ended with this error (SPEC "Exit codes"). */
export function exitCodeOf(error: ImportError): 2 | 3 | 130 {
  if (error.code === 'interrupted') return 130;
  return STOPPED_EARLY.includes(error.code) ? 3 : 2;
}
