/** The height of one line of Calibri 11 (the workbook's font), in points: Excel's default row. */
export const LINE_HEIGHT = 15;
/**
 * The most lines a row is made tall for: 20 lines (300 pt) already fill most of a laptop's
 * screen. A longer text is cut off at the bottom of its cell (never spilling into the next row),
 * and is whole in the cell's edit bar and in errors.csv.
 */
export const MAX_LINES = 20;

/**
 * How many lines `text` takes, wrapped in a column `width` characters wide: each line of the text
 * broken at spaces as a spreadsheet does, a word longer than a line broken where it must. A
 * column's width counts characters of the widest digit; most letters are narrower, but a
 * substitute font (LibreOffice without Calibri) is wider, so a line is taken to hold two
 * characters fewer than the width: a row a little tall rather than one that hides a line.
 */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, Math.floor(width) - 2);
  let lines = 0;
  for (const line of text.split('\n')) {
    let used = 0;
    lines += 1;
    for (const word of line.split(' ')) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= room) {
        used = need;
        continue;
      }
      if (used > 0) lines += 1;
      // A word wider than the column takes as many lines as it needs.
      lines += Math.floor(Math.max(0, word.length - 1) / room);
      used = word.length % room || room;
    }
  }
  return lines;
}

/** The row height (points) that shows `text` wrapped in a column `width` wide; at most MAX_LINES. */
export function wrappedHeight(text: string, width: number): number {
  return LINE_HEIGHT * Math.min(MAX_LINES, wrappedLines(text, width));
}
