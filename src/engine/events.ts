import type { Results } from '../outcome.js';
import type { Reading } from '../report/reading.js';

/**
 * What a run tells the screen while it works (STYLE "Progress through callbacks"): the core
 * reports, only the CLI draws. Every callback is optional and must be cheap.
 */
export interface ProgressListener extends PaceListener {
  /**
   * How the file was read (format, encoding, columns, date orders), once the check pass has
   * settled it and before anything is sent; the screen shows it unless --quiet.
   */
  reading?(reading: Reading): void;
  /**
   * A pass over the file started (`0`: the clock of its rate starts) or read more rows (called
   * every few hundred rows).
   */
  checking?(rowsRead: number): void;
  /** The check pass read the whole file: `rows` data rows. */
  checked?(rows: number): void;
  /**
   * Preflight is done; the upload pass settles the rest. `total` is the file's rows as the
   * summary counts them (blank ones included); `settled`, when given, the rows already settled as
   * it starts: blank rows, rows the check failed and rows an earlier run of the folder finished
   * (a resumed run's bar counts the whole file, so it ends where the summary does).
   */
  uploading?(total: number, settled?: Readonly<Tally>): void;
  /** One more row of the upload pass ended (the tally counts the rows settled before it too). */
  rowDone?(tally: Readonly<Tally>): void;
  /** The run is over (reports written); a bar should clear itself. */
  finished?(): void;
}

/**
 * Nexudus asked the run to slow down, and when it no longer holds it back: raised by the Writer,
 * for import and undo alike.
 */
export interface PaceListener {
  /**
   * A write was answered 409 or 429 (throttled): no request goes before `untilMs` (epoch ms, from
   * its Retry-After), and the pace is slower after it.
   */
  throttled?(untilMs: number): void;
  /** A write sent after the wait was answered: writes flow again. */
  flowing?(): void;
}

/** The rows the upload pass has settled so far: how many, and how each ended. */
export interface Tally extends Results {
  done: number;
}
