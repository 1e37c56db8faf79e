import type { Cell, Worksheet } from 'exceljs';

/**
 * Where a note's box sits, in the units of exceljs's VML writer: columns and rows from the top
 * left (0-based), fractions being offsets into them (lib/xlsx/xform/comment/vml-anchor-xform.js).
 */
interface NoteAnchor {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** exceljs 4.4 keeps a cell's note as `_comment`, whose `model` the writer turns into VML. */
interface CellInternals {
  _comment?: object;
}

/** Column width (characters) exceljs and Excel give a column with none set. */
const DEFAULT_WIDTH = 9;
/** How wide a note's box is at least, in characters of the sheet's font. */
const NOTE_WIDTH = 50;

/** A box to the right of the cell, wide enough for NOTE_WIDTH and tall enough for the text. */
function anchorFor(sheet: Worksheet, cell: Cell, text: string): NoteAnchor {
  const left = Number(cell.col); // 0-based: the column right of the cell
  let right = left;
  let width = 0;
  while (width < NOTE_WIDTH) {
    const column = sheet.getColumn(right + 1);
    // A hidden column (the collapsed AML group) takes no room on the screen.
    width += column.hidden ? 0 : (column.width ?? DEFAULT_WIDTH);
    right += 1;
  }
  // The note font (9 pt) fits more characters than the sheet's 11 pt, and a line is shorter
  // than a row: generous for the text, never a scroll.
  const lines = text
    .split('\n')
    .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (width * 1.1))), 0);
  const top = Math.max(0, Number(cell.row) - 1) + 0.2;
  return { left: left + 0.15, top, right, bottom: top + Math.ceil(lines * 0.75) + 1 };
}

/**
 * Puts a note on a cell, its first line bold, in a box that fits its text. exceljs has no API for
 * a note's size and its default box (two narrow columns, four rows) cuts a paragraph off, so the
 * box is given through the comment's model, which the VML writer reads `anchor` from. Should a
 * later exceljs keep notes elsewhere, the note keeps exceljs's default box.
 */
export function addNote(sheet: Worksheet, cell: Cell, text: string): void {
  const [title = '', ...rest] = text.split('\n');
  cell.note = {
    texts: [
      { font: { bold: true, size: 9, name: 'Tahoma' }, text: `${title}\n` },
      { font: { size: 9, name: 'Tahoma' }, text: rest.join('\n') },
    ],
  };
  const comment = (cell as unknown as CellInternals)._comment;
  const model = comment && Object.getOwnPropertyDescriptor(Object.getPrototypeOf(comment), 'model');
  if (!comment || !model?.get) return;
  const get = model.get;
  const anchor = anchorFor(sheet, cell, text);
  Object.defineProperty(comment, 'model', {
    configurable: true,
    get: () => ({ ...(get.call(comment) as object), anchor }),
    set: model.set,
  });
}
