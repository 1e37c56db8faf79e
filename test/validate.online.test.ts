import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, resolveTarget } from '../src/engine/connect.js';
import { IMPORT_DEFAULTS } from '../src/engine/options.js';
import { createLogger } from '../src/log.js';
import type { Sandbox } from '../src/sandbox/index.js';
import { writeContactsCsv } from './helpers/rows.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';
import { loginToSandbox, sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({}, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

/** A bearer token of the sandbox's account, as a user would put in NEXUDUS_TOKEN. */
async function token(): Promise<string> {
  return (await loginToSandbox(sandbox)).access_token;
}

/**
 * Row 2 names a contract the account does not have, row 3 is Olivia Bennett, a Director of
 * contract 7101 already in the sandbox's account, row 4 is new.
 */
function mixedFile(): string {
  writeFileSync(
    join(cwd, 'mixed.csv'),
    [
      'CoworkerContractId,FullName,ContractContactType',
      '9999,Nora Missing,Director',
      '7101,olivia  BENNETT,Director',
      '7102,Nina New,Director',
      '',
    ].join('\r\n'),
  );
  return 'mixed.csv';
}

const gets = () => Object.values(sandbox.stats().gets).reduce((a, b) => a + b, 0);
const OFFLINE = /Checked offline/g;

describe('validate reaches the account when it can, with GETs only', () => {
  it('--base-url and NEXUDUS_TOKEN: the missing contract fails, the existing row is reported, nothing is written', async () => {
    const run = await runCli(['validate', mixedFile(), '--base-url', sandbox.url, '--out', 'v'], {
      cwd,
      env: { NEXUDUS_TOKEN: await token() },
    });
    expect(run.code, run.stderr).toBe(1);
    const stats = sandbox.stats();
    expect(stats.writes).toBe(0);
    expect(stats.creates + stats.updates + stats.deletes).toBe(0);

    const errors = readReport(join(cwd, 'v', 'errors.csv'));
    expect(errors.map((r) => [r.Row, r.FullName])).toEqual([['2', 'Nora Missing']]);
    expect(errors[0]?.Errors).toMatch(/no coworker contract with Id 9999/);
    const inNexudus = readReport(join(cwd, 'v', 'created.csv'));
    expect(inNexudus).toEqual([
      expect.objectContaining({ Row: '3', Id: '87650001', Result: 'existing' }),
    ]);

    const summary = readSummary(join(cwd, 'v'));
    expect(summary.counts).toMatchObject({ rows: 3, existing: 1, failed: 1, created: 0 });
    expect(summary.planned).toEqual({ create: 1, update: 0 });
    expect(summary.writesUsed).toBe(0);
    expect(summary.unchecked).toBeUndefined();
    // Every GET the sandbox saw is counted: preflight's, besides the countries list.
    expect(summary.preflightRequests).toBeGreaterThan(0);
    expect(gets()).toBeGreaterThanOrEqual(summary.preflightRequests);

    expect(run.stdout).toMatch(/^Checked mixed\.csv \(dry run: nothing was written\)$/m);
    expect(run.stdout).toMatch(/^ {2}would create +1$/m);
    expect(run.stdout).toMatch(/^ {2}already in Nexudus +1$/m);
    expect(run.stdout).toMatch(/^ {2}failed +1$/m);
    expect(run.stdout).not.toMatch(OFFLINE);
  });

  it('--sandbox: the same answers, and a real import afterwards still has the new row to create', async () => {
    const data = tempDir('nexudus-data-');
    const env = { XDG_DATA_HOME: data };
    const file = mixedFile();
    const run = await runCli(['validate', file, '--sandbox', '--out', 'v'], { cwd, env });
    expect(run.code, run.stderr).toBe(1);
    const summary = readSummary(join(cwd, 'v'));
    expect(summary.counts).toMatchObject({ existing: 1, failed: 1 });
    expect(summary.planned).toEqual({ create: 1, update: 0 });
    expect(readReport(join(cwd, 'v', 'errors.csv'))[0]?.Errors).toMatch(/Id 9999/);

    // validate wrote nothing into the sandbox's records: the import creates Nina New now.
    const imported = await runCli(
      ['import', file, '--sandbox', '--out', 'i', '--writes-per-minute', '6000'],
      { cwd, env },
    );
    expect(imported.code).toBe(1);
    expect(readSummary(join(cwd, 'i')).counts).toMatchObject({ created: 1, existing: 1 });
  });

  it('credentials in .env (and NEXUDUS_BASE_URL there) are enough; --offline then sends nothing', async () => {
    writeFileSync(
      join(cwd, '.env'),
      `NEXUDUS_BASE_URL=${sandbox.url}\nNEXUDUS_USERNAME=${sandbox.username}\nNEXUDUS_PASSWORD=${sandbox.password}\n`,
    );
    const online = await runCli(['validate', mixedFile(), '--out', 'on'], { cwd });
    expect(online.code, online.stderr).toBe(1);
    expect(readSummary(join(cwd, 'on')).counts.existing).toBe(1);
    expect(sandbox.stats().writes).toBe(0);

    const before = sandbox.stats().requests;
    expect(before).toBeGreaterThan(0);
    const offline = await runCli(['validate', mixedFile(), '--offline', '--out', 'off'], { cwd });
    expect(offline.code, offline.stderr).toBe(0);
    expect(sandbox.stats().requests).toBe(before);
    const summary = readSummary(join(cwd, 'off'));
    expect(summary.counts.existing).toBe(0);
    expect(summary.unchecked).toMatch(/^Checked offline \(--offline\): .*Leave out --offline/);
    expect(offline.stdout.match(OFFLINE)).toHaveLength(1);
  });

  it('--offline with credentials in the environment: no request reaches the account', async () => {
    const file = writeContactsCsv(cwd, 3);
    const env = {
      NEXUDUS_BASE_URL: sandbox.url,
      NEXUDUS_USERNAME: sandbox.username,
      NEXUDUS_PASSWORD: sandbox.password,
    };
    for (const argv of [
      ['validate', file, '--offline', '--out', 'a'],
      ['import', file, '--dry-run', '--offline', '--out', 'b'],
    ]) {
      const run = await runCli(argv, { cwd, env });
      expect(run.code, run.stderr).toBe(0);
    }
    expect(sandbox.stats().requests).toBe(0);
  });

  it('credentials refused at the start: exit 2, as import, and no results folder', async () => {
    const run = await runCli(['validate', mixedFile(), '--base-url', sandbox.url, '--out', 'v'], {
      cwd,
      env: { NEXUDUS_TOKEN: 'not-a-token' },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(join(cwd, 'v'))).toBe(false);
    expect(sandbox.stats().writes).toBe(0);
  });
});

describe("a dry run's client", () => {
  it('refuses to send a write at all: a bug, never a request', async () => {
    const options = {
      sandbox: false,
      baseUrl: sandbox.url,
      dryRun: true,
      ...IMPORT_DEFAULTS,
      requestsPerMinute: 120,
    };
    const target = await resolveTarget(options, {
      cwd,
      env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password },
      stdout: process.stdout,
      stderr: process.stderr,
    });
    const client = createClient(target, options, createLogger({ verbose: false }));
    await expect(
      client.create({ CoworkerContractId: 7101, FullName: 'X' } as never),
    ).rejects.toThrow(/a dry run tried to send a POST/);
    await expect(client.remove(87650001)).rejects.toThrow(/a dry run tried to send a DELETE/);
    expect(sandbox.stats().requests).toBe(0);
  });
});

describe('validate offline', () => {
  it('without credentials, --base-url or --sandbox it says once what it left unchecked, and how to give the account', async () => {
    const run = await runCli(['validate', mixedFile(), '--out', 'v'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(`${run.stdout}${run.stderr}`.match(OFFLINE)).toHaveLength(1);
    expect(run.stdout).toMatch(/^Checked mixed\.csv \(dry run: nothing was sent\)$/m);
    const unchecked = readSummary(join(cwd, 'v')).unchecked ?? '';
    for (const what of ['contracts', 'coworkers', 'customers', 'already in Nexudus']) {
      expect(unchecked).toContain(what);
    }
    expect(unchecked).toMatch(/NEXUDUS_USERNAME and NEXUDUS_PASSWORD \(or NEXUDUS_TOKEN\)/);
    expect(unchecked).toMatch(/--sandbox or --base-url/);
    expect(run.stdout).toContain(unchecked);
    expect(sandbox.stats().requests).toBe(0);

    const update = await runCli(['validate', mixedFile(), '--update', '--out', 'u', '--json'], {
      cwd,
    });
    expect(update.stdout.match(OFFLINE)).toHaveLength(1);
    expect(readSummary(join(cwd, 'u')).unchecked).toContain('what --update would change');
  });

  it('--offline with --sandbox or --base-url, or without a dry run, is a usage error in one sentence', async () => {
    const file = writeContactsCsv(cwd, 2);
    for (const [argv, target] of [
      [['validate', file, '--offline', '--sandbox'], '--sandbox'],
      [['validate', file, '--offline', '--base-url', sandbox.url], '--base-url'],
      [['import', file, '--dry-run', '--offline', '--sandbox'], '--sandbox'],
    ] as const) {
      const run = await runCli(argv, { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(
        `--offline checks the file without reaching any account, and ${target} names one to reach: leave out one of them.`,
      );
    }
    const real = await runCli(['import', file, '--offline', '--sandbox'], { cwd });
    expect(real.code).toBe(2);
    const alone = await runCli(['import', file, '--offline'], { cwd });
    expect(alone.code).toBe(2);
    expect(alone.stderr.trim()).toBe(
      '--offline only works with --dry-run (or validate): an import has to reach the account.',
    );
    expect(sandbox.stats().requests).toBe(0);
  });
});
