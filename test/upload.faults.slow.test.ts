import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_KINDS, startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

describe('fault storm', () => {
  it('creates every row exactly once through 20% injected faults of every kind', async () => {
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      faults: { rate: 0.25, seed: 20261130, slowMs: 3_000 },
    });
    const cwd = tempDir();
    const rows = 1000;
    const file = writeContactsCsv(cwd, rows);
    const before = sandbox.contacts().length;
    const run = await runCli(
      [
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        'storm',
        '--writes-per-minute',
        '600000',
        '--concurrency',
        '8',
        '--request-timeout',
        '1',
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    const stats = sandbox.stats();
    for (const kind of FAULT_KINDS) expect(stats.faults[kind], kind).toBeGreaterThan(0);

    expect(run.code).toBe(0);
    const summary = readSummary(join(cwd, 'storm'));
    const c = summary.counts;
    // at least 20% of the create requests sent met an injected fault
    const faults = Object.values(stats.faults).reduce((a, b) => a + b, 0);
    expect(faults / summary.writesUsed).toBeGreaterThanOrEqual(0.2);
    expect(summary.throttled).toBe(stats.faults['409'] + stats.faults['429']);
    expect(c).toMatchObject({ rows, created: rows, failed: 0, existing: 0, notAttempted: 0 });
    const stored = sandbox.contacts();
    expect(stored.length - before).toBe(rows); // no other record
    const counts = countByName(stored.filter((r) => String(r.FullName).startsWith('Contact ')));
    expect(counts.size).toBe(rows);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // created.csv names each stored record once
    const ids = readReport(join(cwd, 'storm', 'created.csv')).map((r) => Number(r.Id));
    expect(new Set(ids).size).toBe(rows);
    expect(ids.every((id) => stored.some((r) => r.Id === id))).toBe(true);
    // eslint-disable-next-line no-console
    console.info(
      `fault storm: ${stats.requests} requests, faults ${JSON.stringify(stats.faults)}, retries ${summary.retries}, throttled ${summary.throttled}, ${summary.seconds} s`,
    );
  }, 300_000);
});
