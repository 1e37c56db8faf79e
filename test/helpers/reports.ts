import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/**
 * Edits a report CSV as a person would in a spreadsheet: finds each line by its `Row` and sets
 * cells by their header text, keeping the file's BOM, delimiter and CRLF. `fixes` maps an
 * original row number to {header: new text}. Lines not named are left as they are.
 */
export function fixCsv(path: string, fixes: Record<number, Record<string, string>>): void {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const delimiter = parsed.meta.delimiter;
  const [header, ...lines] = parsed.data;
  if (!header) throw new Error(`${path} has no header`);
  for (const line of lines) {
    const fix = fixes[Number(line[0])];
    if (!fix) continue;
    for (const [name, value] of Object.entries(fix)) {
      const at = header.indexOf(name);
      if (at < 0) throw new Error(`${path} has no column ${name}`);
      line[at] = value;
    }
  }
  const out = Papa.unparse([header, ...lines], { delimiter, newline: '\r\n' });
  writeFileSync(path, `\uFEFF${out}\r\n`);
}

/** The same for errors.xlsx, through exceljs's in-memory Workbook, saved over the file. */
export async function fixXlsx(
  path: string,
  fixes: Record<number, Record<string, string | number | Date>>,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${path} has no worksheet`);
  const header = headerColumns(sheet);
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const fix = fixes[Number(row.getCell(1).value)];
    if (!fix) return;
    for (const [name, value] of Object.entries(fix)) {
      const at = header.get(name);
      if (at === undefined) throw new Error(`${path} has no column ${name}`);
      row.getCell(at).value = value;
    }
  });
  await workbook.xlsx.writeFile(path);
}

/** Header text -> 1-based column number, of a worksheet's first row. */
export function headerColumns(sheet: ExcelJS.Worksheet): Map<string, number> {
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, n) => columns.set(String(cell.value), n));
  return columns;
}
