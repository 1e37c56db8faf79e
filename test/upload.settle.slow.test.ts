import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

describe('a write the server takes 35 s over, with the default 30 s timeout', () => {
  it('ends with one record for the row, and the other rows go on meanwhile', async () => {
    // The first write is held 35 s before it is stored (a queue on the server's side): at the
    // 30 s timeout its record is not there yet. Sending it again then would make two.
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      writeScript: [{ storeAfterMs: 35_000 }],
    });
    const cwd = tempDir();
    const rows = 5;
    const file = writeContactsCsv(cwd, rows);
    const run = await runCli(
      [
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        'slow',
        '--writes-per-minute',
        '600',
        '--concurrency',
        '1',
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    // had the row been sent twice, its first record would land 35 s after it was sent
    const first = sandbox.stats().writeTimes[0] ?? 0;
    const wait = first + 35_500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));

    expect(run.code).toBe(0);
    const stored = sandbox.contacts().filter((r) => String(r.FullName).startsWith('Contact '));
    const counts = countByName(stored);
    expect(counts.size).toBe(rows);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const created = readReport(join(cwd, 'slow', 'created.csv'));
    expect(new Set(created.map((r) => Number(r.Id)))).toEqual(new Set(stored.map((r) => r.Id)));
    const summary = readSummary(join(cwd, 'slow'));
    expect(summary.counts).toMatchObject({ rows, created: rows, failed: 0, notAttempted: 0 });
    expect(sandbox.stats().writes).toBe(rows); // the slow row was not sent again
    expect(sandbox.stats().creates).toBe(rows);
    // With one row in flight at most, the others were stored while the slow row waited for its
    // record: before it appeared, so with lower Ids.
    const slow = stored.find((r) => r.FullName === 'Contact 1');
    expect(stored.filter((r) => r.Id > (slow?.Id ?? 0))).toEqual([]);
  }, 120_000);
});
