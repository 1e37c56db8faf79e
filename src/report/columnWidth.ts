/**
 * A column width, in Excel's units (about one character of the default font), that shows the
 * longest line of `texts` plus a little air, within [min, max]: wide enough to read without
 * clicking, narrow enough that a long note does not push every other column off the screen.
 */
export function columnWidth(texts: Iterable<string>, min: number, max: number): number {
  let longest = 0;
  for (const text of texts) {
    for (const line of text.split('\n')) longest = Math.max(longest, line.length);
  }
  return Math.min(max, Math.max(min, longest + 2));
}
