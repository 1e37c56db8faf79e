import type ExcelJS from 'exceljs';
import { neutralize } from '../formula.js';
import { NO_RESULT, type CellValue } from '../read/types.js';
import { hasTime } from './cellText.js';

/**
 * How a cell of errors.xlsx is formatted: `text` keeps what is typed into it as typed (post
 * codes keep their leading zeros, `+44 …` is not taken for a formula); `general` lets the
 * spreadsheet read a typed value; `integer` and `date` do too, and show it as the template does
 * (an Id as a whole number, a date as yyyy-mm-dd: a date typed into a date column becomes a date
 * cell, which re-imports without any day-month doubt).
 */
export type CellFormat = 'text' | 'general' | 'integer' | 'date' | 'datetime';

/** A source cell as errors.xlsx holds it: its original kind where that kind is safe. */
export interface WorkbookCell {
  readonly value: ExcelJS.CellValue;
  readonly format: CellFormat;
  /** The source's own format code, for a number read under one (`+0`, `00000-0000`). */
  readonly numFmt?: string;
}

/**
 * A source cell for errors.xlsx, in the kind it was read: text stays text (never a number, so
 * `01620` and `+44 20 7946 0958` come back as written), XLSX numbers, dates and booleans stay
 * numbers, dates and booleans, and a spreadsheet error stays that error. Text a spreadsheet
 * would run as a formula gets the same leading `'` as in errors.csv (src/formula.ts), and is
 * written as a string cell, never a formula, so nothing in it ever runs.
 * @param textFormat the format of text and empty cells in this column (see CellFormat)
 */
export function workbookCell(cell: CellValue | undefined, textFormat: CellFormat): WorkbookCell {
  if (cell === null || cell === undefined) return { value: null, format: textFormat };
  if (typeof cell === 'string') return { value: neutralize(cell), format: textFormat };
  if (typeof cell === 'number' || typeof cell === 'boolean') {
    return { value: cell, format: 'general' };
  }
  if ('format' in cell) return { value: cell.number, format: 'general', numFmt: cell.format };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { value: { error: '#VALUE!' }, format: 'general' };
    return { value: cell, format: hasTime(cell) ? 'datetime' : 'date' };
  }
  if (cell.error === NO_RESULT) return { value: null, format: textFormat };
  return { value: { error: cell.error } as ExcelJS.CellErrorValue, format: 'general' };
}

/** ISO dates: the one order every locale reads the same way. */
export const NUMBER_FORMATS: Readonly<Record<CellFormat, string | undefined>> = {
  text: '@',
  general: undefined,
  integer: '0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};
