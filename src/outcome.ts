import type { RowProblem } from './map/types.js';

/**
 * How one input row ended (SPEC: every row ends created, existing, failed or blank; blank rows
 * are counted, not recorded). `sourceRow` is the row in the file read; `row` the one reports
 * name (the original row, when an errors file is imported again).
 */
export type Outcome =
  | {
      readonly sourceRow: number;
      readonly row: number;
      readonly result: 'created' | 'existing';
      readonly id: number;
    }
  | {
      readonly sourceRow: number;
      readonly row: number;
      readonly result: 'failed';
      readonly problems: readonly RowProblem[];
    };

export type Result = Outcome['result'];
