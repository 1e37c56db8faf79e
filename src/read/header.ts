import { ImportError } from '../errors.js';
import { shownText } from './numberFormat.js';
import type { CellValue, ExtraCell, SourceRow } from './types.js';

/** The column letter a spreadsheet shows for a 0-based position: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** A cell as header text: trimmed; a number, date or boolean as a person would type it. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date)
    return cell
      .toISOString()
      .replace(/T00:00:00\.000Z$/, '')
      .replace('.000Z', '');
  if ('format' in cell) return shownText(cell);
  return cell.error;
}

/** Whether a cell shows nothing: empty, or white space only. */
export function isBlankCell(cell: CellValue | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  // Most cells start with a printable ASCII character: no trimmed copy for them (this runs on
  // every cell of every row).
  const first = cell.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return cell.trim() === '';
}

/**
 * The header texts of the header row. Trailing empty header cells are dropped: a column with no
 * header is what Excel leaves behind after a formatted-but-empty column or a stray delimiter at
 * the end of every line, and it is no column of ours (a value found under it is reported as an
 * extra cell of its row, see SourceRow.extraCells). An empty header BETWEEN named columns stays,
 * as '', so positions keep matching the spreadsheet's columns.
 *
 * Two headers that are equal ignoring case and surrounding spaces are a `duplicate-header`:
 * which of them would the importer take?
 */
export function readHeader(cells: readonly CellValue[], where: string): string[] {
  const headers = cells.map(cellText);
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  const seen = new Map<string, number>();
  headers.forEach((text, position) => {
    if (text === '') return;
    const key = text.normalize('NFC').toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, position);
      return;
    }
    const firstText = headers[first] ?? text;
    const named = firstText === text ? `"${text}"` : `"${firstText}" and "${text}"`;
    throw new ImportError(
      'duplicate-header',
      `${where} has two columns headed ${named} (columns ${columnLetter(first)} and ${columnLetter(position)}): rename or delete one of them and import again.`,
    );
  });
  return headers;
}

/**
 * A data row shaped to the header from its dense cells (CSV): exactly `width` cells (short rows
 * padded with null); the cells beyond it that show something go to `extraCells`. Returns
 * undefined for a blank row (every cell empty or white space), which the reader skips. `cells`
 * becomes the row's own (a row as wide as the header is not copied).
 */
export function shapeRow(row: number, cells: CellValue[], width: number): SourceRow | undefined {
  // From the end: the last cell that shows something is usually the last cell.
  let last = cells.length - 1;
  while (last >= 0 && isBlankCell(cells[last])) last--;
  if (last < 0) return undefined;
  const shaped = cells.length > width ? cells.slice(0, width) : cells;
  while (shaped.length < width) shaped.push(null);
  if (last < width) return { row, cells: shaped };
  const extra: ExtraCell[] = [];
  for (let i = width; i <= last; i++) {
    const value = cells[i] ?? null;
    if (!isBlankCell(value)) extra.push({ column: i, value });
  }
  return { row, cells: shaped, extraCells: extra };
}

/**
 * The same from a sparse row (XLSX): `columns[k]` is the 0-based column of `values[k]`, in
 * increasing order. Costs time in the cells present, not in how far right they are.
 */
export function shapeSparseRow(
  row: number,
  columns: readonly number[],
  values: readonly CellValue[],
  width: number,
): SourceRow | undefined {
  const shaped: CellValue[] = new Array<CellValue>(width).fill(null);
  let blank = true;
  let extra: ExtraCell[] | undefined;
  for (let k = 0; k < columns.length; k++) {
    const column = columns[k] ?? 0;
    const value = values[k] ?? null;
    if (column < width) shaped[column] = value;
    if (isBlankCell(value)) continue;
    blank = false;
    if (column >= width) (extra ??= []).push({ column, value });
  }
  if (blank) return undefined;
  return extra ? { row, cells: shaped, extraCells: extra } : { row, cells: shaped };
}
