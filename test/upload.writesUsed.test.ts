import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
// About one write in three is answered 409 or 429 (Retry-After: 1), not processed.
sandboxPerTest(
  {
    writesPerMinute: false,
    requestsPerMinute: false,
    faults: { rate: 0.3, seed: 7, kinds: ['409', '429'] },
  },
  (started, dir) => {
    sandbox = started;
    cwd = dir;
  },
);

const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
const fast = ['--writes-per-minute', '60000'];

describe('writes used', () => {
  it('counts only the writes the server accepted, against the daily limit and after a resume', async () => {
    const rows = 8;
    const file = writeContactsCsv(cwd, rows);
    const first = await runCli(
      [
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        'q',
        '--daily-write-limit',
        '5',
        ...fast,
      ],
      { cwd, env: env() },
    );
    expect(first.code).toBe(3);
    const throttledFirst = sandbox.stats().faults['409'] + sandbox.stats().faults['429'];
    expect(throttledFirst).toBeGreaterThan(0); // the seed throttles some of these writes
    const stopped = readSummary(join(cwd, 'q'));
    // The limit of 5 was spent on 5 records, not on the throttled attempts.
    expect(stopped.counts.created).toBe(5);
    expect(stopped.writesUsed).toBe(5);
    expect(stopped.throttled).toBe(throttledFirst);

    const journal = readFileSync(join(cwd, 'q', 'journal.ndjson'), 'utf8');
    expect(journal.match(/"event":"throttled"/g)?.length).toBe(throttledFirst);

    // The resume counts the folder's writes from its journal: 5, not 5 + the throttled ones.
    const resumed = await runCli(['import', '--resume', 'q', '--daily-write-limit', String(rows)], {
      cwd,
      env: env(),
    });
    expect(resumed.code).toBe(0);
    const summary = readSummary(join(cwd, 'q'));
    expect(summary.counts).toMatchObject({ rows, created: rows, failed: 0 });
    expect(summary.writesUsed).toBe(rows);
    expect(sandbox.stats().faults['409'] + sandbox.stats().faults['429']).toBeGreaterThan(
      throttledFirst,
    );
    const counts = countByName(
      sandbox.contacts().filter((c) => String(c.FullName).startsWith('Contact ')),
    );
    expect(counts.size).toBe(rows);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
