import type { EnumValue } from '../fields.js';
import type { CellValue } from '../read/types.js';
import { asNumber, Invalid, isPlain, wrongCell, type Converted } from './cells.js';
import { wholeNumberOfCell } from './numbers.js';
import { normalizeText } from './text.js';

/** Case, spaces, `_`, `-` and `.` do not matter: `company alias`, `CompanyAlias`, `COMPANY-ALIAS`. */
const IGNORED = /[\s_\-.\u200B-\u200D\u2060\uFEFF]+/g;

function enumKey(text: string): string {
  return text.replace(IGNORED, '').toLowerCase();
}

/** Reads one enum field's cells; built once per field. */
export interface EnumReader {
  read(cell: CellValue): Converted<number>;
}

/** @param fallback what a blank cell becomes (the field's default), or undefined. */
export function enumReader(values: readonly EnumValue[], fallback?: number): EnumReader {
  const byKey = new Map<string, number>();
  // The names and labels as they are written most of the time, found before any normalising.
  const exact = new Map<string, number>();
  for (const v of values) {
    byKey.set(enumKey(v.name), v.value);
    byKey.set(enumKey(v.label), v.value);
    for (const text of [v.name, v.label, v.label.toLowerCase(), String(v.value)]) {
      exact.set(text, v.value);
    }
  }
  const max = values.length - 1;
  const names = values.map((v) => v.label);
  const accepted = `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''} (or a number 0 to ${max})`;
  const reject = (shown: string): Invalid => new Invalid(`'${shown}' is not one of ${accepted}`);
  return {
    read(given) {
      const cell = asNumber(given);
      if (!isPlain(cell)) return wrongCell(cell, `one of ${accepted}`);
      if (cell === null) return fallback;
      if (typeof cell === 'number') {
        return Number.isInteger(cell) && cell >= 0 && cell <= max ? cell : reject(String(cell));
      }
      const known = exact.get(cell);
      if (known !== undefined) return known;
      const key = enumKey(cell);
      if (key === '') return fallback;
      const named = byKey.get(key);
      if (named !== undefined) return named;
      const n = wholeNumberOfCell(cell);
      if (n !== undefined && n >= 0 && n <= max) return n;
      return reject(normalizeText(cell));
    },
  };
}
