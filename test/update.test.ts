import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COWORKER_CONTRACTS,
  startSandbox,
  type ContractContactRecord,
  type Sandbox,
} from '../src/sandbox/index.js';
import { readReport, readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest(
  { writesPerMinute: false, requestsPerMinute: false, extraContacts: 12, accountSeed: 7 },
  (started, dir) => {
    sandbox = started;
    cwd = dir;
  },
);

const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
const fast = ['--writes-per-minute', '60000'];

/** The columns an export writes that these tests use (Notes and the AML texts left out). */
const COLUMNS = [
  'CoworkerContractId',
  'FullName',
  'ContractContactType',
  'AmlCheckStatus',
  'Email',
  'PhoneNumber',
  'DateOfBirth',
  'CountryId',
  'CityName',
] as const;
const CONTEXT = ['Customer', 'Plan', 'CreatedOn', 'UpdatedOn'];

type Edit = (row: Record<string, string>, index: number) => void;

/**
 * A file as `export` lays it out: Id first, the fields, the read-only context columns at the
 * right; `edit` changes cells the way a person would in Excel.
 */
function exportedFile(
  records: readonly ContractContactRecord[],
  edit: Edit = () => {},
  options: { id?: boolean; name?: string } = {},
): string {
  const withId = options.id ?? true;
  const headers = [...(withId ? ['Id'] : []), ...COLUMNS, ...CONTEXT];
  const lines = [headers.join(',')];
  records.forEach((record, index) => {
    const held = record as unknown as Record<string, unknown>;
    const row: Record<string, string> = { Id: String(record.Id) };
    for (const column of COLUMNS) {
      const value = held[column];
      row[column] =
        value === undefined
          ? ''
          : column === 'DateOfBirth'
            ? String(value).slice(0, 10)
            : String(value);
    }
    // As export writes them: the contract's customer and plan (they agree with its Id).
    const contract = COWORKER_CONTRACTS.find((c) => c.Id === record.CoworkerContractId);
    row.Customer = contract?.CoworkerFullName ?? '';
    row.Plan = contract?.TariffName ?? '';
    row.CreatedOn = record.CreatedOn;
    row.UpdatedOn = record.UpdatedOn;
    edit(row, index);
    lines.push(headers.map((h) => `"${(row[h] ?? '').replaceAll('"', '""')}"`).join(','));
  });
  const path = join(cwd, options.name ?? 'export.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

function importUpdate(file: string, out: string, ...more: string[]) {
  return runCli(
    ['import', file, '--base-url', sandbox.url, '--out', out, '--update', ...fast, ...more],
    {
      cwd,
      env: env(),
    },
  );
}

const byId = (records: readonly ContractContactRecord[]) => new Map(records.map((r) => [r.Id, r]));
const withoutStamps = (r: ContractContactRecord | undefined) => {
  if (!r) return r;
  const { UpdatedOn: _u, ...rest } = r;
  return rest;
};

describe('import --update', () => {
  it('sends exactly one PUT per edited contact, keeps every other field, lists the changed cells; again: nothing', async () => {
    const before = sandbox.contacts();
    const first = before[2];
    const second = before[5];
    if (!first || !second) throw new Error('the sandbox has too few contacts');
    const aml =
      second.AmlCheckStatus === 1 ? { value: 2, label: 'Clear' } : { value: 1, label: 'Pending' };
    // a field the file has no column for: it must survive the PUT (the sandbox clears what a PUT omits)
    expect(before.some((r) => r.Notes !== undefined || r.AmlNotes !== undefined)).toBe(true);
    const file = exportedFile(before, (row, i) => {
      if (i === 2) row.CityName = 'Harrogate';
      if (i === 5) row.AmlCheckStatus = aml.label;
    });
    const run = await importUpdate(file, 'u1');
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(2);
    expect(sandbox.stats().creates).toBe(0);
    const summary = readSummary(join(cwd, 'u1'));
    expect(summary.counts).toMatchObject({
      rows: before.length,
      updated: 2,
      unchanged: before.length - 2,
      created: 0,
      failed: 0,
    });
    expect(summary.writesUsed).toBe(2);

    const after = byId(sandbox.contacts());
    for (const record of before) {
      const now = after.get(record.Id);
      if (record.Id === first.Id)
        expect(withoutStamps(now)).toEqual(withoutStamps({ ...record, CityName: 'Harrogate' }));
      else if (record.Id === second.Id)
        expect(withoutStamps(now)).toEqual(withoutStamps({ ...record, AmlCheckStatus: aml.value }));
      else expect(now).toEqual(record);
    }

    const changes = readReport(join(cwd, 'u1', 'changes.csv'));
    expect(changes).toEqual([
      {
        Row: '4',
        Id: String(first.Id),
        Field: 'CityName',
        Before: first.CityName ?? '',
        After: 'Harrogate',
      },
      {
        Row: '7',
        Id: String(second.Id),
        Field: 'AmlCheckStatus',
        Before: expect.any(String) as string,
        After: aml.label,
      },
    ]);
    expect(statSync(join(cwd, 'u1', 'changes.csv')).mode & 0o777).toBe(0o600);
    const created = readReport(join(cwd, 'u1', 'created.csv'));
    expect(created.filter((r) => r.Result === 'updated')).toHaveLength(2);
    expect(created.filter((r) => r.Result === 'unchanged')).toHaveLength(before.length - 2);
    expect(run.stdout).toMatch(/updated\s+2/);
    expect(run.stdout).toMatch(/unchanged\s+\d+/);
    // the context columns are read as read-only, not as unmatched columns
    expect(summary.reading?.columns.find((c) => c.header === 'UpdatedOn')?.note).toMatch(
      /read-only/,
    );
    expect(summary.reading?.columns.find((c) => c.header === 'Id')?.note).toMatch(/Id in Nexudus/);

    const again = await importUpdate(file, 'u2');
    expect(again.code).toBe(0);
    expect(sandbox.stats().updates).toBe(2);
    expect(readSummary(join(cwd, 'u2')).counts).toMatchObject({
      updated: 0,
      unchanged: before.length,
    });
    expect(readSummary(join(cwd, 'u2')).writesUsed).toBe(0);
    expect(readReport(join(cwd, 'u2', 'changes.csv'))).toEqual([]);
  });

  it('matches by contract, name and type without an Id column; a blank cell leaves the field as it is', async () => {
    const before = sandbox.contacts();
    const target = before.find((r) => r.Email !== undefined && r.PhoneNumber !== undefined);
    if (!target) throw new Error('no contact with an email and a phone');
    const file = exportedFile(
      before,
      (row) => {
        if (row.Id !== String(target.Id)) return;
        row.PhoneNumber = '+44 20 7946 0000';
        row.Email = ''; // blank: left as it is
        row.AmlCheckStatus = ''; // blank required enum: left as it is, not reset to Not started
      },
      { id: false },
    );
    const run = await importUpdate(file, 'k');
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(1);
    const now = byId(sandbox.contacts()).get(target.Id);
    expect(withoutStamps(now)).toEqual(
      withoutStamps({ ...target, PhoneNumber: '+44 20 7946 0000' }),
    );
    expect(readReport(join(cwd, 'k', 'changes.csv')).map((c) => c.Field)).toEqual(['PhoneNumber']);
  });

  it('--clear-blank clears a field whose cell is blank, but never a required one', async () => {
    const before = sandbox.contacts();
    const target = before.find((r) => r.Email !== undefined);
    if (!target) throw new Error('no contact with an email');
    const file = exportedFile(before, (row) => {
      if (row.Id !== String(target.Id)) return;
      row.Email = '';
      row.AmlCheckStatus = '';
    });
    const run = await importUpdate(file, 'c', '--clear-blank');
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(1);
    const now = byId(sandbox.contacts()).get(target.Id);
    const { Email: _e, ...rest } = target;
    expect(withoutStamps(now)).toEqual(withoutStamps(rest));
    expect(readReport(join(cwd, 'c', 'changes.csv'))).toEqual([
      {
        Row: expect.any(String) as string,
        Id: String(target.Id),
        Field: 'Email',
        Before: target.Email,
        After: '',
      },
    ]);
  });

  it('fails a second row matching the same contact, an Id of another contract and an Id of no contact', async () => {
    const before = sandbox.contacts().slice(0, 3);
    const [a, b] = before;
    if (!a || !b) throw new Error('too few contacts');
    const other = sandbox.contacts().find((r) => r.CoworkerContractId !== a.CoworkerContractId);
    if (!other) throw new Error('no contact of another contract');
    const rows = [a, b, a, a, a];
    const file = exportedFile(rows, (row, i) => {
      row.CityName = `Town ${i}`;
      if (i === 2) row.Id = ''; // by key: the same contact as row 2
      if (i === 3) row.Id = String(other.Id); // another contract's contact
      if (i === 4) row.Id = '99999999';
    });
    const run = await importUpdate(file, 'd');
    expect(run.code).toBe(1);
    expect(sandbox.stats().updates).toBe(2);
    const errors = readReport(join(cwd, 'd', 'errors.csv'));
    expect(errors.map((e) => [e.Row, e.Errors])).toEqual([
      ['4', expect.stringContaining('updates the same contact as row 2') as string],
      ['5', expect.stringContaining(`belongs to contract ${other.CoworkerContractId}`) as string],
      ['6', expect.stringContaining('no contact with Id 99999999 in Nexudus') as string],
    ]);
  });

  it('without --update, a row with an Id of its contract is existing, and nothing is sent', async () => {
    const before = sandbox.contacts();
    const file = exportedFile(before, (row, i) => {
      if (i === 0) row.CityName = 'Changed';
    });
    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'e', ...fast], {
      cwd,
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(readSummary(join(cwd, 'e')).counts).toMatchObject({
      existing: before.length,
      created: 0,
    });
    expect(sandbox.stats().writes).toBe(0);
  });

  it('validate --update reads the account and writes changes.csv without a write; offline it says what it left unchecked', async () => {
    const before = sandbox.contacts();
    const file = exportedFile(before, (row, i) => {
      if (i === 1) row.CityName = 'Whitby';
    });
    const run = await runCli(
      ['validate', file, '--base-url', sandbox.url, '--out', 'v', '--update'],
      {
        cwd,
        env: env(),
      },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().writes).toBe(0);
    const summary = readSummary(join(cwd, 'v'));
    expect(summary.planned).toEqual({ create: 0, update: 1 });
    expect(summary.counts.unchanged).toBe(before.length - 1);
    expect(readReport(join(cwd, 'v', 'changes.csv'))).toEqual([
      {
        Row: '3',
        Id: String(before[1]?.Id),
        Field: 'CityName',
        Before: before[1]?.CityName ?? '',
        After: 'Whitby',
      },
    ]);
    expect(run.stdout).toMatch(/would update\s+1/);

    const offline = await runCli(['validate', file, '--out', 'o', '--update'], { cwd });
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('Checked offline');
    expect(readReport(join(cwd, 'o', 'changes.csv'))).toEqual([]);
  });

  it('--update with --allow-duplicates, and --clear-blank without --update, are usage errors', async () => {
    const file = exportedFile(sandbox.contacts());
    const both = await runCli(['import', file, '--sandbox', '--update', '--allow-duplicates'], {
      cwd,
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--update and --allow-duplicates cannot be used together');
    const alone = await runCli(['import', file, '--sandbox', '--clear-blank'], { cwd });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--clear-blank only works with --update');
  });

  it('a failed run names --update (and --clear-blank) in its next command, and run.json keeps them', async () => {
    const before = sandbox.contacts().slice(0, 2);
    const file = exportedFile(before, (row, i) => {
      if (i === 1) row.Id = '99999999';
    });
    const run = await importUpdate(file, 'n', '--clear-blank');
    expect(run.code).toBe(1);
    // import DIR takes them from run.json: the next command names the folder only
    expect(run.stdout).toMatch(/ {2}npx nexudus-import import n\n$/);
    const record = JSON.parse(readFileSync(join(cwd, 'n', 'run.json'), 'utf8')) as {
      options: Record<string, unknown>;
    };
    expect(record.options).toMatchObject({ update: true, clearBlank: true });
  });

  it('settles an unanswered PUT by reading the record back: it took effect, so it is not sent again', async () => {
    const own = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      extraContacts: 3,
      writeScript: ['reset-after-create'],
    });
    try {
      const before = own.contacts();
      const target = before[1];
      if (!target) throw new Error('too few contacts');
      const file = exportedFile(before, (row, i) => {
        if (i === 1) row.CityName = 'Scarborough';
      });
      const run = await runCli(
        ['import', file, '--base-url', own.url, '--out', 'r', '--update', ...fast],
        { cwd, env: { NEXUDUS_USERNAME: own.username, NEXUDUS_PASSWORD: own.password } },
      );
      expect(run.code, run.stderr).toBe(0);
      expect(own.stats().faults['reset-after-create']).toBe(1);
      expect(own.stats().updates).toBe(1);
      expect(readSummary(join(cwd, 'r')).counts).toMatchObject({ updated: 1, failed: 0 });
      expect(byId(own.contacts()).get(target.Id)?.CityName).toBe('Scarborough');
      const journal = readFileSync(join(cwd, 'r', 'journal.ndjson'), 'utf8');
      const sending = journal
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((e) => e.event === 'sending');
      // what a resume and undo need: the contact and each change's Before and After
      expect(sending).toEqual([
        expect.objectContaining({
          update: {
            id: target.Id,
            changes: [{ field: 'CityName', before: target.CityName ?? null, after: 'Scarborough' }],
          },
        }),
      ]);
    } finally {
      await own.close();
    }
  });

  it('names the Edit role when Nexudus refuses the PUT with 401 (exit 3)', async () => {
    const own = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      extraContacts: 2,
      roles: { edit: false },
    });
    try {
      const file = exportedFile(own.contacts(), (row, i) => {
        if (i === 0) row.CityName = 'Ripon';
      });
      const run = await runCli(
        ['import', file, '--base-url', own.url, '--out', 'x', '--update', ...fast],
        { cwd, env: { NEXUDUS_USERNAME: own.username, NEXUDUS_PASSWORD: own.password } },
      );
      expect(run.code).toBe(3);
      expect(run.stdout.split('\n')[0]).toContain('ContractContact-Edit'); // the reason, first
    } finally {
      await own.close();
    }
  });

  it("imports a file in export's layout (Id, every template column, the context columns) with --update: one change, one PUT", async () => {
    const template = readFileSync(
      join(import.meta.dirname, '..', 'templates', 'contract-contacts.csv'),
      'utf8',
    )
      .replace(/^\uFEFF/, '')
      .trim()
      .split(',');
    const before = sandbox.contacts();
    // The template has Customer and Plan already; export adds CreatedOn and UpdatedOn.
    const headers = ['Id', ...template, 'CreatedOn', 'UpdatedOn'];
    const lines = [headers.join(',')];
    for (const [i, r] of before.entries()) {
      const held = r as unknown as Record<string, unknown>;
      const cells = headers.map((h) => {
        if (h === 'Id') return String(r.Id);
        const contract = COWORKER_CONTRACTS.find((c) => c.Id === r.CoworkerContractId);
        if (h === 'Customer') return contract?.CoworkerEmail ?? '';
        if (h === 'Plan') return contract?.TariffName ?? '';
        if (CONTEXT.includes(h)) return h === 'CreatedOn' ? r.CreatedOn : r.UpdatedOn;
        if (h === 'Notes' && i === 0) return 'A note written in Excel';
        const value = held[h];
        if (value === undefined) return '';
        // a date-time as a spreadsheet shows it: no T, no Z, seconds kept
        return h.endsWith('Date') || h.endsWith('On') || h === 'DateOfBirth'
          ? String(value).replace('T', ' ').replace(/Z$/, '')
          : String(value);
      });
      lines.push(cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(','));
    }
    const file = join(cwd, 'layout.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const run = await importUpdate(file, 'l');
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(1);
    expect(readReport(join(cwd, 'l', 'changes.csv')).map((c) => [c.Field, c.After])).toEqual([
      ['Notes', 'A note written in Excel'],
    ]);
  });
});
