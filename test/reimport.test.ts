import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { fixCsv, fixXlsx } from './helpers/reports.js';
import { besidesReading, readReport, readSummary, runCli, tempDir } from './helpers/run.js';
import { SAMPLE_CSV, SAMPLE_FIXES, expectSampleOnce } from './helpers/rows.js';

const FAST = ['--writes-per-minute', '6000'];

let sandbox: Sandbox;
let cwd: string;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, writesPerMinute: 6000 });
  cwd = tempDir();
  copyFileSync(SAMPLE_CSV, join(cwd, 'contacts.csv'));
});
afterEach(async () => {
  await sandbox.close();
});

function importFile(file: string, out: string) {
  return runCli(['import', file, '--base-url', sandbox.url, '--out', out, ...FAST], {
    cwd,
    env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password },
  });
}

/** Every contact of the sample is in the store exactly once (the account's own two included). */
function expectEveryRowOnce(): void {
  expectSampleOnce(sandbox.contacts());
}

describe('fixing the errors file and importing it again', () => {
  it('through errors.csv, in two rounds: original row numbers all the way, every row once', async () => {
    const first = await importFile('contacts.csv', 'one');
    expect(first.code).toBe(1);
    const before = sandbox.contacts().length;

    // Round 2: three of the four fixed; the contract 9999 is left wrong.
    const { 13: _left, ...three } = SAMPLE_FIXES;
    fixCsv(join(cwd, 'one', 'errors.csv'), three);
    const second = await importFile('one/errors.csv', 'two');
    expect(second.code).toBe(1);
    // Row and Errors are recognised as ours: shown as such, and nothing else is said
    expect(second.stderr).toMatch(/^ {2}A {2}Row +-> our report column: the original row number$/m);
    expect(second.stderr).toMatch(/ {2}Errors +-> our report column, not data$/m);
    expect(besidesReading(second.stderr)).toBe('');
    expect(readReport(join(cwd, 'two', 'created.csv')).map((c) => [c.Row, c.Result])).toEqual([
      ['7', 'created'],
      ['10', 'created'],
      ['11', 'created'],
    ]);
    const stillWrong = readReport(join(cwd, 'two', 'errors.csv'));
    expect(stillWrong.map((e) => e.Row)).toEqual(['13']);
    expect(stillWrong[0]?.Errors).toBe(
      "CoworkerContractId: no coworker contract with Id 9999: find the contract's Id in Nexudus, or name it by its customer in a Customer column",
    );
    expect(Object.keys(stillWrong[0] ?? {})).toEqual(
      Object.keys(readReport(join(cwd, 'one', 'errors.csv'))[0] ?? {}),
    );
    expect(readSummary(join(cwd, 'two')).counts).toMatchObject({ rows: 4, created: 3, failed: 1 });

    // Round 3: the last one, from round 2's errors file.
    fixCsv(join(cwd, 'two', 'errors.csv'), { 13: SAMPLE_FIXES[13] ?? {} });
    const third = await importFile('two/errors.csv', 'three');
    expect(third.code).toBe(0);
    expect(readReport(join(cwd, 'three', 'created.csv')).map((c) => [c.Row, c.Result])).toEqual([
      ['13', 'created'],
    ]);
    expect(sandbox.contacts().length).toBe(before + 4);
    expectEveryRowOnce();

    // And once more by mistake: nothing is created twice.
    const again = await importFile('two/errors.csv', 'four');
    expect(again.code).toBe(0);
    expect(readReport(join(cwd, 'four', 'created.csv')).map((c) => [c.Row, c.Result])).toEqual([
      ['13', 'existing'],
    ]);
    expectEveryRowOnce();
  });

  it("keeps a user's own leading apostrophe: '=already quoted comes back from errors.csv as typed", async () => {
    writeFileSync(
      join(cwd, 'quoted.csv'),
      [
        'CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,Email,Notes',
        "7101,Quote Keeper,Director,Pending,not-an-email,'=already quoted",
        '7102,Formula Person,Director,Pending,also-bad,=1+1',
        "7103,Twice Quoted,Director,Pending,bad@,''@twice",
        '',
      ].join('\r\n'),
    );
    const first = await importFile('quoted.csv', 'one');
    expect(first.code).toBe(1);
    const written = readReport(join(cwd, 'one', 'errors.csv'));
    // only formula-like text gets the tool's apostrophe, one more than the user typed
    expect(written.map((e) => e.Notes)).toEqual(["''=already quoted", "'=1+1", "'''@twice"]);
    fixCsv(join(cwd, 'one', 'errors.csv'), {
      2: { Email: 'quote.keeper@example.com' },
      3: { Email: 'formula.person@example.com' },
      4: { Email: 'twice.quoted@example.com' },
    });
    const second = await importFile('one/errors.csv', 'two');
    expect(second.code).toBe(0);
    const notes = Object.fromEntries(
      sandbox
        .contacts()
        .filter((r) => ['Quote Keeper', 'Formula Person', 'Twice Quoted'].includes(r.FullName))
        .map((r) => [r.FullName, r.Notes]),
    );
    expect(notes).toEqual({
      'Quote Keeper': "'=already quoted",
      'Formula Person': '=1+1',
      'Twice Quoted': "''@twice",
    });
  });

  it('through errors.xlsx edited in a spreadsheet program', async () => {
    await importFile('contacts.csv', 'one');
    const before = sandbox.contacts().length;
    // What the person sees: exactly the four wrong cells are red and noted.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(cwd, 'one', 'errors.xlsx'));
    const marked: string[] = [];
    // (the header's one note, on Row, says to leave that column as it is)
    book.worksheets[0]?.eachRow((row, n) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (n === 1) return;
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill?.fgColor?.argb === 'FFFFC7CE' || cell.note !== undefined) {
          marked.push(`${cell.address} ${String(cell.value)}: ${String(cell.note)}`);
        }
      }),
    );
    expect(marked).toEqual([
      'I2 katrin.vogel@example: Email: is not a valid email address',
      expect.stringMatching(/^F3 Secretary: ContractContactType: 'Secretary' is not one of/),
      expect.stringMatching(/^J4 1981-02-29: DateOfBirth: /),
      "B5 9999: CoworkerContractId: no coworker contract with Id 9999: find the contract's Id in Nexudus, or name it by its customer in a Customer column",
    ]);
    await fixXlsx(join(cwd, 'one', 'errors.xlsx'), SAMPLE_FIXES);

    const second = await importFile('one/errors.xlsx', 'two');
    expect(second.stderr).toMatch(/^ {2}A {2}Row +-> our report column: the original row number$/m);
    expect(besidesReading(second.stderr)).toBe('');
    expect(second.code).toBe(0);
    const created = readReport(join(cwd, 'two', 'created.csv'));
    expect(created.map((c) => [c.Row, c.Result])).toEqual([
      ['7', 'created'],
      ['10', 'created'],
      ['11', 'created'],
      ['13', 'created'],
    ]);
    // created.csv echoes the source's own columns, not Row/Errors of the errors file
    expect(Object.keys(created[0] ?? {})).toEqual([
      'Row',
      ...'CoworkerContractId,Customer,Plan,FullName,ContractContactType,AmlCheckStatus,CoworkerId,Email,DateOfBirth,Address,PostCode,CityName,State,CountryId,PhoneNumber,Notes'.split(
        ',',
      ),
      'Id',
      'Result',
    ]);
    expect(sandbox.contacts().length).toBe(before + 4);
    expectEveryRowOnce();
    const lars = sandbox.contacts().find((r) => r.FullName === 'Lars Østergaard');
    expect(lars).toMatchObject({ DateOfBirth: '1981-02-28T00:00:00', PostCode: '01620' });
  });
});

/** Cells a spreadsheet would run as formulas, and look-alikes that must come back unchanged. */
const TRICKY = [
  '=HYPERLINK("http://evil.example","click me")',
  '@SUM(1+1)',
  '+CMD|calc',
  '-2+3',
  '-5',
  '+44 20 7946 0958',
  "'already quoted",
];

describe('formula neutralising round-trips exactly', () => {
  function writeTrickyCsv(): void {
    const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;
    const lines = ['Contract,Name,Email,Phone,Notes'];
    TRICKY.forEach((notes, i) =>
      lines.push(`7101,Tricky ${i},wrong-${i}@,${quote(i === 5 ? notes : '')},${quote(notes)}`),
    );
    writeFileSync(join(cwd, 'tricky.csv'), `${lines.join('\r\n')}\r\n`);
  }
  const fixes = Object.fromEntries(
    TRICKY.map((_, i) => [i + 2, { Email: `tricky.${i}@example.com` }]),
  );

  function expectStoredAsWritten(): void {
    TRICKY.forEach((notes, i) => {
      const record = sandbox.contacts().find((r) => r.FullName === `Tricky ${i}`);
      expect(record?.Notes, notes).toBe(notes);
    });
    expect(sandbox.contacts().find((r) => r.FullName === 'Tricky 5')?.PhoneNumber).toBe(
      '+44 20 7946 0958',
    );
  }

  it('through errors.csv', async () => {
    writeTrickyCsv();
    expect((await importFile('tricky.csv', 'one')).code).toBe(1);
    const csv = readFileSync(join(cwd, 'one', 'errors.csv'), 'utf8');
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""click me"")",`);
    expect(csv).toContain(`,'@SUM(1+1),`);
    expect(csv).toContain(`,'+CMD|calc,`);
    expect(csv).toContain(`,'-2+3,`);
    expect(csv).toContain(`,-5,`);
    expect(csv).toContain(`,+44 20 7946 0958,+44 20 7946 0958,`);
    fixCsv(join(cwd, 'one', 'errors.csv'), fixes);
    expect((await importFile('one/errors.csv', 'two')).code).toBe(0);
    expectStoredAsWritten();
  });

  it('through errors.xlsx, where they are string cells, never formulas', async () => {
    writeTrickyCsv();
    await importFile('tricky.csv', 'one');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(cwd, 'one', 'errors.xlsx'));
    book.worksheets[0]?.eachRow((row) =>
      row.eachCell((cell) =>
        expect(cell.type, cell.address).toBe(
          typeof cell.value === 'number' ? ExcelJS.ValueType.Number : ExcelJS.ValueType.String,
        ),
      ),
    );
    await fixXlsx(join(cwd, 'one', 'errors.xlsx'), fixes);
    expect((await importFile('one/errors.xlsx', 'two')).code).toBe(0);
    expectStoredAsWritten();
  });
});

describe('an XLSX source', () => {
  it('gives an errors.xlsx with its dates and numbers, which imports again once fixed', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('People');
    sheet.addRow(['Contract', 'Name', 'Type', 'DOB', 'Post Code', 'Email']);
    sheet.addRow([
      7103,
      'Hanna Berg',
      'Director',
      new Date(Date.UTC(1970, 0, 31)),
      '01620',
      'hanna@',
    ]);
    sheet.addRow([
      7103,
      'Ida Berg',
      'Boss',
      new Date(Date.UTC(1972, 2, 1)),
      '0042',
      'ida@example.com',
    ]);
    sheet.getColumn(4).numFmt = 'dd/mm/yyyy';
    await book.xlsx.writeFile(join(cwd, 'people.xlsx'));

    expect((await importFile('people.xlsx', 'one')).code).toBe(1);
    await fixXlsx(join(cwd, 'one', 'errors.xlsx'), {
      2: { Email: 'hanna@example.com' },
      3: { Type: 'Director' },
    });
    const again = await runCli(
      [
        'import',
        'one/errors.xlsx',
        '--sheet',
        'People',
        '--base-url',
        sandbox.url,
        '--out',
        'two',
        ...FAST,
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(again.code).toBe(0);
    expect(
      readReport(join(cwd, 'two', 'created.csv')).map((c) => [c.Row, c.DOB, c['Post Code']]),
    ).toEqual([
      ['2', '1970-01-31', '01620'],
      ['3', '1972-03-01', '0042'],
    ]);
    expect(sandbox.contacts().find((r) => r.FullName === 'Hanna Berg')).toMatchObject({
      DateOfBirth: '1970-01-31T00:00:00',
      PostCode: '01620',
    });
  });
});

describe('dates whose order only the rows that went in settled', () => {
  it('import DIR repeats the order, so the errors file reads its dates the same way', async () => {
    writeFileSync(
      join(cwd, 'dates.csv'),
      'Contract,Name,DOB,Email\r\n7101,Una Day,23/06/1979,una@example.com\r\n7101,Vic Day,05/06/1975,vic@\r\n',
    );
    const first = await importFile('dates.csv', 'one');
    expect(first.code).toBe(1);
    const command = /npx nexudus-import (import .*)$/m.exec(first.stdout)?.[1] ?? '';
    expect(command).toBe('import one');
    fixCsv(join(cwd, 'one', 'errors.csv'), { 3: { Email: 'vic@example.com' } });

    // Without the order, 05/06/1975 alone is ambiguous; with the command as printed, it is not.
    await importFile('one/errors.csv', 'bare');
    expect(readReport(join(cwd, 'bare', 'errors.csv'))[0]?.Errors).toMatch(/ambiguous/);
    const again = await runCli([...command.split(' '), '--out', 'two'], {
      cwd,
      env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password },
    });
    expect(besidesReading(again.stderr)).toBe(
      'Reading the fixed row of one/errors.csv (every other row of dates.csv is done in one).\n',
    );
    expect(again.stderr).toMatch(
      /-> DateOfBirth; dates day first \(DMY\), given by --date-format$/m,
    );
    expect(again.code).toBe(0);
    expect(sandbox.contacts().find((r) => r.FullName === 'Vic Day')?.DateOfBirth).toBe(
      '1975-06-05T00:00:00',
    );
  });
});
