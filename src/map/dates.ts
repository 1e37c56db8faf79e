import { isExists } from 'date-fns/isExists';
import type { CellValue } from '../read/types.js';
import type { DateOrder } from './types.js';
import { isElapsedFormat, shownText } from '../read/numberFormat.js';
import { Invalid, isFormatted, isPlain, wrongCell, type Converted } from './cells.js';
import { normalizeText, plainNumber } from './text.js';

/** A date and time as the sheet shows it: no time zone (Nexudus reads it as the space's). */
export interface WallClock {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// The accepted forms (SPEC "Dates"). Compiled once: parseDate runs on every date cell.
/** A trailing time: `T10:30`, ` 10:30:15`, ` 9:05 PM`, `…Z` (Nexudus's own exports end in Z). */
const TIME = /(?:T| |, )(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?([ap])\.?m\.?)?(?: ?Z)?$/i;
/** `Monday, ` before a month-name date. */
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? /i;
/** Year first, always year-month-day: `1975-06-23`, `1975/6/23`, `1975.06.23`. */
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
/** Year last, day and month in the column's order: `23/06/1975`, `6-23-1975`, `23.06.75`. */
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/;
/** `23 Jun 1912`, `23-Jun-1912`, `23rd June, 1912`. */
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[ \-/.]*([a-z]+)\.?,?[ \-/.]*(\d{2}|\d{4})$/i;
/** `June 23, 1912`, `Jun 23 1912`, `Jun-23-1912`. */
const MONTH_NAME_DAY = /^([a-z]+)\.?[ \-/.]*(\d{1,2})(?:st|nd|rd|th)?,?[ \-/.]*(\d{2}|\d{4})$/i;

const MONTHS = new Map<string, number>();
[
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
].forEach((name, i) => {
  MONTHS.set(name, i + 1);
  MONTHS.set(name.slice(0, 3), i + 1);
});
MONTHS.set('sept', 9);

const NOT_A_DATE = 'is not a date; write it as 1975-06-23';

/** The year-last numeric form split up: what the column's day-month order decides. */
export interface DayMonthYear {
  readonly first: number;
  readonly second: number;
  readonly year: string;
}

type Time = [hour: number, minute: number, second: number];

/** Splits off a trailing time; the date part and the time (or midnight). */
function splitTime(text: string): { date: string; time: Time | Invalid } {
  const m = TIME.exec(text);
  if (!m) return { date: text, time: [0, 0, 0] };
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const meridiem = m[4]?.toLowerCase();
  let ok = minute <= 59 && second <= 59;
  if (meridiem) {
    ok &&= hour >= 1 && hour <= 12;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else {
    ok &&= hour <= 23;
  }
  return {
    date: text.slice(0, m.index),
    time: ok ? [hour, minute, second] : new Invalid('has a time that does not exist'),
  };
}

/** The numbers of a `D/M/Y` or `M/D/Y` value (any separator, optional time), or undefined. */
export function dayMonthYearOf(text: string): DayMonthYear | undefined {
  const m = YEAR_LAST.exec(splitTime(text).date);
  if (!m) return undefined;
  return { first: Number(m[1]), second: Number(m[3]), year: m[4] ?? '' };
}

/**
 * Which day-month order a value shows by itself: a first number above 12 means day first,
 * a second one above 12 month first; undefined when it shows neither (or both).
 */
export function orderShownBy(dmy: DayMonthYear): 'DMY' | 'MDY' | undefined {
  if (dmy.first > 12 && dmy.second <= 12) return 'DMY';
  if (dmy.second > 12 && dmy.first <= 12) return 'MDY';
  return undefined;
}

function fullYear(year: string, shown: string): number | Invalid {
  // Never guess a century: a birth year 24 could be 1924 or 2024.
  if (year.length === 2) {
    return new Invalid(`has a 2-digit year (${shown}): type the year in full, e.g. 1975`);
  }
  return Number(year);
}

function wallClock(
  year: number,
  month: number,
  day: number,
  time: Time,
  shown: string,
): WallClock | Invalid {
  if (!isExists(year, month - 1, day) || year < 1000) {
    return new Invalid(`is not a real date (${shown})`);
  }
  return { year, month, day, hour: time[0], minute: time[1], second: time[2] };
}

const ORDER_NAMES = { DMY: 'day/month/year', MDY: 'month/day/year' } as const;

function fromDayMonthYear(
  dmy: DayMonthYear,
  order: DateOrder | undefined,
  time: Time,
  shown: string,
): WallClock | Invalid {
  const year = fullYear(dmy.year, shown);
  if (year instanceof Invalid) return year;
  const { first, second } = dmy;
  // A column whose order is settled (or forced) reads every value that way; otherwise only a
  // value that shows its own order (or reads the same both ways, 05/05) can be read.
  const settled = order === 'DMY' || order === 'MDY' ? order : undefined;
  const use = settled ?? (first === second ? 'DMY' : orderShownBy(dmy));
  if (!use) {
    if (first > 12 && second > 12) return new Invalid(`is not a real date (${shown})`);
    return new Invalid(`is ambiguous (${shown}): pass --date-format DMY or MDY`);
  }
  const [day, month] = use === 'DMY' ? [first, second] : [second, first];
  const result = wallClock(year, month, day, time, shown);
  if (result instanceof Invalid && settled && isExists(year, day - 1, month)) {
    // 12/31/1980 in a day-first column: real, but only in the other order.
    return new Invalid(
      `is not a date in ${ORDER_NAMES[settled]} order, the order of this column (${shown})`,
    );
  }
  return result;
}

/**
 * Reads a date cell: a date cell (its UTC fields are the wall clock), ISO `YYYY-MM-DD[ HH:mm[:ss]]`,
 * `D/M/Y` or `M/D/Y` with `/`, `-` or `.` in `order`, or an English month name. Blank → undefined.
 * @param order the column's day-month order; undefined when the column does not settle it.
 */
export function parseDate(cell: CellValue, order: DateOrder | undefined): Converted<WallClock> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return new Invalid('is not a real date');
    return {
      year: cell.getUTCFullYear(),
      month: cell.getUTCMonth() + 1,
      day: cell.getUTCDate(),
      hour: cell.getUTCHours(),
      minute: cell.getUTCMinutes(),
      second: cell.getUTCSeconds(),
    };
  }
  if (isFormatted(cell)) {
    const shown = shownText(cell);
    return new Invalid(
      isElapsedFormat(cell.format)
        ? `is a duration (${shown}), not a date: format the cell as a date or write it as 1975-06-23`
        : `is a number (${shown}), not a date: format the cell as a date or write it as 1975-06-23`,
    );
  }
  if (typeof cell === 'number') {
    return new Invalid(
      `is a number (${plainNumber(cell)}), not a date: format the cell as a date or write it as 1975-06-23`,
    );
  }
  if (!isPlain(cell)) return wrongCell(cell, 'a date');
  if (cell === null) return undefined;
  const shown = normalizeText(cell);
  if (shown === '') return undefined;
  const { date, time } = splitTime(shown);
  if (time instanceof Invalid) return time;

  let m = YEAR_LAST.exec(date);
  if (m) {
    const dmy = { first: Number(m[1]), second: Number(m[3]), year: m[4] ?? '' };
    return fromDayMonthYear(dmy, order, time, shown);
  }
  m = YEAR_FIRST.exec(date);
  if (m) return wallClock(Number(m[1]), Number(m[3]), Number(m[4]), time, shown);

  const words = date.replace(WEEKDAY, '');
  let day: string | undefined;
  let monthName: string | undefined;
  let year: string | undefined;
  if ((m = DAY_MONTH_NAME.exec(words))) [, day, monthName, year] = m;
  else if ((m = MONTH_NAME_DAY.exec(words))) [, monthName, day, year] = m;
  const month = monthName === undefined ? undefined : MONTHS.get(monthName.toLowerCase());
  if (month === undefined || day === undefined || year === undefined) {
    return new Invalid(NOT_A_DATE);
  }
  const y = fullYear(year, shown);
  if (y instanceof Invalid) return y;
  return wallClock(y, month, Number(day), time, shown);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DDTHH:mm:ss`, without an offset: how Nexudus wants dates (API-FACTS "Dates"). */
export function formatWallClock(w: WallClock): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
