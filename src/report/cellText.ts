import type { CellValue } from '../read/types.js';

/**
 * A cell as text, the way reports echo it: what was read, not what was made of it. XLSX date
 * cells become ISO dates (with the time only when there is one), so any spreadsheet reads them.
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    const time = iso.slice(11, 19);
    return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
  }
  return value.error;
}
