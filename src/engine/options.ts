import type { DateOrder } from '../map/types.js';
import { NEXUDUS_WRITES_PER_MINUTE } from '../nexudus/limits.js';
import type { ProgressListener } from './events.js';

/**
 * The defaults of the options that have a fixed one (README "Options of import and validate"),
 * in one place: the CLI offers them, and the next command leaves out a flag at its default. The
 * other pace defaults follow the write pace (defaultRequestsPerMinute, defaultRequestsPerHour).
 */
export const IMPORT_DEFAULTS = {
  concurrency: 2,
  writesPerMinute: NEXUDUS_WRITES_PER_MINUTE,
  dailyWriteLimit: 5000,
  requestTimeoutMs: 30_000,
} as const satisfies Partial<ImportOptions>;

/** Every option of `import` and `validate`, typed (SPEC "import options"). */
export interface ImportOptions {
  readonly file: string;
  readonly sandbox: boolean;
  readonly baseUrl?: string;
  readonly dryRun: boolean;
  /**
   * `--offline` (with a dry run only): check the file without reaching the account, even with
   * credentials set. Without it a dry run reads the account whenever it can (runImport.ts).
   */
  readonly offline?: boolean;
  readonly out?: string;
  readonly resume?: string;
  readonly sheet?: string;
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly dateFormat?: DateOrder;
  readonly mapping?: string;
  /** `--ignore-column` (repeatable): headers of source columns to leave out on purpose. */
  readonly ignoreColumns?: readonly string[];
  readonly concurrency: number;
  readonly writesPerMinute: number;
  /** Default: max(120, 2 × writesPerMinute), Nexudus's ratio of all requests to writes (defaultRequestsPerMinute). */
  readonly requestsPerMinute: number;
  /**
   * All requests over an hour. Default (and when an older run.json has none): Nexudus's 5,000,
   * raised in proportion to a raised write pace (see defaultRequestsPerHour).
   */
  readonly requestsPerHour?: number;
  readonly dailyWriteLimit: number;
  /** A request with no answer after this long is given up (ambiguous for a write). Default 30 s. */
  readonly requestTimeoutMs?: number;
  readonly waitForQuota: boolean;
  readonly allowDuplicates: boolean;
  /**
   * `--update`: a row matching an existing contact (by its Id cell, else by the duplicate key)
   * updates the fields whose cells differ (SPEC "Update"). Never with allowDuplicates. Absent in
   * run.json of earlier versions: off.
   */
  readonly update?: boolean;
  /** `--clear-blank` (with update only): a blank cell clears its field instead of leaving it. */
  readonly clearBlank?: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
}

/** What a command needs from the process, injected so tests can run it in-process. */
export interface CommandIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /**
   * Aborted on Ctrl-C or SIGTERM (the CLI gives the signal's name as its reason): no new
   * requests, creates in flight get 10 s to be answered, the reports are written, exit 130.
   */
  readonly signal?: AbortSignal;
  /** Aborted on a second Ctrl-C or SIGTERM: creates still in flight are abandoned at once. */
  readonly hurry?: AbortSignal;
  /** Where the run reports its progress (the CLI draws it on stderr). */
  readonly progress?: ProgressListener;
}
