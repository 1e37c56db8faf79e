import type { CellValue } from '../read/types.js';
import { asNumber, Invalid, isPlain, wrongCell, type Converted } from './cells.js';
import { normalizeText } from './text.js';

/** `123` or `123.0`: spreadsheets write whole numbers with a `.0` at times. */
const WHOLE = /^[+-]?\d+(?:\.0*)?$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** A whole number from normalised text (`123`, `123.0`), or undefined. */
export function wholeNumberOf(text: string): number | undefined {
  if (!WHOLE.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A whole number from a text or number cell, or undefined (for anything else too). */
export function wholeNumberOfCell(given: CellValue): number | undefined {
  const cell = asNumber(given);
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? cell : undefined;
  if (typeof cell === 'string') return wholeNumberOf(normalizeText(cell));
  return undefined;
}

/** A Nexudus record Id (CoworkerContractId, CoworkerId): a whole number from 1. */
export function toId(given: CellValue): Converted<number> {
  const cell = asNumber(given);
  if (!isPlain(cell)) return wrongCell(cell, 'a whole number');
  if (cell === null || (typeof cell === 'string' && normalizeText(cell) === '')) return undefined;
  const n = wholeNumberOfCell(cell);
  if (n === undefined) return new Invalid('is not a whole number');
  if (n < 1) return new Invalid('is not a valid Id (Ids are whole numbers from 1 up)');
  return n;
}

/** A decimal number; with `decimalComma` (a `;` CSV) `0,12` is read as 0.12. */
export function toDecimal(given: CellValue, decimalComma: boolean): Converted<number> {
  const cell = asNumber(given);
  if (!isPlain(cell)) return wrongCell(cell, 'a number');
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? cell : new Invalid('is not a number');
  if (cell === null) return undefined;
  const text = normalizeText(cell);
  if (text === '') return undefined;
  // Only a lone comma is a decimal separator; "1,234.5" or "1.234,5" are not guessed at.
  const t = decimalComma && !text.includes('.') ? text.replace(',', '.') : text;
  if (!DECIMAL.test(t)) return new Invalid('is not a number');
  const n = Number(t);
  return Number.isFinite(n) ? n : new Invalid('is not a number');
}
