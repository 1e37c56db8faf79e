import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT_COLUMNS, FIELD_NAMES, ID_COLUMN } from '../src/fields.js';
import { openSource } from '../src/read/index.js';
import {
  COUNTRIES,
  startSandbox,
  type ContractContactRecord,
  type Sandbox,
} from '../src/sandbox/index.js';
import { countryChoices } from '../src/template/index.js';
import { createContact, readWorkbook, runExport, sheetRecords } from './helpers/exported.js';
import { allRows } from './readHelpers.js';
import { readReport, runCli, tempDir } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

const HEADERS = [ID_COLUMN, ...FIELD_NAMES, ...CONTEXT_COLUMNS];
const UNPACED = { writesPerMinute: false, requestsPerMinute: false } as const;

/** A stored country Id → the name the template's dropdown shows for it. */
const countryName = (() => {
  const names = new Map(countryChoices().map((c) => [c.code, c.name]));
  const byId = new Map(COUNTRIES.map((c) => [c.Id, names.get(c.TwoDigitsCode)]));
  return (id: number) => byId.get(id);
})();

const LABELS: Record<string, Record<number, string>> = {
  ContractContactType: { 0: 'None', 1: 'Director', 2: 'Company alias', 3: 'Nominated recipient' },
  AmlCheckStatus: {
    0: 'Not started',
    1: 'Pending',
    2: 'Clear',
    3: 'Potential match',
    4: 'Confirmed match',
    5: 'Error',
    6: 'Manually cleared',
  },
};

/** `1980-12-31T00:00:00` or `…Z` as the date cell a person would type for it. */
const dateCell = (text: string) => new Date(`${text.slice(0, 19)}Z`);

describe('nexudus-import export', () => {
  let sandbox: Sandbox;
  let cwd: string;
  sandboxPerTest({ ...UNPACED, extraContacts: 40 }, (s, c) => ((sandbox = s), (cwd = c)));

  it('writes every contact in the template layout, Id first and the context columns last; 0600; one summary line', async () => {
    const run = await runExport(sandbox, cwd, ['--out', 'contacts.xlsx']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Exported 42 contacts to contacts\.xlsx in [\d.]+ s\..*import contacts\.xlsx --update --base-url http:\/\/127\.0\.0\.1:\d+\n$/,
    );
    const path = join(cwd, 'contacts.xlsx');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(cwd)).toEqual(['contacts.xlsx']); // no temporary file left beside it
    const workbook = await readWorkbook(path);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Contacts', 'Instructions', 'Lists']);
    const { headers, rows } = sheetRecords(workbook.getWorksheet('Contacts')!);
    expect(headers).toEqual(HEADERS);
    const stored = sandbox.contacts();
    expect(rows).toHaveLength(stored.length);
    stored.forEach((record, i) => {
      const row = rows[i]!;
      expect(row.Id).toBe(record.Id);
      expect(row.CoworkerContractId).toBe(record.CoworkerContractId);
      expect(row.FullName).toBe(record.FullName);
      expect(row.ContractContactType).toBe(LABELS.ContractContactType![record.ContractContactType]);
      expect(row.AmlCheckStatus).toBe(LABELS.AmlCheckStatus![record.AmlCheckStatus]);
      expect(row.Email).toBe(record.Email);
      expect(row.PhoneNumber).toBe(record.PhoneNumber); // text, + and spaces kept
      expect(row.PostCode).toBe(record.PostCode);
      expect(row.CountryId).toBe(
        record.CountryId === undefined ? undefined : countryName(record.CountryId),
      );
      expect(row.DateOfBirth).toEqual(
        record.DateOfBirth ? dateCell(record.DateOfBirth) : undefined,
      );
      expect(row.AmlCheckDate).toEqual(
        record.AmlCheckDate ? dateCell(record.AmlCheckDate) : undefined,
      );
      expect(row.AmlOpenSanctionsScore).toBe(record.AmlOpenSanctionsScore);
      expect(row.Plan).toBe('Virtual Office');
      expect(row.CreatedOn).toEqual(dateCell(record.CreatedOn));
      expect(row.UpdatedOn).toEqual(dateCell(record.UpdatedOn));
    });
    // The customer is the contract's, as Nexudus holds it: 7101 is Olivia Bennett's.
    expect(rows.find((r) => r.CoworkerContractId === 7101)?.Customer).toBe('Olivia Bennett');
    expect(rows.find((r) => r.CoworkerContractId === 7102)?.Customer).toBe('Amélie Durand');
  });

  it("carries the template's dropdowns, notes and formats over every exported row and room below; context columns greyed", async () => {
    expect((await runExport(sandbox, cwd, ['--out', 'c.xlsx'])).code).toBe(0);
    const workbook = await readWorkbook(join(cwd, 'c.xlsx'));
    const sheet = workbook.getWorksheet('Contacts')!;
    const column = (name: string) => HEADERS.indexOf(name) + 1;
    const last = 1 + 42 + 1000; // the exported rows, then 1,000 for new contacts
    // Dropdowns draw on the Lists sheet; every row of the range has them.
    for (const row of [2, 43, last]) {
      const type = sheet.getCell(row, column('ContractContactType')).dataValidation;
      expect(type?.type).toBe('list');
      expect(String(type?.formulae?.[0])).toMatch(/^Lists!\$[A-Z]+\$2:\$[A-Z]+\$5$/);
      expect(sheet.getCell(row, column('CountryId')).dataValidation?.type).toBe('list');
      expect(sheet.getCell(row, column('DateOfBirth')).dataValidation?.type).toBe('date');
    }
    expect(sheet.getCell(last + 1, column('ContractContactType')).dataValidation).toBeUndefined();
    // A note on every header: the fields' as in the template, Id's and the context columns' own.
    const note = (name: string) => {
      const value = sheet.getCell(1, column(name)).note;
      return typeof value === 'string' ? value : (value?.texts ?? []).map((t) => t.text).join('');
    };
    for (const name of HEADERS) expect(note(name), name).not.toBe('');
    expect(note('Id')).toMatch(/import --update finds the contact by it/);
    for (const name of CONTEXT_COLUMNS)
      expect(note(name)).toMatch(/Read-only: import ignores this column/);
    // Only what cannot be blank looks required: a blank type means Director.
    expect(note('FullName')).toMatch(/^FullName \(required\)/);
    expect(note('ContractContactType')).toMatch(/^ContractContactType\n/);
    // The AML columns collapsed in a group, as in the template; the others shown.
    for (const name of HEADERS) {
      const col = sheet.getColumn(column(name));
      const aml = name.startsWith('Aml');
      expect([col.outlineLevel, col.hidden], name).toEqual(aml ? [1, true] : [0, false]);
    }
    // Formats: phone numbers and post codes as text, dates as dates.
    const phoneRow = sandbox.contacts().findIndex((r) => r.PhoneNumber !== undefined) + 2;
    expect(sheet.getCell(phoneRow, column('PhoneNumber')).numFmt).toBe('@');
    const bornRow = sandbox.contacts().findIndex((r) => r.DateOfBirth !== undefined) + 2;
    expect(sheet.getCell(bornRow, column('DateOfBirth')).numFmt).toBe('yyyy-mm-dd');
    // Greyed: the context columns' header and cells have a grey fill the others lack.
    const fill = (row: number, name: string) => {
      const f = sheet.getCell(row, column(name)).fill;
      return f?.type === 'pattern' ? f.fgColor?.argb : undefined;
    };
    for (const name of CONTEXT_COLUMNS) {
      expect(fill(1, name)).toBe('FFBFBFBF');
      expect(fill(2, name)).toBe('FFF2F2F2');
    }
    expect(fill(2, 'FullName')).toBeUndefined();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('reads back with our own reader: the exact headers and one row per contact', async () => {
    expect((await runExport(sandbox, cwd, ['--out', 'c.xlsx'])).code).toBe(0);
    const table = await openSource(join(cwd, 'c.xlsx'));
    expect(table.sheet).toBe('Contacts');
    expect(table.headers).toEqual(HEADERS);
    const rows = await allRows(table);
    expect(rows.map((r) => r.cells[0])).toEqual(sandbox.contacts().map((r) => r.Id));
  });

  it('CSV: the same columns, UTF-8 with BOM, CRLF, dates as YYYY-MM-DD, formula-like text quoted as created.csv does', async () => {
    await createContact(sandbox, {
      CoworkerContractId: 7103,
      FullName: 'Équipe =Zürich',
      ContractContactType: 3,
      AmlCheckStatus: 0,
      Notes: '=HYPERLINK("http://x")',
      PhoneNumber: '+44 20 7946 0958',
      DateOfBirth: '1975-06-23T00:00:00',
    });
    const run = await runExport(sandbox, cwd, ['--out', 'c.csv']);
    expect(run.code, run.stderr).toBe(0);
    const bytes = readFileSync(join(cwd, 'c.csv'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${HEADERS.join(',')}`);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/\n/);
    const records = readReport(join(cwd, 'c.csv'));
    expect(records).toHaveLength(43);
    const mine = records.at(-1)!;
    expect(mine).toMatchObject({
      CoworkerContractId: '7103',
      FullName: 'Équipe =Zürich',
      ContractContactType: 'Nominated recipient',
      Notes: `'=HYPERLINK("http://x")`,
      PhoneNumber: '+44 20 7946 0958',
      DateOfBirth: '1975-06-23',
      Customer: 'Jürgen Weiß',
      Plan: 'Virtual Office',
    });
    expect(mine.CreatedOn).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(statSync(join(cwd, 'c.csv')).mode & 0o777).toBe(0o600);
  });

  it('--contract: only the contacts of the contracts named; an Id of no contract is exit 2 with nothing written', async () => {
    const run = await runExport(sandbox, cwd, [
      '--contract',
      '7101',
      '--contract',
      '7103',
      '--out',
      'c.csv',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const records = readReport(join(cwd, 'c.csv'));
    const expected = sandbox.contacts().filter((r) => [7101, 7103].includes(r.CoworkerContractId));
    expect(expected.length).toBeGreaterThan(1);
    expect(records.map((r) => Number(r.Id))).toEqual(expected.map((r) => r.Id));
    const missing = await runExport(sandbox, cwd, ['--contract', '9999', '--out', 'd.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Contract 9999 is not in this Nexudus account/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(cwd, 'd.csv'))).toBe(false);
  });

  it('never writes over a file, and takes only .xlsx or .csv: exit 2, one sentence, nothing read', async () => {
    writeFileSync(join(cwd, 'mine.xlsx'), 'mine');
    const exists = await runExport(sandbox, cwd, ['--out', 'mine.xlsx']);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/mine\.xlsx already exists/);
    expect(readFileSync(join(cwd, 'mine.xlsx'), 'utf8')).toBe('mine');
    for (const out of ['c.xls', 'c.ods', 'c']) {
      const run = await runExport(sandbox, cwd, ['--out', out]);
      expect(run.code, out).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/\.xlsx or \.csv/);
    }
    expect(sandbox.stats().gets).toEqual({});
    expect(readdirSync(cwd)).toEqual(['mine.xlsx']);
  });

  it('by default writes contacts-export-<date>-<time>.xlsx in the working folder', async () => {
    const run = await runExport(sandbox, cwd, []);
    expect(run.code, run.stderr).toBe(0);
    const [file, ...more] = readdirSync(cwd);
    expect(more).toEqual([]);
    expect(file).toMatch(/^contacts-export-\d{8}-\d{6}\.xlsx$/);
  });
});

describe('export --customer', () => {
  let sandbox: Sandbox;
  let cwd: string;
  // Contracts 8001–8016 go to coworkers 2001–2008 in turn: Olivia Bennett holds 7101, 8001, 8009.
  sandboxPerTest(
    { ...UNPACED, extraContracts: 16, extraContacts: 200 },
    (s, c) => ((sandbox = s), (cwd = c)),
  );

  it('matches the name ignoring case, accents and spacing; several contracts are all exported and named on screen', async () => {
    const run = await runExport(sandbox, cwd, [
      '--customer',
      '  olivia   BENNETT',
      '--out',
      'o.csv',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /Customer ' {2}olivia {3}BENNETT' has 3 contracts: 7101 \(Virtual Office, since 2024-02-01\), 8001 .*, 8009 .*Exporting the contacts of all of them\./,
    );
    const expected = sandbox
      .contacts()
      .filter((r) => [7101, 8001, 8009].includes(r.CoworkerContractId));
    expect(readReport(join(cwd, 'o.csv')).map((r) => Number(r.Id))).toEqual(
      expected.map((r) => r.Id),
    );
    // By company name and by email, with accents left off.
    const byCompany = await runExport(sandbox, cwd, [
      '--customer',
      'weiss ingenieure gmbh',
      '--out',
      'w.csv',
    ]);
    expect(byCompany.code).toBe(2); // ß is a letter, not an accented s
    const byAccent = await runExport(sandbox, cwd, [
      '--customer',
      'Amelie Durand',
      '--customer',
      'juergen.weiss@example.com',
      '--out',
      'a.csv',
    ]);
    expect(byAccent.code, byAccent.stderr).toBe(0);
    const contracts = new Set(
      readReport(join(cwd, 'a.csv')).map((r) => Number(r.CoworkerContractId)),
    );
    expect([...contracts].sort()).toEqual([7102, 7103, 8002, 8003, 8010, 8011]);
  });

  it('a customer no contract has is exit 2 naming it, with nothing written', async () => {
    const run = await runExport(sandbox, cwd, [
      '--customer',
      'Olivia Bennett',
      '--customer',
      'Acme Ltd',
      '--out',
      'x.xlsx',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/'Acme Ltd'/);
    expect(run.stderr).not.toMatch(/Olivia/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('an ended contract counts: its contacts are exported, and said to be ended', async () => {
    const run = await runExport(sandbox, cwd, [
      '--customer',
      'chloe.martin@example.com',
      '--out',
      'm.csv',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/7106 \(Virtual Office, ended\)/);
    const contracts = new Set(
      readReport(join(cwd, 'm.csv')).map((r) => Number(r.CoworkerContractId)),
    );
    expect(contracts.has(7106)).toBe(true);
  });
});

describe('export, stopped', () => {
  it('Ctrl-C: exit 130 within moments, no file and no temporary file left', async () => {
    const sandbox = await startSandbox({
      port: 0,
      ...UNPACED,
      extraContacts: 5000,
      latencyMs: 150,
    });
    const cwd = tempDir();
    try {
      const stop = new AbortController();
      setTimeout(() => stop.abort('SIGINT'), 400);
      const run = await runExport(sandbox, cwd, ['--out', 'c.xlsx'], stop.signal);
      expect(run.code).toBe(130);
      expect(run.stderr).toMatch(
        /Stopped by Ctrl-C before the export was finished; no file was written\./,
      );
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});

/** Exported from one account and imported into an empty one: the same records. */
describe('export, imported again', () => {
  it('every field of every contact comes back as it was (the context columns and Id left out)', async () => {
    const from = await startSandbox({ port: 0, ...UNPACED, extraContacts: 60 });
    const into = await startSandbox({ port: 0, ...UNPACED, existingContacts: false });
    const cwd = tempDir();
    try {
      expect((await runExport(from, cwd, ['--out', 'c.xlsx'])).code).toBe(0);
      const ignore = [ID_COLUMN, ...CONTEXT_COLUMNS].flatMap((c) => ['--ignore-column', c]);
      const run = await runCli(
        [
          'import',
          'c.xlsx',
          '--base-url',
          into.url,
          '--out',
          'out',
          '--writes-per-minute',
          '60000',
          ...ignore,
        ],
        { cwd, env: { NEXUDUS_USERNAME: into.username, NEXUDUS_PASSWORD: into.password } },
      );
      expect(run.code, run.stderr).toBe(0);
      const strip = ({
        Id: _i,
        CreatedOn: _c,
        UpdatedOn: _u,
        UniqueId: _q,
        UpdatedBy: _b,
        ...rest
      }: ContractContactRecord) => rest;
      expect(into.contacts().map(strip)).toEqual(from.contacts().map(strip));
    } finally {
      await from.close();
      await into.close();
    }
  });
});
