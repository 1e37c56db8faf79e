import type { FieldDef } from '../fields.js';
import type { CellValue } from '../read/types.js';
import type { Country, DateOrder } from './types.js';
import { asNumber, asShown, Invalid, isPlain, wrongCell, type Converted } from './cells.js';
import { resolveCountry } from './countries.js';
import { formatWallClock, parseDate } from './dates.js';
import { emailOf } from './email.js';
import { enumReader } from './enums.js';
import { toDecimal, toId } from './numbers.js';
import { normalizeText, normalizeVerbatim, plainNumber } from './text.js';

/** Reads one field's cell: the payload value, undefined when blank, or the problem. */
export type ValueReader = (cell: CellValue) => Converted<string | number>;

/** What a field's reader depends on besides the cell; fixed for a run. */
export interface ReaderSettings {
  readonly order: DateOrder | undefined;
  readonly decimalComma: boolean;
  readonly countries: readonly Country[] | undefined;
  /** Today as YYYYMMDD, for a DateOfBirth in the future. */
  readonly today: number;
}

/** A text cell's value: text normalised, a number as its plain digits; blank → undefined. */
export function textOf(given: CellValue, verbatim = false): Converted<string> {
  const cell = asShown(given);
  if (!isPlain(cell)) return wrongCell(cell, 'text');
  if (cell === null) return undefined;
  const text =
    typeof cell === 'number'
      ? plainNumber(cell)
      : verbatim
        ? normalizeVerbatim(cell)
        : normalizeText(cell);
  return text === '' ? undefined : text;
}

function readEmail(cell: CellValue): Converted<string> {
  const text = textOf(cell);
  if (typeof text !== 'string') return text;
  return emailOf(text) ?? new Invalid('is not a valid email address');
}

function readJson(cell: CellValue): Converted<string> {
  // Sent as written: collapsing spaces would change the strings inside the JSON.
  const text = textOf(cell, true);
  if (typeof text !== 'string') return text;
  try {
    JSON.parse(text);
    return text;
  } catch {
    return new Invalid('is not valid JSON');
  }
}

function countryReader(countries: readonly Country[] | undefined): ValueReader {
  return (given) => {
    // A country Id under a display format is still that Id.
    const cell = asNumber(given);
    if (!isPlain(cell)) return wrongCell(cell, 'a country');
    const text = textOf(cell);
    if (typeof text !== 'string') return text;
    const found = resolveCountry(text, countries);
    if (!found.ok) return new Invalid(found.message);
    return found.id;
  };
}

/**
 * The day of a plain ISO date (`1975-06-23`, what Excel's "yyyy-mm-dd" and most exports write)
 * as YYYYMMDD, read without regular expressions or date objects; undefined for anything else,
 * or for a day that does not exist (parseDate then says why). A big file's date columns are
 * mostly such cells, and reading them was a fifth of its checking time.
 */
function plainIsoDay(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) {
    return undefined;
  }
  let ymd = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    ymd = ymd * 10 + digit;
  }
  const year = Math.floor(ymd / 10000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  if (year < 1900 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days ? ymd : undefined;
}

function dateReader(name: string, s: ReaderSettings): ValueReader {
  const birth = name === 'DateOfBirth';
  return (cell) => {
    if (typeof cell === 'string') {
      const day = plainIsoDay(cell);
      if (day !== undefined && !(birth && day > s.today)) return `${cell}T00:00:00`;
    }
    const date = parseDate(cell, s.order);
    if (date === undefined || date instanceof Invalid) return date;
    const iso = formatWallClock(date);
    // SPEC asks this of DateOfBirth; for the AML dates it catches time-only cells too, which
    // spreadsheets store as times of 1899-12-30.
    if (date.year < 1900) return new Invalid(`is before 1900 (${iso.slice(0, 10)})`);
    if (birth && date.year * 10000 + date.month * 100 + date.day > s.today) {
      return new Invalid(`is in the future (${iso.slice(0, 10)})`);
    }
    return iso;
  };
}

/** The reader of one field, by its kind (fields.ts). */
export function valueReader(def: FieldDef, s: ReaderSettings): ValueReader {
  switch (def.kind) {
    case 'integer':
      return toId;
    case 'text':
      return (cell) => textOf(cell);
    case 'verbatim':
      return (cell) => textOf(cell, true);
    case 'enum': {
      const reader = enumReader(def.values ?? [], def.default);
      return (cell) => reader.read(cell);
    }
    case 'date':
      return dateReader(def.name, s);
    case 'number':
      return (cell) => toDecimal(cell, s.decimalComma);
    case 'email':
      return readEmail;
    case 'json':
      return readJson;
    case 'country':
      return countryReader(s.countries);
  }
}
