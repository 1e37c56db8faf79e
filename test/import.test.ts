import { readFileSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/sandbox/index.js';
import { readReport, readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

const SAMPLE = join(import.meta.dirname, '..', 'samples', 'contract-contacts.csv');
/** Fast pace for tests: the sandbox and the importer keep the same limits. */
const FAST = ['--writes-per-minute', '6000'];

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

function env(password = sandbox.password): Record<string, string> {
  return { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: password };
}

describe('import of the sample CSV into a running sandbox', () => {
  it('creates the good rows, reports the wrong ones by PropertyName, and counts reconcile', async () => {
    const before = sandbox.contacts().length;
    const run = await runCli(
      ['import', SAMPLE, '--base-url', sandbox.url, '--out', 'results', ...FAST],
      { cwd, env: env() },
    );
    expect(run.stderr).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
    expect(run.code).toBe(1);
    const dir = join(cwd, 'results');

    const errors = readReport(join(dir, 'errors.csv'));
    const byRow = Object.fromEntries(errors.map((e) => [e.Row, e.Errors]));
    expect(errors.map((e) => e.Row)).toEqual(['7', '10', '11', '13']);
    expect(byRow['7']).toMatch(/^Email: /);
    expect(byRow['10']).toMatch(/^ContractContactType: /);
    expect(byRow['11']).toMatch(/^DateOfBirth: /);
    expect(byRow['13']).toBe(
      "CoworkerContractId: no coworker contract with Id 9999: find the contract's Id in Nexudus, or name it by its customer in a Customer column",
    );
    // the source's columns come back with their header text and cell text
    expect(errors.find((e) => e.Row === '7')?.Email).toBe('katrin.vogel@example');

    const created = readReport(join(dir, 'created.csv'));
    const existing = created.filter((c) => c.Result === 'existing').map((c) => c.Row);
    expect(existing).toEqual(['2']);
    const createdRows = created.filter((c) => c.Result === 'created');
    expect(createdRows.map((c) => c.Row)).toEqual(['3', '4', '5', '6', '8', '9', '14']);

    // what the sandbox holds is what the report says was created, once each
    const stored = sandbox.contacts();
    expect(stored.length - before).toBe(createdRows.length);
    for (const row of createdRows) {
      const record = stored.find((r) => r.Id === Number(row.Id));
      expect(record, `row ${row.Row}`).toBeDefined();
    }
    const amelie = stored.find((r) => r.FullName === 'Amélie Durand');
    expect(amelie).toMatchObject({
      CoworkerContractId: 7102,
      ContractContactType: 1,
      AmlCheckStatus: 2,
      CoworkerId: 2002,
      DateOfBirth: '1979-06-23T00:00:00',
      PostCode: '75002',
      PhoneNumber: '+33 1 42 68 53 00',
    });
    expect(stored.find((r) => r.CoworkerId === 2005)?.FullName).toBe('Rahul Mehta');

    const summary = readSummary(dir);
    const c = summary.counts;
    expect(c).toEqual({
      rows: 13,
      created: 7,
      existing: 1,
      updated: 0,
      unchanged: 0,
      failed: 4,
      blank: 1,
      notAttempted: 0,
    });
    expect(c.created + c.existing + c.failed + c.blank + c.notAttempted).toBe(c.rows);
    expect(summary.writesUsed).toBe(7);
    expect(summary.exitCode).toBe(1);
    expect(run.stdout).toContain('created');
  });

  it('creates the results folder private to the user', async () => {
    await runCli(['import', SAMPLE, '--base-url', sandbox.url, '--out', 'r', ...FAST], {
      cwd,
      env: env(),
    });
    const dir = join(cwd, 'r');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of ['errors.csv', 'created.csv', 'summary.json', 'run.json', 'import.log']) {
      expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    }
  });

  it('with a wrong password exits 2 with one sentence and sends no create request', async () => {
    const run = await runCli(['import', SAMPLE, '--base-url', sandbox.url, '--out', 'r'], {
      cwd,
      env: env('wrong'),
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/refused/);
    expect(sandbox.stats().writes).toBe(0);
    expect(existsSync(join(cwd, 'r'))).toBe(false);
  });

  it('refuses plain http to another host, and --sandbox with --base-url', async () => {
    const a = await runCli(['import', SAMPLE, '--base-url', 'http://example.com'], {
      cwd,
      env: env(),
    });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/http/);
    const b = await runCli(['import', SAMPLE, '--sandbox', '--base-url', sandbox.url], { cwd });
    expect(b.code).toBe(2);
  });

  it('importing the same file again creates nothing: every good row is existing', async () => {
    await runCli(['import', SAMPLE, '--base-url', sandbox.url, '--out', 'one', ...FAST], {
      cwd,
      env: env(),
    });
    const count = sandbox.contacts().length;
    const again = await runCli(
      ['import', SAMPLE, '--base-url', sandbox.url, '--out', 'two', ...FAST],
      { cwd, env: env() },
    );
    expect(again.code).toBe(1); // the four mistakes are still there
    expect(sandbox.contacts()).toHaveLength(count);
    expect(readSummary(join(cwd, 'two')).counts).toMatchObject({ created: 0, existing: 8 });
  });

  it('--dry-run and validate check everything and send nothing', async () => {
    const run = await runCli(['validate', SAMPLE, '--out', 'v'], { cwd });
    expect(run.code).toBe(1);
    const summary = readSummary(join(cwd, 'v'));
    expect(summary.counts).toMatchObject({ rows: 13, failed: 3, blank: 1, notAttempted: 9 });
    expect(sandbox.stats().requests).toBe(0);
  });

  it('takes credentials from a .env file in the working directory', async () => {
    writeFileSync(
      join(cwd, '.env'),
      `NEXUDUS_USERNAME=${sandbox.username}\nNEXUDUS_PASSWORD=${sandbox.password}\n`,
    );
    const run = await runCli(['import', SAMPLE, '--base-url', sandbox.url, '--out', 'e', ...FAST], {
      cwd,
    });
    expect(run.code).toBe(1);
    const log = readFileSync(join(cwd, 'e', 'import.log'), 'utf8');
    expect(log).not.toContain(sandbox.password);
  });
});
