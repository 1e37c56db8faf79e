import { shownText } from '../read/numberFormat.js';
import { NO_RESULT, type CellValue } from '../read/types.js';

/**
 * A cell as text, the way reports echo it: what was read, not what was made of it. XLSX date
 * cells become ISO dates (with the time only when there is one), so any spreadsheet reads them.
 * A number under a display format is the text Excel shows (`+4479460958`), as a text field
 * took it, unless `asValue` (a column of Ids, enums or numbers: `7101`, not `7,101`, so the
 * line imports again as it was read).
 */
export function cellText(value: CellValue | undefined, asValue = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('format' in value) return asValue ? String(value.number) : shownText(value);
  // A formula with no saved result shows nothing; its row's error says why.
  return value.error === NO_RESULT ? '' : value.error;
}

/**
 * `YYYY-MM-DD`, or `YYYY-MM-DD HH:mm:ss` when the date has a time; its UTC fields are the
 * sheet's wall clock. A serial too large to be a date (Excel shows `#####`) has no ISO form:
 * it is echoed as Excel's error text rather than stopping the reports.
 */
export function dateText(value: Date): string {
  if (Number.isNaN(value.getTime())) return '#VALUE!';
  const iso = value.toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/** Whether a date cell has a time of day, so errors.xlsx formats it with one. */
export function hasTime(value: Date): boolean {
  return !Number.isNaN(value.getTime()) && value.getTime() % 86_400_000 !== 0;
}
