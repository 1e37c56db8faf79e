import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ContractContactRecord, Sandbox } from '../src/sandbox/index.js';
import { readReport, readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: false, requestsPerMinute: false }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});
const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });

type Cell = { value: ExcelJS.CellValue; numFmt?: string };

/** A workbook as Excel users make them: numbers typed into cells that a format displays. */
async function writeBook(name: string, header: string[], rows: Cell[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow(header);
  rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      const target = sheet.getCell(r + 2, c + 1);
      target.value = cell.value;
      if (cell.numFmt) target.numFmt = cell.numFmt;
    });
  });
  const path = join(cwd, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const strip = (r: ContractContactRecord) => {
  const { Id: _i, CreatedOn: _c, UpdatedOn: _u, UniqueId: _q, ...payload } = r;
  return payload;
};

describe('numbers under a display format (SPEC "Reading": the text Excel shows)', () => {
  it('sends phone numbers and ZIP+4 codes as shown, and keeps Ids as numbers', async () => {
    const file = await writeBook(
      'formatted.xlsx',
      ['Contract', 'Full Name', 'Phone', 'Post Code', 'Notes'],
      [
        [
          { value: 7101, numFmt: '#,##0' },
          { value: 'Ann Lee' },
          { value: 4479460958, numFmt: '+0' },
          { value: 21340001, numFmt: '00000-0000' },
          { value: 1.5208333333333333, numFmt: '[h]:mm:ss' },
        ],
        [
          { value: 7102 },
          { value: 'Bo Chan' },
          { value: 2125551234, numFmt: '[<=9999999]###-####;(###) ###-####' },
          { value: 2134, numFmt: '00000' },
          { value: 1234567, numFmt: '#,##0' },
        ],
      ],
    );
    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'i'], {
      cwd,
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    const stored = sandbox
      .contacts()
      .slice(2)
      .map(strip)
      .sort((a, b) => String(a.FullName).localeCompare(String(b.FullName)));
    expect(stored).toEqual([
      {
        CoworkerContractId: 7101,
        FullName: 'Ann Lee',
        ContractContactType: 1,
        AmlCheckStatus: 0,
        PhoneNumber: '+4479460958',
        PostCode: '02134-0001',
        // An elapsed time is a duration shown as Excel shows it, not a date.
        Notes: '36:30:00',
      },
      {
        CoworkerContractId: 7102,
        FullName: 'Bo Chan',
        ContractContactType: 1,
        AmlCheckStatus: 0,
        PhoneNumber: '(212) 555-1234',
        PostCode: '02134',
        Notes: '1,234,567',
      },
    ]);
    // created.csv echoes what the sheet showed, and the Id as the number it is.
    const created = readReport(join(cwd, 'i', 'created.csv'));
    expect(created.map((r) => [r.Contract, r.Phone, r['Post Code']])).toEqual([
      ['7101', '+4479460958', '02134-0001'],
      ['7102', '(212) 555-1234', '02134'],
    ]);
  });

  it('fails an elapsed-time cell in a date column instead of reading it as a date', async () => {
    const file = await writeBook(
      'elapsed.xlsx',
      ['Contract', 'Full Name', 'AML Check Date'],
      [
        [{ value: 7101 }, { value: 'Ann Lee' }, { value: 45000.25, numFmt: '[h]:mm:ss' }],
        [{ value: 7101 }, { value: 'Bo Chan' }, { value: new Date(Date.UTC(2026, 0, 15)) }],
      ],
    );
    const check = await runCli(['validate', file, '--out', 'v'], { cwd });
    expect(check.code).toBe(1);
    const errors = readReport(join(cwd, 'v', 'errors.csv'));
    expect(errors.map((e) => [e.Row, e.Errors])).toEqual([
      [
        '2',
        'AmlCheckDate: is a duration (1080006:00:00), not a date: format the cell as a date or write it as 1975-06-23',
      ],
    ]);
    expect(readSummary(join(cwd, 'v')).counts).toMatchObject({ failed: 1, notAttempted: 1 });
  });

  it('keeps the format in errors.xlsx, so the fixed file imports the same values', async () => {
    const file = await writeBook(
      'fix.xlsx',
      ['Contract', 'Full Name', 'Phone', 'Email'],
      [
        [
          { value: 7101 },
          { value: 'Ann Lee' },
          { value: 4479460958, numFmt: '+0' },
          { value: 'x' },
        ],
      ],
    );
    const check = await runCli(['validate', file, '--out', 'v'], { cwd });
    expect(check.code).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(cwd, 'v', 'errors.xlsx'));
    const phone = book.worksheets[0]?.getCell('D2');
    expect([phone?.value, phone?.numFmt]).toEqual([4479460958, '+0']);
  });
});
