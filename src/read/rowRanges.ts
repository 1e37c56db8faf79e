/**
 * Sets of row numbers as sorted, merged, inclusive ranges (`[[3, 5], [9, 9]]`): how run.json
 * records the rows a part of a run's input leaves out, and summary.json a run's failed rows.
 * A file of a million rows that failed in one block is then one pair, not a million numbers.
 */
export type RowRanges = readonly (readonly [number, number])[];

/** The ranges of a set of row numbers, in any order. */
export function toRanges(rows: Iterable<number>): [number, number][] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const row of sorted) {
    const last = ranges.at(-1);
    if (last && row === last[1] + 1) last[1] = row;
    else ranges.push([row, row]);
  }
  return ranges;
}

/** The union of several sets of ranges, merged. */
export function unionRanges(...sets: readonly RowRanges[]): [number, number][] {
  const all = sets.flat().map(([a, b]) => [a, b] as [number, number]);
  all.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of all) {
    const last = merged.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Whether `row` is in the (sorted, merged) ranges: a binary search. */
export function inRanges(ranges: RowRanges, row: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = ranges[mid];
    if (!range) return false;
    if (row < range[0]) hi = mid - 1;
    else if (row > range[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** How many rows the ranges hold. */
export function rangeCount(ranges: RowRanges): number {
  return ranges.reduce((n, [from, to]) => n + to - from + 1, 0);
}
