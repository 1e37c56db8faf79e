import { ImportError } from '../errors.js';

/*
 * A spreadsheet's own limits (Excel's "specifications and limits"), which every file a person
 * saves keeps, and the bounds that keep a crafted file from costing more than a few seconds
 * and a few hundred MB (SPEC "Reading", "Limits"). A file past any of them is refused with
 * `too-large` (exit 2) before anything is sent.
 */

/** Rows of a worksheet (and, counted the same way, lines of a CSV). */
export const MAX_ROWS = 1_048_576;
/** Columns of a worksheet: A to XFD. */
export const MAX_COLUMNS = 16_384;
/** Characters a cell holds. */
export const MAX_CELL_CHARS = 32_767;

/**
 * Shared strings kept in memory (a worksheet refers to them by index, in any order). Four
 * million is four distinct texts on each of a million rows, past any contacts list; a few
 * hundred bytes of zip can declare forty million empty ones.
 */
export const MAX_SHARED_STRINGS = 4_000_000;
/** Characters of all shared strings together (~100-200 MB of memory at most). */
export const MAX_SHARED_CHARS = 100_000_000;

/**
 * How much XML a zip entry may inflate to: 100 times its compressed size, or 16 MB for small
 * parts. Worksheets written by spreadsheet programs compress 6-12 times (measured: a 200,000
 * row exceljs sheet 6.2x, a million formatted empty rows 12x); a zip bomb 700-1000 times. The
 * declared size is checked before inflating, and the zip layer holds the data to it.
 */
export const MAX_INFLATE_RATIO = 100;
export const INFLATE_FLOOR = 16 * 1024 * 1024;

/** Whether an entry of this declared size is past the inflate bound. */
export function inflatesTooMuch(compressedSize: number, uncompressedSize: number): boolean {
  return uncompressedSize > Math.max(INFLATE_FLOOR, compressedSize * MAX_INFLATE_RATIO);
}

/** The `too-large` error with its one sentence. */
export function tooLarge(message: string): ImportError {
  return new ImportError('too-large', message);
}

/** What to do about a file past a limit: the same advice for every limit. */
export const CHECK_FILE =
  'check that it is the right file, or open it in Excel, keep only the contacts, save it as .xlsx or CSV UTF-8 and import that';
