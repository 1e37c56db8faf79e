import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { fixCsv, fixXlsx } from './helpers/reports.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';

const SAMPLE = join(import.meta.dirname, '..', 'samples', 'contract-contacts.csv');
const FAST = ['--writes-per-minute', '6000'];

/** The sample's four mistakes, fixed by their header names (rows as the spreadsheet shows them). */
const FIXES: Record<number, Record<string, string>> = {
  7: { Email: 'katrin.vogel@example.com' },
  10: { ContractContactType: 'Nominated recipient' },
  11: { DateOfBirth: '1981-02-28' },
  13: { CoworkerContractId: '7104' },
};

let sandbox: Sandbox;
let cwd: string;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, writesPerMinute: 6000 });
  cwd = tempDir();
  copyFileSync(SAMPLE, join(cwd, 'contacts.csv'));
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
  const keys = sandbox
    .contacts()
    .map(
      (r) =>
        `${String(r.CoworkerContractId)}|${String(r.FullName)}|${String(r.ContractContactType)}`,
    );
  expect(new Set(keys).size).toBe(keys.length);
  const names = sandbox.contacts().map((r) => r.FullName);
  for (const name of [
    'Olivia Bennett',
    'Bennett Design',
    'Marcus Hale',
    'Amélie Durand',
    'Jürgen Weiß',
    'Katrin Vogel',
    "Siobhán O'Connor",
    'Rahul Mehta',
    'Priya Nair',
    'Lars Østergaard',
    'Sofia Rossi',
    'Emma Clarke',
  ]) {
    expect(
      names.filter((n) => n === name),
      name,
    ).toHaveLength(1);
  }
}

describe('fixing the errors file and importing it again', () => {
  it('through errors.csv, in two rounds: original row numbers all the way, every row once', async () => {
    const first = await importFile('contacts.csv', 'one');
    expect(first.code).toBe(1);
    const before = sandbox.contacts().length;

    // Round 2: three of the four fixed; the contract 9999 is left wrong.
    const { 13: _left, ...three } = FIXES;
    fixCsv(join(cwd, 'one', 'errors.csv'), three);
    const second = await importFile('one/errors.csv', 'two');
    expect(second.code).toBe(1);
    expect(second.stderr).not.toMatch(/Row|Errors/); // recognised: no "Ignoring the column" warning
    expect(readReport(join(cwd, 'two', 'created.csv')).map((c) => [c.Row, c.Result])).toEqual([
      ['7', 'created'],
      ['10', 'created'],
      ['11', 'created'],
    ]);
    const stillWrong = readReport(join(cwd, 'two', 'errors.csv'));
    expect(stillWrong.map((e) => e.Row)).toEqual(['13']);
    expect(stillWrong[0]?.Errors).toBe('CoworkerContractId: no coworker contract with Id 9999');
    expect(Object.keys(stillWrong[0] ?? {})).toEqual(
      Object.keys(readReport(join(cwd, 'one', 'errors.csv'))[0] ?? {}),
    );
    expect(readSummary(join(cwd, 'two')).counts).toMatchObject({ rows: 4, created: 3, failed: 1 });

    // Round 3: the last one, from round 2's errors file.
    fixCsv(join(cwd, 'two', 'errors.csv'), { 13: FIXES[13] ?? {} });
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

  it('through errors.xlsx edited in a spreadsheet program', async () => {
    await importFile('contacts.csv', 'one');
    const before = sandbox.contacts().length;
    await fixXlsx(join(cwd, 'one', 'errors.xlsx'), FIXES);

    const second = await importFile('one/errors.xlsx', 'two');
    expect(second.stderr).not.toMatch(/Row|Errors/);
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
      ...'CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,CoworkerId,Email,DateOfBirth,Address,PostCode,CityName,State,CountryId,PhoneNumber,Notes'.split(
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
