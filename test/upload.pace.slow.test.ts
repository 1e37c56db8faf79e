import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

describe('pace', () => {
  it('keeps to a sandbox enforcing the same write limit: no 409, pace within a few percent of it', async () => {
    const W = 1200; // 20 writes a second keeps the test short; the ratio is what matters
    sandbox = await startSandbox({ port: 0, writesPerMinute: W });
    const cwd = tempDir();
    const rows = 150;
    const file = writeContactsCsv(cwd, rows);
    const run = await runCli(
      ['import', file, '--base-url', sandbox.url, '--out', 'p', '--writes-per-minute', String(W)],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(run.code).toBe(0);
    const stats = sandbox.stats();
    expect(stats.throttled).toBe(0);
    const times = stats.writeTimes;
    expect(times).toHaveLength(rows);
    const first = times[0] ?? 0;
    const last = times.at(-1) ?? 0;
    const pace = ((times.length - 1) / (last - first)) * 60_000;
    // eslint-disable-next-line no-console
    console.info(
      `pace: ${pace.toFixed(1)} writes/min against a limit of ${W}: ${(pace / W).toFixed(3)}`,
    );
    expect(pace / W).toBeGreaterThan(0.9);
    expect(pace / W).toBeLessThanOrEqual(1.0);
    const summary = readSummary(join(cwd, 'p'));
    expect(summary.writesUsed).toBe(summary.counts.created);
    expect(summary.throttled).toBe(0);
    expect(countByName(sandbox.contacts()).size).toBe(rows + 2);
  }, 60_000);
});
