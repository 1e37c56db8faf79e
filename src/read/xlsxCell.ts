import { builtInFormat, isElapsedFormat, showsPlainDigits } from './numberFormat.js';
import { ownString } from './ownString.js';
import { NO_RESULT, type CellValue } from './types.js';

/** A `<c>` element of a worksheet, as written. */
export interface RawCell {
  /** The `t` attribute: `s`, `str`, `inlineStr`, `b`, `e`, `d`, `n` or absent (a number). */
  type: string | undefined;
  /** The `s` attribute: index into the workbook's cell formats. */
  style: number;
  /** Text of `<v>`, or of the `<t>` runs of an inline string; undefined when there is none. */
  value: string | undefined;
  /** The cell holds a formula (`<f>`). */
  formula?: boolean;
}

/** How a cell's number is shown, from its number format. */
export type NumberShape =
  /** As the digits typed (General, `0`, `@`): a plain number. */
  | { readonly kind: 'number' }
  | { readonly kind: 'date' }
  /** Through a format code (`+0`, `00000-0000`, `[h]:mm:ss`): a FormattedNumber. */
  | { readonly kind: 'formatted'; readonly format: string };

/** What a cell's value depends on besides itself, from the workbook's other parts. */
export interface CellContext {
  sharedString(index: number): string | undefined;
  numberShape(style: number): NumberShape;
  readonly date1904: boolean;
}

/**
 * A cell's value as SPEC "Reading" says: text as text (numbers stored as text stay text),
 * numbers as numbers, date-formatted numbers as Dates, booleans, `{error}` for `#N/A` and the
 * like. A formula gives its cached result (`<v>`), typed by `t` like any cell; a formula never
 * calculated (no `<v>`) is empty. A hyperlink's cell holds its displayed text already.
 *
 * We read `t` ourselves rather than take exceljs's WorksheetReader values, which turn a formula's
 * cached `#N/A` into NaN, its TRUE into 1 and its date into a serial number, and keep only the
 * last run of an inline rich-text string.
 */
export function cellValue(raw: RawCell, context: CellContext): CellValue {
  const { value } = raw;
  if (raw.formula && hasNoResult(raw)) return { error: NO_RESULT };
  if (value === undefined) return null;
  switch (raw.type) {
    case 's':
      return nonEmpty(context.sharedString(Number.parseInt(value, 10)));
    case 'str':
    case 'inlineStr':
      return nonEmpty(ownString(unescapeOoxml(value)));
    case 'b':
      return value.trim() === '1' || value.trim().toLowerCase() === 'true';
    case 'e':
      return { error: ownString(value.trim()) };
    case 'd':
      return isoToDate(value) ?? nonEmpty(ownString(value));
    default: {
      if (value.trim() === '') return null;
      const number = Number(value);
      if (!Number.isFinite(number)) return ownString(value);
      const shape = context.numberShape(raw.style);
      if (shape.kind === 'date') return serialToDate(number, context.date1904);
      if (shape.kind === 'formatted') return { number, format: shape.format };
      return number;
    }
  }
}

/**
 * A formula whose result was never saved: openpyxl writes `<f>…</f><v></v>` (it cannot
 * calculate), other generators leave `<v>` out. Read as empty, its value would be silently
 * left out of the payload; it is a cell error instead, which fails the row if a field reads it.
 * An empty text result (`t="str"` with an empty `<v>`) is a real result: `=IF(A1="","",…)`.
 */
function hasNoResult(raw: RawCell): boolean {
  if (raw.value === undefined) return true;
  return raw.value.trim() === '' && raw.type !== 'str' && raw.type !== 'inlineStr';
}

function nonEmpty(text: string | null | undefined): string | null {
  return text === undefined || text === null || text === '' ? null : text;
}

const MS_PER_DAY = 86_400_000;
/** The 1900-system serial of 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Days from 1900-01-00 to 1904-01-01: a 1904-system serial plus this is a 1900-system one. */
const DAYS_1904 = 1_462;

/**
 * An Excel serial date as a Date whose UTC fields are the wall-clock date and time shown. The
 * 1900 system counts a 29 February 1900 that never was (serial 60, kept from Lotus 1-2-3), so
 * serials before it are a day later than plain arithmetic gives; the 1904 system (old Mac Excel,
 * `<workbookPr date1904="1"/>`) counts from 1904-01-01. Rounded to the millisecond.
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + DAYS_1904 : serial < 60 ? serial + 1 : serial;
  return new Date(Math.round((days - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
}

/** A `t="d"` cell (ISO 8601, strict OOXML): its wall-clock fields, taken as UTC. */
function isoToDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?/.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms] = match;
  const date = new Date(
    Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      Number((ms ?? '0').padEnd(3, '0')),
    ),
  );
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * OOXML writes characters XML cannot hold (a CR in a cell, other control characters) as
 * `_xHHHH_` (ECMA-376 part 1, 22.9.2.19), and a literal `_x` as `_x005F_x`.
 */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/**
 * Built-in number formats that show dates or times; 27-36 and 50-58 are the East Asian locale
 * date formats, which have no format code in styles.xml (exceljs's table leaves them undefined).
 */
function isBuiltInDate(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    id === 45 || // mm:ss (46, [h]:mm:ss, is elapsed time: a duration)
    id === 47 ||
    (id >= 50 && id <= 58)
  );
}

/**
 * The shape of a number under a format: a date when the format code shows years, months, days,
 * hours or seconds outside quotes, brackets (`[Red]`, `[$-409]`) and escapes, as Excel decides;
 * but an elapsed-time code (`[h]:mm:ss`) is a duration, shown as formatted text, never a date.
 * Built-in ids with no code in styles.xml take SSF's table (`3` is `#,##0`).
 */
export function numberShape(code: string | undefined, id: number | undefined): NumberShape {
  if (id !== undefined && isBuiltInDate(id)) return { kind: 'date' };
  const format = code || (id === undefined ? undefined : builtInFormat(id));
  if (!format || showsPlainDigits(format)) return { kind: 'number' };
  if (isElapsedFormat(format)) return { kind: 'formatted', format };
  const bare = format
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '');
  if (/[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim())) return { kind: 'date' };
  return { kind: 'formatted', format };
}
