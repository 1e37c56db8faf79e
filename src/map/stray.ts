import { cellText, isBlankCell } from '../read/header.js';
import type { CellValue, SourceRow } from '../read/types.js';
import { columnLetter } from './slots.js';
import type { RowProblem } from './types.js';

/**
 * The PropertyName of a problem with the row rather than one field: the word Nexudus's own
 * row-level errors get here too (see engine/writer.ts), and the `Row` cell of errors.xlsx is
 * where a problem naming no report column is shown.
 */
export const ROW_PROPERTY = 'Row';

/** Cells named one by one in a message; more are counted. */
const NAMED_CELLS = 3;
/** A cell's text in a message, at most. */
const SHOWN_CHARACTERS = 20;

/**
 * The problem of a row with values that have no header above them: in columns beyond the
 * header's width (`row.extraCells`: an unquoted delimiter shifted the row right, a note typed
 * beside the table) or under an empty header between named columns (`unnamed`). Such a value
 * belongs to no field, so the row fails rather than lose it silently: "cells F7 ('SURPRISE') and
 * G7 ('more') have no column header: …". The problem names the unnamed columns, which the
 * reports echo (errors.xlsx marks them red); cells beyond the header have no report column, so
 * errors.xlsx notes them on the `Row` cell.
 */
export function strayCellsProblem(
  row: SourceRow,
  unnamed: readonly number[],
): RowProblem | undefined {
  let cells: { column: number; value: CellValue }[] | undefined;
  for (const column of unnamed) {
    const value = row.cells[column] ?? null;
    if (!isBlankCell(value)) (cells ??= []).push({ column, value });
  }
  if (row.extraCells) (cells ??= []).push(...row.extraCells);
  if (!cells) return undefined;
  const named = cells
    .slice(0, NAMED_CELLS)
    .map((c) => `${columnLetter(c.column)}${row.row} (${shown(c.value)})`);
  const more = cells.length - named.length;
  const list =
    more > 0
      ? `${named.join(', ')} and ${more} more`
      : named.length === 1
        ? named.join('')
        : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`;
  const message =
    cells.length === 1
      ? `cell ${list} has no column header: give its column a header, move the value into the right column, or delete it`
      : `cells ${list} have no column header: give their columns a header, move the values into the right columns, or delete them`;
  return {
    PropertyName: ROW_PROPERTY,
    Message: message,
    columns: cells.flatMap((c) => (unnamed.includes(c.column) ? [c.column] : [])),
  };
}

/** A cell's text, on one line and shortened, in single quotes: `'SURPRISE'`. */
function shown(value: CellValue): string {
  const text = cellText(value).replace(/\s+/g, ' ');
  const short =
    text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS - 1).trimEnd()}…` : text;
  return `'${short}'`;
}
