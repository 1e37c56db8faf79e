import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/sandbox/index.js';
import { fontsWithoutName } from './helpers/fonts.js';
import { headerColumns } from './helpers/reports.js';
import { readReport, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

/** A file with everyday headers (matched by alias), a column matching no field, and bad rows. */
const SOURCE = [
  'Contract,Name,Role,AML Status,Country,DOB,Post Code,Notes,Extra',
  '7101,Ann Lee,Director,Clear,Germany,1975-06-23,01620,fine,x',
  '7101,Bob Ray,Secretary,Done,Narnia,31/02/1981,N1 7GR,two wrong enums,y',
  'x,,Boss,Maybe,Atlantis,someday,00042,every cell wrong,z',
  '7102,Cy Dee,Nominated recipient,Pending,DE,1980-01-02,75002,an ISO code,',
  '7102,Di,Director,NotStarted,France,2999-01-01,75002,born in the future,',
].join('\r\n');

describe('errors.xlsx after an import with failures', () => {
  it("carries the template's dropdowns and formats, names its fonts, sets Row apart and fits Errors in its rows", async () => {
    writeFileSync(join(cwd, 'contacts.csv'), SOURCE);
    const run = await runCli(
      [
        ...['import', 'contacts.csv', '--base-url', sandbox.url, '--out', 'r'],
        ...['--writes-per-minute', '6000', '--ignore-column', 'Extra'],
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(run.code, run.stderr).toBe(1);
    const path = join(cwd, 'r', 'errors.xlsx');
    const failed = readReport(join(cwd, 'r', 'errors.csv')).map((l) => Number(l.Row));
    expect(failed).toEqual([3, 4, 6]);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    const at = headerColumns(sheet);
    const column = (header: string) => at.get(header) ?? 0;
    const dataRows = failed.map((_, i) => i + 2);
    const last = dataRows.length + 1;

    // Dropdowns on the columns matched to the enums and the country, over every data row,
    // drawing on a hidden Lists sheet; warning style, so an ISO code or a Nexudus name stays.
    const lists = book.getWorksheet('Lists') as ExcelJS.Worksheet;
    expect(lists.state).toBe('hidden');
    const offered = (formula: string): string[] => {
      const m = /^Lists!\$([A-Z]+)\$(\d+):\$\1\$(\d+)$/.exec(formula);
      if (!m) throw new Error(`not a Lists range: ${formula}`);
      const values: string[] = [];
      for (let r = Number(m[2]); r <= Number(m[3]); r++) {
        values.push(String(lists.getCell(`${m[1]}${r}`).value));
      }
      return values;
    };
    for (const [header, some] of [
      ['Role', 'Nominated recipient'],
      ['AML Status', 'Manually cleared'],
      ['Country', 'Germany'],
    ] as const) {
      for (const row of dataRows) {
        const validation = sheet.getCell(row, column(header)).dataValidation;
        expect(validation, `${header} row ${row}`).toMatchObject({
          type: 'list',
          errorStyle: 'warning',
          showErrorMessage: true,
        });
        expect(offered(String(validation.formulae[0]))).toContain(some);
      }
      expect(sheet.getCell(last + 1, column(header)).dataValidation).toBeUndefined();
    }
    expect(sheet.getCell(2, column('Country')).dataValidation.error).toMatch(/such as DE/);
    for (const header of ['Row', 'Contract', 'Name', 'DOB', 'Notes', 'Extra', 'Errors']) {
      expect(sheet.getCell(2, column(header)).dataValidation, header).toBeUndefined();
    }

    // Formats as the template's: dates yyyy-mm-dd, post codes and text as Text, Ids whole
    // numbers; a column matching no field is Text.
    for (const row of dataRows) {
      expect(sheet.getCell(row, column('DOB')).numFmt).toBe('yyyy-mm-dd');
      expect(sheet.getCell(row, column('Post Code')).numFmt).toBe('@');
      expect(sheet.getCell(row, column('Contract')).numFmt).toBe('0');
      expect(sheet.getCell(row, column('Notes')).numFmt).toBe('@');
      expect(sheet.getCell(row, column('Extra')).numFmt).toBe('@');
    }
    expect(sheet.getColumn(column('DOB')).numFmt).toBe('yyyy-mm-dd');

    // No font without a name (LibreOffice would show it as a serif); the default is Calibri.
    expect(await fontsWithoutName(path)).toEqual([]);

    // Row: grey, bold, a rule on its right, frozen with the header, a note saying to leave it.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(column('Row')).toBe(1);
    for (const row of [1, ...dataRows]) {
      const cell = sheet.getCell(row, 1);
      expect(cell.font?.bold, `A${row}`).toBe(true);
      expect(cell.border?.right?.style, `A${row}`).toBeTruthy();
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb, `A${row}`).toBe('FFD9D9D9');
    }
    expect(String(sheet.getCell('A1').note)).toMatch(/Leave it as it is/);
    expect(sheet.getCell('B2').font?.bold).toBeFalsy();

    // Errors wrapped, and each row tall enough for its wrapped lines (15 pt a line of Calibri 11).
    const errors = column('Errors');
    const width = sheet.getColumn(errors).width ?? 0;
    let tallest = 0;
    for (const row of dataRows) {
      const cell = sheet.getCell(row, errors);
      expect(cell.alignment?.wrapText).toBe(true);
      const lines = String(cell.value)
        .split('\n')
        .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / width)), 0);
      const height = sheet.getRow(row).height ?? 15;
      expect(height, `row ${row}: ${lines} lines`).toBeGreaterThanOrEqual(15 * lines);
      tallest = Math.max(tallest, lines);
    }
    expect(tallest).toBeGreaterThanOrEqual(4); // the test has a row that needs a tall row
    // and the red cells with their notes stay
    const bad = sheet.getCell(3, column('Name'));
    expect((bad.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(bad.note)).toMatch(/FullName/);
  });
});
