import { shownText } from '../read/numberFormat.js';
import { NO_RESULT, type CellValue, type FormattedNumber } from '../read/types.js';

/** A value that failed its check: what mapRow turns into a RowProblem. */
export class Invalid {
  constructor(readonly message: string) {}
}

/** What one cell became: a value for the payload, nothing (blank), or a problem. */
export type Converted<T> = T | undefined | Invalid;

/** `YYYY-MM-DD` of a date cell, for messages (its UTC fields are the sheet's wall clock). */
export function dateCellText(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'an invalid date' : d.toISOString().slice(0, 10);
}

/** Whether the cell is a number under a display format (`+0`, `00000-0000`, `[h]:mm`). */
export function isFormatted(cell: CellValue): cell is FormattedNumber {
  return typeof cell === 'object' && cell !== null && 'format' in cell;
}

/** The cell as a field of numbers reads it: a formatted number is its value (Ids keep 7101). */
export function asNumber(cell: CellValue): Exclude<CellValue, FormattedNumber> {
  return isFormatted(cell) ? cell.number : cell;
}

/**
 * The cell as a text field reads it: a formatted number is the text Excel shows (`+0` shows
 * 4479460958 as `+4479460958`; SPEC "Reading").
 */
export function asShown(cell: CellValue): Exclude<CellValue, FormattedNumber> {
  return isFormatted(cell) ? shownText(cell) : cell;
}

/** Text, a number or an empty cell: what every field can read. */
export type PlainCell = string | number | null;

export function isPlain(cell: CellValue): cell is PlainCell {
  return typeof cell === 'string' || typeof cell === 'number' || cell === null;
}

/**
 * The problem of a cell no field of this sort can take: a spreadsheet error, TRUE/FALSE, or a
 * date where something else is expected.
 * @param expected what the field takes, for the message ("a whole number", "text").
 */
export function wrongCell(
  cell: Exclude<CellValue, PlainCell | FormattedNumber>,
  expected: string,
): Invalid {
  if (typeof cell === 'boolean') {
    return new Invalid(`is a TRUE/FALSE cell (${cell ? 'TRUE' : 'FALSE'}), not ${expected}`);
  }
  if (cell instanceof Date) {
    return new Invalid(
      `is a date cell (${dateCellText(cell)}), not ${expected}: the spreadsheet turned it into a date; format the column as Text and type the value again`,
    );
  }
  if (cell.error === NO_RESULT) {
    return new Invalid(
      'is a formula whose result the file does not hold (the program that wrote it does not calculate): open the file in Excel or LibreOffice, save it, and import it again',
    );
  }
  return new Invalid(`the cell shows the spreadsheet error ${cell.error}`);
}
