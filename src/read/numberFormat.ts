import SSF from 'ssf';
import type { FormattedNumber } from './types.js';

/*
 * How Excel shows a number under its cell's number format. The rendering is SheetJS's SSF, the
 * ECMA-376 format-code formatter (`+0` → +4479460958, `00000-0000` → 02134-0001, `#,##0`,
 * `[h]:mm:ss`, sections and conditions such as `[<=9999999]###-####;(###) ###-####`), not ours:
 * format codes are a language of their own. It renders as en-US Excel does (`,` thousands, `.`
 * decimals), which is how the codes are stored in the file whatever the writer's locale.
 */

/** The code of a built-in number format id (ECMA-376 part 1, 18.8.30), from SSF's table. */
export function builtInFormat(id: number): string | undefined {
  return SSF.get_table()[id];
}

/**
 * Codes under which a number shows as the digits a person typed: General, `0` and text (`@`,
 * which Excel applies to numbers typed before the cell was formatted as text). Such a number
 * needs no rendering and stays a plain number cell.
 */
export function showsPlainDigits(code: string): boolean {
  const bare = code.trim().toLowerCase();
  return bare === '' || bare === 'general' || bare === '0' || bare === '@';
}

/**
 * An elapsed-time format (`[h]:mm:ss`, `[mm]:ss`): a duration, which can pass 24 hours, not a
 * time of day and never a date, though its letters are a date's (ECMA-376 part 1, 18.8.31). A
 * code that also shows a day or a year (`dd/mm/yyyy [h]:mm`) is a date.
 */
export function isElapsedFormat(code: string): boolean {
  const unquoted = code.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  if (!/\[(h+|m+|s+)]/i.test(unquoted)) return false;
  return !/[dy]/i.test(unquoted.replace(/\[[^\]]*]/g, ''));
}

/**
 * The text Excel shows for the cell. A code SSF cannot render (a malformed one) gives the plain
 * number rather than stopping the run: the value is still the one typed.
 */
export function shownText(cell: FormattedNumber): string {
  try {
    return SSF.format(cell.format, cell.number);
  } catch {
    return String(cell.number);
  }
}
