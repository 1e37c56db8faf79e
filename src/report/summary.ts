import type { FieldName } from '../fields.js';
import type { DateOrder } from '../map/types.js';
import { noResults, resultTotal, type Outcome, type Results } from '../outcome.js';
import type { Reading } from './reading.js';

/**
 * The rows of a run and how they ended (see RESULTS in outcome.ts): they always reconcile,
 * rows = created + existing + updated + unchanged + failed + blank + notAttempted.
 */
export interface Counts extends Results {
  /**
   * Data rows of the file, blank ones included (the header is not a row). A run stopped before
   * its check pass read the whole file (`stoppedAt` `login` or `checking`) counts the rows known
   * so far: up to the furthest row read, or done by an earlier run of the folder.
   */
  rows: number;
  blank: number;
  /**
   * Rows checked but not sent: a dry run, or a run that stopped early (rows it did not reach,
   * and rows sent with no answer before the stop, see `unanswered`).
   */
  notAttempted: number;
}

/** summary.json (SPEC "Results folder"). */
export interface Summary {
  file: string;
  resultsFolder: string;
  dryRun: boolean;
  options: Record<string, unknown>;
  started: string;
  finished: string;
  seconds: number;
  counts: Counts;
  writesUsed: number;
  throttled: number;
  retries: number;
  /** GET requests spent checking references and duplicates before the first write. */
  preflightRequests: number;
  exitCode: number;
  /** Why the run stopped early, when it did. */
  stopped?: string;
  /** Where it was when it stopped early. */
  stoppedAt?: 'reading' | 'login' | 'checking' | 'preflight' | 'uploading';
  /**
   * With `stopped`: rows whose create request went out with no answer before the stop (counted
   * in notAttempted). The journal holds them as sent; the resume looks for their records
   * before sending anything again.
   */
  unanswered?: number;
  /**
   * The day-month order each date column was read in (given by --date-format, or inferred),
   * so the command to re-run the errors file can repeat it.
   */
  dateOrders?: Partial<Record<FieldName, DateOrder>>;
  /**
   * A dry run that reached the account (validate --update): the rows it would create and
   * update (both counted in notAttempted); changes.csv lists the updates' fields.
   */
  planned?: { create: number; update: number };
  /** A dry run that did not reach the account (offline): what it left unchecked, and why. */
  unchecked?: string;
  /**
   * How the file was read: format, encoding (and how it was settled), delimiter or sheet, each
   * column `header -> field` or why it is left out, each date column's day-month order.
   */
  reading?: Reading;
  /**
   * The rows that failed, by original row number, as ranges (`[[7, 7], [10, 11]]`): the rows
   * `import DIR` takes from the fixed errors file (docs/fix-loop.md).
   */
  failedRows?: [number, number][];
  /**
   * The SHA-256 of `errors.csv` and `errors.xlsx` as the run wrote them: `import DIR` reads the
   * one whose hash differs now (the one the user edited).
   */
  reports?: Record<string, string>;
  /** The results folder whose failed rows this run took again (`import DIR`). */
  continues?: string;
}

/** How many rows ended each way, so far. */
export function resultsOf(outcomes: Iterable<Outcome>): Results {
  const results = noResults();
  for (const o of outcomes) results[o.result] += 1;
  return results;
}

/**
 * The counts of `rows` rows (blank ones included), of which `blank` are blank and the rest
 * ended as `results` says or were not attempted.
 */
export function countsOf(results: Readonly<Results>, rows: number, blank: number): Counts {
  return { rows, ...results, blank, notAttempted: rows - blank - resultTotal(results) };
}

/** Counts that always reconcile, of a file whose data rows were all read (see Counts). */
export function reconcile(results: Readonly<Results>, dataRows: number, blank: number): Counts {
  return countsOf(results, dataRows + blank, blank);
}
