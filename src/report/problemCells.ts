import type { RowProblem } from '../map/types.js';

/** Position of the `Row` cell in a report line; the source's columns follow it. */
export const ROW_CELL = 0;

/**
 * Which cells of a failed row's report line are wrong, and why: report position (0 = `Row`,
 * then `sourceColumns` in order) -> the messages for that cell. A problem is placed on every
 * source column it names (First Name and Last Name both, for a FullName); one naming no column
 * the report shows (a server error on a field with no column, or on no field) goes on `Row`,
 * so no problem is left without a red cell. Messages read as in the `Errors` column,
 * `PropertyName: message` (Nexudus's messages are phrased to follow the PropertyName).
 */
export function problemCells(
  problems: readonly RowProblem[],
  sourceColumns: readonly number[],
): Map<number, string[]> {
  const position = new Map(sourceColumns.map((column, i) => [column, i + 1]));
  const cells = new Map<number, string[]>();
  const add = (at: number, problem: RowProblem) => {
    const message = `${problem.PropertyName}: ${problem.Message}`;
    const messages = cells.get(at);
    if (!messages) cells.set(at, [message]);
    else if (!messages.includes(message)) messages.push(message);
  };
  for (const problem of problems) {
    const at = problem.columns.flatMap((c) => {
      const p = position.get(c);
      return p === undefined ? [] : [p];
    });
    if (at.length === 0) add(ROW_CELL, problem);
    for (const p of at) add(p, problem);
  }
  return cells;
}
