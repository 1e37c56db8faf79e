import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { matchHeaders } from '../src/map/index.js';
import type { RowProblem } from '../src/map/types.js';
import { openSource } from '../src/read/index.js';
import { writeRowReports } from '../src/report/rowReports.js';
import type { Outcome } from '../src/outcome.js';
import { headerColumns } from './helpers/reports.js';
import { readReport, tempDir } from './helpers/run.js';

const RED = 'FFFFC7CE';

async function openWorkbook(path: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

function failed(sourceRow: number, problems: RowProblem[], row = sourceRow): Outcome {
  return { sourceRow, row, result: 'failed', problems };
}

/** Every cell of the sheet's data rows that is filled red or carries a note, by address. */
function markedCells(sheet: ExcelJS.Worksheet): { red: string[]; notes: Record<string, string> } {
  const red: string[] = [];
  const notes: Record<string, string> = {};
  const width = sheet.getRow(1).cellCount;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    for (let c = 1; c <= width; c += 1) {
      const cell = row.getCell(c);
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      if (fill?.fgColor?.argb === RED) red.push(cell.address);
      if (cell.note !== undefined) {
        notes[cell.address] =
          typeof cell.note === 'string'
            ? cell.note
            : (cell.note.texts ?? []).map((t) => t.text).join('');
      }
    }
  });
  return { red, notes };
}

describe('errors.xlsx', () => {
  it('fills red and notes exactly the offending cells; no problem is left without one', async () => {
    const dir = tempDir();
    const source = join(dir, 'contacts.csv');
    writeFileSync(
      source,
      [
        'Contract,First Name,Last Name,Email,DOB,Post Code,Phone,Notes',
        '7101,Ann,Lee,ann@,1980-01-01,01620,+44 20 7946 0958,"=HYPERLINK(""http://evil.example"",""x"")"',
        '7101,Bob,Ray,bob@example.com,1980-01-02,N1 7GR,07700 900123,ok',
        'x,,,,31/02/1981,,,-5',
      ].join('\r\n'),
    );
    const table = await openSource(source);
    const { columns } = matchHeaders(table.headers);
    const outcomes = new Map<number, Outcome>([
      [
        2,
        failed(2, [
          { PropertyName: 'Email', Message: 'is not a valid email address', columns: [3] },
        ]),
      ],
      [3, { sourceRow: 3, row: 3, result: 'created', id: 1001 }],
      [
        4,
        failed(4, [
          { PropertyName: 'CoworkerContractId', Message: 'is not a whole number', columns: [0] },
          { PropertyName: 'FullName', Message: 'is a required field', columns: [1, 2] },
          { PropertyName: 'DateOfBirth', Message: 'is not a date (31/02/1981)', columns: [4] },
          // a server error on a field the file has no column for: it goes on the Row cell
          { PropertyName: 'AmlCheckStatus', Message: 'is not allowed here', columns: [] },
        ]),
      ],
    ]);
    await writeRowReports(dir, table, columns, outcomes);

    const sheet = await openWorkbook(join(dir, 'errors.xlsx'));
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Row',
      'Contract',
      'First Name',
      'Last Name',
      'Email',
      'DOB',
      'Post Code',
      'Phone',
      'Notes',
      'Errors',
    ]);
    expect(sheet.rowCount).toBe(3);
    const { red, notes } = markedCells(sheet);
    expect(red.sort()).toEqual(['A3', 'B3', 'C3', 'D3', 'E2', 'F3'].sort());
    expect(notes).toEqual({
      A1: expect.stringMatching(/^Row: .*Leave it as it is/),
      E2: 'Email: is not a valid email address',
      A3: 'AmlCheckStatus: is not allowed here',
      B3: 'CoworkerContractId: is not a whole number',
      C3: 'FullName: is a required field',
      D3: 'FullName: is a required field',
      F3: 'DateOfBirth: is not a date (31/02/1981)',
    });
    // Errors: every problem, one a line, wrapped
    const errors = sheet.getCell('J3');
    expect(errors.value).toBe(
      [
        'CoworkerContractId: is not a whole number',
        'FullName: is a required field',
        'DateOfBirth: is not a date (31/02/1981)',
        'AmlCheckStatus: is not allowed here',
      ].join('\n'),
    );
    expect(errors.alignment?.wrapText).toBe(true);
    // the same lines as errors.csv
    const csv = readReport(join(dir, 'errors.csv'));
    expect(csv.map((l) => l.Row)).toEqual(['2', '4']);
    expect(csv[1]?.Errors).toBe(String(errors.value).replaceAll('\n', ' | '));
  });

  it('keeps text as text, never runs a formula, and looks like a sheet made by a person', async () => {
    const dir = tempDir();
    const source = join(dir, 'contacts.csv');
    writeFileSync(
      source,
      'Contract;Name;Post Code;Phone;DOB;Notes\r\n7101;Ann Lee;01620;+44 20 7946 0958;05/06/1975;=HYPERLINK("http://evil.example","x")\r\n7101;Bob;0042;-5;;@SUM(1)\r\n',
    );
    const table = await openSource(source);
    const { columns } = matchHeaders(table.headers);
    const problem = { PropertyName: 'DateOfBirth', Message: 'is ambiguous', columns: [4] };
    await writeRowReports(
      dir,
      table,
      columns,
      new Map([
        [2, failed(2, [problem])],
        [3, failed(3, [problem])],
      ]),
    );
    const sheet = await openWorkbook(join(dir, 'errors.xlsx'));
    const at = headerColumns(sheet);
    const cell = (name: string, row = 2) => sheet.getRow(row).getCell(at.get(name) ?? 0);
    expect(cell('Post Code').value).toBe('01620');
    expect(cell('Post Code', 3).value).toBe('0042');
    expect(cell('Phone').value).toBe('+44 20 7946 0958');
    expect(cell('Phone', 3).value).toBe('-5');
    expect(cell('Contract').value).toBe('7101'); // read as text from a CSV: stays text
    expect(cell('Notes').type).toBe(ExcelJS.ValueType.String);
    expect(cell('Notes').value).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(cell('Notes', 3).value).toBe("'@SUM(1)");
    // Text columns are formatted as Text, so a fix typed in stays as typed; a date column as
    // the template's dates, so a date typed there becomes a date cell.
    expect(cell('Post Code').numFmt).toBe('@');
    expect(cell('DOB').numFmt).toBe('yyyy-mm-dd');
    // nothing in the file is a formula
    sheet.eachRow((row) =>
      row.eachCell((c) => expect(c.type, c.address).not.toBe(ExcelJS.ValueType.Formula)),
    );

    // Header bold and frozen, widths that fit
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(6);
    expect(sheet.getColumn(at.get('Phone') ?? 0).width).toBeGreaterThanOrEqual(16);
    expect(sheet.getColumn(at.get('Errors') ?? 0).width).toBeGreaterThanOrEqual(30);

    // errors.csv: BOM, the source's delimiter, CRLF, the same neutralising
    const csv = readFileSync(join(dir, 'errors.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFRow;Contract;Name;Post Code;Phone;DOB;Notes;Errors\r\n')).toBe(
      true,
    );
    expect(csv).toContain(';+44 20 7946 0958;');
    expect(csv).toContain(`;"'=HYPERLINK(""http://evil.example"",""x"")";`);
    expect(csv.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    for (const file of ['errors.csv', 'errors.xlsx', 'created.csv']) {
      expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    }
  });

  it('from an XLSX source: numbers, dates and booleans keep their kind, and the sheet its name', async () => {
    const dir = tempDir();
    const source = join(dir, 'contacts.xlsx');
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Contacts');
    ws.addRow([
      'CoworkerContractId',
      'FullName',
      'DateOfBirth',
      'AML Check Date',
      'PostCode',
      'AmlOpenSanctionsScore',
    ]);
    ws.addRow([
      7101,
      'Ann Lee',
      new Date(Date.UTC(1981, 1, 28)),
      new Date(Date.UTC(2024, 4, 1, 9, 30)),
      '01620',
      0.25,
    ]);
    ws.getCell('C2').numFmt = 'dd/mm/yyyy';
    ws.getCell('D2').numFmt = 'dd/mm/yyyy hh:mm';
    await book.xlsx.writeFile(source);

    const table = await openSource(source);
    const { columns } = matchHeaders(table.headers);
    const problem = { PropertyName: 'FullName', Message: 'is wrong', columns: [1] };
    await writeRowReports(dir, table, columns, new Map([[2, failed(2, [problem])]]));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'errors.xlsx'));
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('Contacts');
    const row = sheet?.getRow(2);
    expect(row?.getCell(1).value).toBe(2);
    expect(row?.getCell(2).value).toBe(7101);
    expect(row?.getCell(4).value).toEqual(new Date(Date.UTC(1981, 1, 28)));
    expect(row?.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(row?.getCell(5).value).toEqual(new Date(Date.UTC(2024, 4, 1, 9, 30)));
    expect(row?.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row?.getCell(6).value).toBe('01620');
    expect(row?.getCell(7).value).toBe(0.25);
    // errors.csv of an XLSX source uses a comma, and ISO dates
    const csv = readFileSync(join(dir, 'errors.csv'), 'utf8');
    expect(csv).toContain(
      '\r\n2,7101,Ann Lee,1981-02-28,2024-05-01 09:30:00,01620,0.25,FullName: is wrong\r\n',
    );
  });
});
