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

/** The text as it is safe to write into a CSV or XLSX cell of a report. */
export function neutralize(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** The inverse of neutralize, for cells of a report imported again. */
export function unneutralize(text: string): string {
  return text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}
