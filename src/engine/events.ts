import type { Results } from '../outcome.js';
import type { Reading } from '../report/reading.js';

/**
 * What a run tells the screen while it works (STYLE "Progress through callbacks"): the core
 * reports, only the CLI draws. Every callback is optional and must be cheap.
 */
export interface ProgressListener {
  /**
   * How the file was read (format, encoding, columns, date orders), once the check pass has
   * settled it and before anything is sent; the screen shows it unless --quiet.
   */
  reading?(reading: Reading): void;
  /** A pass over the file read more rows (called every few hundred rows, and at its end). */
  checking?(rowsRead: number): void;
  /** Preflight is done; `total` rows are left to settle (send, or find existing). */
  uploading?(total: number): void;
  /** One more row of the upload pass ended. */
  rowDone?(tally: Readonly<Tally>): void;
  /** The run is over (reports written); a bar should clear itself. */
  finished?(): void;
}

/** The rows the upload pass has settled so far: how many, and how each ended. */
export interface Tally extends Results {
  done: number;
}
