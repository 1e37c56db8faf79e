import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { fixCsv } from './helpers/reports.js';
import { besidesReading, readReport, readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: false, requestsPerMinute: false }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});
const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
const fast = ['--writes-per-minute', '60000'];

/** Issue 11's sheet: three of its columns match no field by their header. */
const HEADER = ['Contract', 'Name', 'Type of contact', 'Email addr', 'D.O.B.', 'Nationality'];
const ROWS = [
  ['7101', 'Nora Quill', 'Nominated recipient', 'nora@example.com', '23/06/1979', 'Irish'],
  ['7102', 'Quill & Co', 'Company alias', 'office@quill.example', '', ''],
  ['7103', 'Otto Quill', 'Director', 'otto@example.com', '05/06/1975', 'Danish'],
];

function writeCsv(name: string, lines: readonly (readonly string[])[]): string {
  writeFileSync(join(cwd, name), `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`);
  return name;
}

/** The same sheet as Excel saves it, written by exceljs's non-streaming Workbook. */
async function writeXlsx(name: string, lines: readonly (readonly string[])[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Contacts');
  for (const line of lines) sheet.addRow([...line]);
  await book.xlsx.writeFile(join(cwd, name));
  return name;
}

/** The contacts this file made, by name (requests run two at a time): name, type, email, birth. */
const quills = () =>
  sandbox
    .contacts()
    .filter((c) => String(c.FullName).includes('Quill'))
    .sort((a, b) => String(a.FullName).localeCompare(String(b.FullName)))
    .map((c) => [c.FullName, c.ContractContactType, c.Email ?? null, c.DateOfBirth ?? null]);

const RIGHT = [
  ['Nora Quill', 3, 'nora@example.com', '1979-06-23T00:00:00'],
  ['Otto Quill', 1, 'otto@example.com', '1975-06-05T00:00:00'],
  ['Quill & Co', 2, 'office@quill.example', null],
];

/** The words of a command as a shell would split it (double quotes only, as ours prints them). */
const words = (command: string): string[] =>
  (command.match(/"[^"]*"|\S+/g) ?? []).map((w) => w.replace(/^"(.*)"$/, '$1'));

describe.each([
  ['CSV', 'contacts.csv', () => writeCsv('contacts.csv', [HEADER, ...ROWS])],
  ['XLSX', 'contacts.xlsx', () => writeXlsx('contacts.xlsx', [HEADER, ...ROWS])],
])('issue 11: columns that match no field, in %s', (_format, name, write) => {
  it('stop the run before anything is sent, naming each column and the field it resembles', async () => {
    await write();
    const run = await runCli(['import', name, '--base-url', sandbox.url, '--out', 'r', ...fast], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `3 columns of ${name} match no field: "Type of contact" (column C: did you mean ContractContactType?), "Email addr" (column D: did you mean Email?) and "Nationality" (column F). Rename the headers, map them with --mapping, or leave a column out with --ignore-column, e.g. --ignore-column Nationality.\n`,
    );
    // decided before the account was even reached; nothing is left behind
    expect(sandbox.stats().requests).toBe(0);
    expect(existsSync(join(cwd, 'r'))).toBe(false);
    expect(quills()).toEqual([]);
  });

  it('import with the right types and emails once the columns are mapped', async () => {
    await write();
    writeFileSync(
      join(cwd, 'mapping.json'),
      JSON.stringify({ 'Type of contact': 'ContractContactType', 'Email addr': 'Email' }),
    );
    const run = await runCli(
      [
        'import',
        name,
        '--mapping',
        'mapping.json',
        '--ignore-column',
        'nationality', // ignoring case, like --mapping's keys
        '--base-url',
        sandbox.url,
        '--out',
        'r',
        ...fast,
      ],
      { cwd, env: env() },
    );
    expect(run.code).toBe(0);
    expect(quills()).toEqual(RIGHT);
    expect(run.stderr).toMatch(
      /^ {2}C {2}Type of contact +-> ContractContactType \(by --mapping\)$/m,
    );
    expect(run.stderr).toMatch(/^ {2}F {2}Nationality +-> left out: --ignore-column$/m);
    expect(run.stderr).toMatch(
      /^ {2}E {2}D\.O\.B\. +-> DateOfBirth; dates day first \(DMY\), inferred from the column$/m,
    );
  });

  it('import with the right types and emails once the headers are renamed', async () => {
    const renamed = ['Contract', 'Name', 'Contact Type', 'Email', 'D.O.B.', 'Nationality'];
    const file = name.endsWith('.csv')
      ? writeCsv(name, [renamed, ...ROWS])
      : await writeXlsx(name, [renamed, ...ROWS]);
    const run = await runCli(
      [
        'import',
        file,
        '--ignore-column',
        'Nationality',
        '--base-url',
        sandbox.url,
        '--out',
        'r',
        ...fast,
      ],
      { cwd, env: env() },
    );
    expect(run.code).toBe(0);
    expect(quills()).toEqual(RIGHT);
  });
});

describe('--ignore-column', () => {
  it('leaves columns out on purpose (repeated), shown as such, and the next command repeats it', async () => {
    const file = writeCsv('contacts.csv', [
      HEADER,
      ...ROWS,
      ['7104', 'Pia Quill', 'Director', 'pia@', '', ''], // a bad email, ignored: the row goes in
      ['9999', 'Rex Quill', 'Director', '', '', ''], // a contract that does not exist: fails
    ]);
    const ignore = ['Type of contact', 'Email addr', 'Nationality'];
    const run = await runCli(
      [
        'import',
        file,
        ...ignore.flatMap((h) => ['--ignore-column', h]),
        '--base-url',
        sandbox.url,
        '--out',
        'r',
        ...fast,
      ],
      { cwd, env: env() },
    );
    expect(run.code).toBe(1);
    // left out on purpose: every contact a Director, with no email, as asked
    expect(quills().map((q) => [q[1], q[2]])).toEqual([
      [1, null],
      [1, null],
      [1, null],
      [1, null],
    ]);
    for (const header of ignore) {
      expect(run.stderr).toMatch(
        new RegExp(`^ {2}[CDF] {2}${header} +-> left out: --ignore-column$`, 'm'),
      );
    }
    // the errors file echoes the ignored columns; import DIR takes them from run.json
    const errors = readReport(join(cwd, 'r', 'errors.csv'));
    expect(Object.keys(errors[0] ?? {})).toEqual(['Row', ...HEADER, 'Errors']);
    const next = /^ {2}npx nexudus-import (import .*)$/m.exec(run.stdout)?.[1] ?? '';
    expect(next).toBe('import r');
    const summary = readSummary(join(cwd, 'r'));
    expect(summary.options.ignoreColumns).toEqual(ignore);
    // an edit that leaves the contract wrong: the ignored columns stay left out on the next run
    fixCsv(join(cwd, 'r', 'errors.csv'), { [Number(errors[0]?.Row)]: { Nationality: 'Italian' } });
    const again = await runCli([...words(next), '--out', 'r2'], { cwd, env: env() });
    expect(besidesReading(again.stderr)).toBe(
      'Reading the fixed row of r/errors.csv (every other row of contacts.csv is done in r).\n',
    );
    expect(again.code).toBe(1); // the contract 9999 is still wrong, and nothing else is sent
    expect(readSummary(join(cwd, 'r2')).counts).toMatchObject({ rows: 1, failed: 1 });
  });

  it('naming a column the file does not have is a usage mistake listing the headers', async () => {
    const file = writeCsv('contacts.csv', [HEADER, ...ROWS]);
    const run = await runCli(
      ['validate', file, '--ignore-column', 'Nationality', '--ignore-column', 'Shoe size'],
      { cwd },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      '--ignore-column names the column "Shoe size", which contacts.csv does not have. Its headers are: Contract, Name, Type of contact, Email addr, D.O.B., Nationality.\n',
    );
    const empty = await runCli(['validate', file, '--ignore-column', ' '], { cwd });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--ignore-column.*give the header of the column to leave out/);
  });

  it('is carried into a resume, which reads the file as the run did', async () => {
    const many = Array.from({ length: 6 }, (_, i) => [
      '7101',
      `Resumed Quill ${i}`,
      'Director',
      `r${i}@example.com`,
      '',
      'Irish',
    ]);
    const file = writeCsv('contacts.csv', [HEADER, ...many]);
    const args = ['--base-url', sandbox.url, ...fast, ...ignoreArgs(['Nationality'])];
    writeFileSync(
      join(cwd, 'mapping.json'),
      JSON.stringify({ 'Type of contact': 'ContractContactType', 'Email addr': 'Email' }),
    );
    const first = await runCli(
      [
        'import',
        file,
        '--mapping',
        'mapping.json',
        '--out',
        'q',
        '--daily-write-limit',
        '2',
        ...args,
      ],
      { cwd, env: env() },
    );
    expect(first.code).toBe(3);
    const run = JSON.parse(readFileSync(join(cwd, 'q', 'run.json'), 'utf8')) as {
      options: Record<string, unknown>;
    };
    expect(run.options.ignoreColumns).toEqual(['Nationality']);
    const resumed = await runCli(['import', '--resume', 'q', '--daily-write-limit', '100'], {
      cwd,
      env: env(),
    });
    expect(resumed.stderr).toMatch(/^ {2}F {2}Nationality +-> left out: --ignore-column$/m);
    expect(resumed.code).toBe(0);
    expect(readSummary(join(cwd, 'q')).counts).toMatchObject({ rows: 6, created: 6 });
  });
});

function ignoreArgs(headers: readonly string[]): string[] {
  return headers.flatMap((h) => ['--ignore-column', h]);
}

describe('a column whose header matches no field but which is empty', () => {
  it('does not stop the run: it is left out and shown as empty', async () => {
    const file = writeCsv('contacts.csv', [
      ['Contract', 'Name', 'Contact Type', 'Email', 'DOB', 'Nationality'],
      ...ROWS.map((r) => [...r.slice(0, 5), '  ']), // white space only is empty too
    ]);
    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(0);
    expect(quills()).toEqual(RIGHT);
    expect(run.stderr).toMatch(
      /^ {2}F {2}Nationality +-> left out: matches no field, and is empty$/m,
    );
    expect(besidesReading(run.stderr)).toBe('');
    const reading = readSummary(join(cwd, 'r')).reading;
    expect(reading?.columns.at(-1)).toEqual({
      column: 'F',
      header: 'Nationality',
      field: null,
      note: 'left out: matches no field, and is empty',
    });
  });
});

describe('cells with no header above them', () => {
  it('fail their row, naming the cells; the other rows import and the counts reconcile', async () => {
    // Column C has no header between named columns; F and G are beyond the header's width.
    const file = join(cwd, 'stray.csv');
    writeFileSync(
      file,
      [
        'Contract,Name,,Type,AML Status',
        '7101,Ann Stray,,Director,Clear', // 2
        '7101,Bob Stray,,Director,Clear,SURPRISE,more', // 3
        '7102,Cy Stray,a note,Director,Clear', // 4
        '', // 5: blank
        '7102,Di Stray,,Company alias,Clear,,', // 6: empty cells beyond the header are nothing
        '7103,Ed Stray,,Director,Clear,"a long value typed beside the table, by mistake"', // 7
      ].join('\r\n'),
    );
    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^ {2}C {2}\(no header\) +-> no header: a value under it fails its row$/m,
    );
    const errors = readReport(join(cwd, 'r', 'errors.csv'));
    expect(errors.map((e) => [e.Row, e.Errors])).toEqual([
      [
        '3',
        "Row: cells F3 ('SURPRISE') and G3 ('more') have no column header: give their columns a header, move the values into the right columns, or delete them",
      ],
      [
        '4',
        "Row: cell C4 ('a note') has no column header: give its column a header, move the value into the right column, or delete it",
      ],
      [
        '7',
        "Row: cell F7 ('a long value typed…') has no column header: give its column a header, move the value into the right column, or delete it",
      ],
    ]);
    const names = sandbox.contacts().map((c) => String(c.FullName));
    expect(names.filter((n) => n.endsWith(' Stray')).sort()).toEqual(['Ann Stray', 'Di Stray']);
    const c = readSummary(join(cwd, 'r')).counts;
    expect(c).toEqual({
      rows: 6,
      created: 2,
      existing: 0,
      updated: 0,
      unchanged: 0,
      failed: 3,
      blank: 1,
      notAttempted: 0,
    });
    expect(c.created + c.existing + c.failed + c.blank + c.notAttempted).toBe(c.rows);

    // errors.xlsx: the cell under the empty header is red; cells beyond the header are noted on Row
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(cwd, 'r', 'errors.xlsx'));
    const noted: string[] = [];
    book.worksheets[0]?.eachRow((row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.note !== undefined) noted.push(`${cell.address} ${String(cell.value)}`);
      }),
    );
    // (and the header's own note, on Row, saying to leave that column as it is)
    expect(noted).toEqual(['A1 Row', 'A2 3', 'D3 a note', 'A4 7']);
  });

  it('in an XLSX, a note typed far to the right fails its row too', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Contacts');
    sheet.addRow(['Contract', 'Name']);
    sheet.addRow([7101, 'Fay Stray']);
    sheet.addRow([7101, 'Gil Stray']);
    sheet.getCell('AB3').value = 'call back';
    await book.xlsx.writeFile(join(cwd, 'stray.xlsx'));
    const run = await runCli(['validate', 'stray.xlsx', '--out', 'v'], { cwd });
    expect(run.code).toBe(1);
    expect(readReport(join(cwd, 'v', 'errors.csv')).map((e) => [e.Row, e.Errors])).toEqual([
      [
        '3',
        "Row: cell AB3 ('call back') has no column header: give its column a header, move the value into the right column, or delete it",
      ],
    ]);
  });
});

describe('how the file was read', () => {
  it('is in summary.json: format, encoding, delimiter, columns and date orders', async () => {
    const file = writeCsv('contacts.csv', [
      ['Contract', 'First Name', 'Last Name', 'Name', 'Email addr', 'DOB', 'Row', 'Notes 2'],
      ['7104', 'Tess', 'Quill', 'T. Quill', 'tess@example.com', '12/31/1980', '', ''],
      ['7104', 'Uma', 'Quill', 'U. Quill', 'uma@example.com', '04/05/1981', '', ''],
    ]);
    writeFileSync(join(cwd, 'mapping.json'), JSON.stringify({ 'Email addr': 'Email' }));
    const run = await runCli(['validate', file, '--mapping', 'mapping.json', '--out', 'v'], {
      cwd,
    });
    expect(run.code).toBe(0);
    const summary = readSummary(join(cwd, 'v'));
    expect(summary.dateOrders).toEqual({ DateOfBirth: 'MDY' }); // kept as it was
    expect(summary.reading).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      ...(summary.reading?.encodingBy ? { encodingBy: summary.reading.encodingBy } : {}),
      delimiter: ',',
      headerRow: 1,
      columns: [
        { column: 'A', header: 'Contract', field: 'CoworkerContractId' },
        {
          column: 'B',
          header: 'First Name',
          field: null,
          note: 'left out: FullName comes from column D',
        },
        {
          column: 'C',
          header: 'Last Name',
          field: null,
          note: 'left out: FullName comes from column D',
        },
        { column: 'D', header: 'Name', field: 'FullName' },
        { column: 'E', header: 'Email addr', field: 'Email', note: 'by --mapping' },
        { column: 'F', header: 'DOB', field: 'DateOfBirth' },
        { column: 'G', header: 'Row', field: null, note: 'our report column, not data' },
        {
          column: 'H',
          header: 'Notes 2',
          field: null,
          note: 'left out: matches no field, and is empty',
        },
      ],
      dateOrders: [{ field: 'DateOfBirth', column: 'F', order: 'MDY', by: 'inferred' }],
    });
    // and on screen, before the summary, in the same words
    expect(run.stderr).toBe(
      [
        `Reading the file as CSV, encoding utf-8${summary.reading?.encodingBy ? ' (the whole file is valid UTF-8)' : ''}, delimiter ",":`,
        '  A  Contract    -> CoworkerContractId',
        '  B  First Name  -> left out: FullName comes from column D',
        '  C  Last Name   -> left out: FullName comes from column D',
        '  D  Name        -> FullName',
        '  E  Email addr  -> Email (by --mapping)',
        '  F  DOB         -> DateOfBirth; dates month first (MDY), inferred from the column',
        '  G  Row         -> our report column, not data',
        '  H  Notes 2     -> left out: matches no field, and is empty',
        '',
      ].join('\n'),
    );
  });

  it('is not shown with --quiet, and names the worksheet of an XLSX', async () => {
    await writeXlsx('contacts.xlsx', [
      ['Contract', 'Name', 'Type'],
      ['7101', 'Vera Quill', 'Director'],
    ]);
    const quiet = await runCli(['validate', 'contacts.xlsx', '--quiet', '--out', 'q'], { cwd });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(readSummary(join(cwd, 'q')).reading).toMatchObject({
      format: 'xlsx',
      sheet: 'Contacts',
      dateOrders: [],
    });
    const shown = await runCli(['validate', 'contacts.xlsx', '--out', 's'], { cwd });
    expect(shown.stderr.split('\n')[0]).toBe('Reading the file as XLSX, worksheet "Contacts":');
  });
});
