import type { ExportValue } from './exportValues.js';

/** Where an export's rows go, in order: a CSV or a streamed workbook. */
export interface ExportSink {
  /** One contact's row (a value per EXPORT_COLUMNS entry). */
  add(row: readonly ExportValue[]): void;
  /** Finishes the file after the last row: it is whole once this resolves. */
  close(rows: number): Promise<void>;
  /** Ends the file where it is, for a run that stopped: it is removed, never used. */
  abort(): Promise<void>;
}
