/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with `=`, `@`, tab
 * or CR, or with `+`/`-` followed by something that is not a number, would be run as a formula
 * by Excel or LibreOffice. Reports write such cells with a leading `'`; importing a report again
 * removes exactly that `'`. Numbers and phone numbers (`-5`, `+44 20 7946 0958`) stay as they are.
 */
const PLUS_MINUS_NUMBER = /^[+-][\d\s().]*\d[\d\s().]*$/;

export function isFormulaLike(text: string): boolean {
  const first = text[0];
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return true;
  if (first === '+' || first === '-') return !PLUS_MINUS_NUMBER.test(text);
  return false;
}

/**
 * Whether a report writes the text with a `'` in front: when it is formula-like, and also when
 * it is one the user already quoted (`'=x`, `''=x`: apostrophes, then something formula-like).
 * Without the second case `'=x` would be written as it is and read back as `=x`, the user's own
 * `'` taken for the tool's. With it, the pair is exact: unneutralize(neutralize(x)) === x for
 * every text (a property test checks it), because a `'` followed by such a text is always the
 * tool's.
 */
function takesQuote(text: string): boolean {
  let start = 0;
  while (text[start] === "'") start += 1;
  return isFormulaLike(text.slice(start));
}

/** The text as it is safe to write into a CSV or XLSX cell of a report. */
export function neutralize(text: string): string {
  return takesQuote(text) ? `'${text}` : text;
}

/** The inverse of neutralize, for cells of a report imported again: removes only the tool's `'`. */
export function unneutralize(text: string): string {
  return text.startsWith("'") && takesQuote(text.slice(1)) ? text.slice(1) : text;
}
