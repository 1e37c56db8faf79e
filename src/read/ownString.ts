/**
 * A copy of `text` that holds no reference to the string it was cut from. V8 makes a substring
 * of 13 characters or more a "sliced string" that keeps its whole parent alive: a cell cut from
 * a 64 KB chunk of CSV text pins the chunk for as long as anyone keeps the cell (the pipeline
 * keeps names and Ids to find duplicate rows). Measured with scripts/read-peak.ts's data:
 * keeping one cell of each of 1,000,000 CSV rows peaked at 668 MB; with owned cells, 222 MB.
 * Concatenating makes V8 flatten into a fresh string, which we slice (the fastest copy here;
 * `Buffer.from(text).toString()` is tighter but slower).
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
