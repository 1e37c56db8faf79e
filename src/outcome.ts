import type { RowProblem } from './map/types.js';

/**
 * The results of a row whose record is in Nexudus at the end: `created` by the run, `existing`
 * before it (the duplicate check found it), and, with an update run, `updated` (a cell differed
 * and was written) or `unchanged` (none did). Blank rows are counted, not recorded.
 */
export const RECORD_RESULTS = ['created', 'existing', 'updated', 'unchanged'] as const;
export type RecordResult = (typeof RECORD_RESULTS)[number];

/** Every result an import row is recorded with, in the order summaries and screens list them. */
export const RESULTS = [...RECORD_RESULTS, 'failed'] as const;
export type Result = (typeof RESULTS)[number];

/**
 * How one input row ended. `sourceRow` is the row in the file read; `row` the one reports name
 * (the original row, when an errors file is imported again).
 */
export type Outcome =
  | {
      readonly sourceRow: number;
      readonly row: number;
      readonly result: RecordResult;
      readonly id: number;
    }
  | {
      readonly sourceRow: number;
      readonly row: number;
      readonly result: 'failed';
      readonly problems: readonly RowProblem[];
    };

/** How many rows ended each way. */
export type Results = Record<Result, number>;

/** Results all 0. */
export function noResults(): Results {
  return Object.fromEntries(RESULTS.map((r) => [r, 0])) as Results;
}

/** Rows recorded with any result: the sum of `results`. */
export function resultTotal(results: Readonly<Results>): number {
  return RESULTS.reduce((sum, r) => sum + results[r], 0);
}
