import { join } from 'node:path';
import got from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli, tempDir } from './helpers/run.js';

const running: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function sandbox(options: SandboxOptions): Promise<Sandbox> {
  const s = await startSandbox({ port: 0, writesPerMinute: false, ...options });
  running.push(s);
  return s;
}

const login = (s: Sandbox) => ({ NEXUDUS_USERNAME: s.username, NEXUDUS_PASSWORD: s.password });
const fast = ['--writes-per-minute', '60000'];
/** The list route preflight reads each contract's contacts with, and a lookup looks again. */
const CONTACTS = '/api/billing/contractcontacts';

/** Rows of `writeContactsCsv` named Contact 1..n, each stored exactly once. */
function eachOnce(s: Sandbox, rows: number): boolean {
  const counts = countByName(s.contacts().filter((c) => String(c.FullName).startsWith('Contact ')));
  return counts.size === rows && [...counts.values()].every((n) => n === 1);
}

describe('--request-timeout', () => {
  it('gives a read up at the timeout and tries it again (5 tries), then stops with exit 3', async () => {
    const s = await sandbox({ latencyMs: 3000 });
    // A token up front, so the run's first request is the countries list (a read).
    const reply = await got.post(`${s.url}/api/token`, {
      form: { grant_type: 'password', username: s.username, password: s.password },
    });
    const token = (JSON.parse(reply.body) as { access_token: string }).access_token;
    const cwd = tempDir();
    const file = writeContactsCsv(cwd, 3);
    const run = await runCli(
      ['import', file, '--base-url', s.url, '--out', 'r', '--request-timeout', '1', ...fast],
      { cwd, env: { NEXUDUS_TOKEN: token } },
    );
    expect(run.code).toBe(3);
    // Each try was given up after 1 s, though the server would have answered after 3 s.
    expect(s.stats().gets['/api/sys/countries']).toBe(5);
    expect(run.stdout.split('\n')[0]).toContain('1000ms'); // the reason, first
    expect(s.stats().writes).toBe(0);
  }, 60_000);

  it('counts a write with no answer within the timeout as unanswered, and finds its record', async () => {
    // Every write is stored at once and answered 3 s later.
    const s = await sandbox({
      faults: { rate: 1, seed: 1, kinds: ['slow-after-create'], slowMs: 3000 },
    });
    const cwd = tempDir();
    const rows = 3;
    const file = writeContactsCsv(cwd, rows);
    const run = await runCli(
      ['import', file, '--base-url', s.url, '--out', 'w', '--request-timeout', '1', ...fast],
      { cwd, env: login(s) },
    );
    expect(run.code).toBe(0);
    const summary = readSummary(join(cwd, 'w'));
    expect(summary.counts).toMatchObject({ rows, created: rows, failed: 0 });
    expect(eachOnce(s, rows)).toBe(true);
    // After preflight's one read of each contract, each unanswered write was looked for.
    expect(s.stats().gets[CONTACTS]).toBeGreaterThanOrEqual(summary.preflightRequests - 1 + rows);
  }, 60_000);

  it("a resume's --request-timeout overrides the recorded one", async () => {
    const cwd = tempDir();
    const data = join(cwd, 'records.json');
    const first = await sandbox({ dataFile: data });
    const rows = 4;
    const file = writeContactsCsv(cwd, rows);
    const run = await runCli(
      ['import', file, '--base-url', first.url, '--out', 'r', '--daily-write-limit', '1', ...fast],
      { cwd, env: login(first) },
    );
    expect(run.code).toBe(3);
    await first.close();
    // The same records, now answered 3 s after each write.
    const slow = await sandbox({
      dataFile: data,
      faults: { rate: 1, seed: 1, kinds: ['slow-after-create'], slowMs: 3000 },
    });
    const resumed = await runCli(
      [
        'import',
        '--resume',
        'r',
        '--base-url',
        slow.url,
        '--request-timeout',
        '1',
        '--daily-write-limit',
        '100',
      ],
      { cwd, env: login(slow) },
    );
    expect(resumed.code).toBe(0);
    const summary = readSummary(join(cwd, 'r'));
    expect(summary.counts).toMatchObject({ rows, created: rows, failed: 0 });
    expect(summary.options.requestTimeoutMs).toBe(1000);
    expect(eachOnce(slow, rows)).toBe(true);
    // Three writes were unanswered within 1 s: each was looked for after preflight's reads.
    expect(slow.stats().gets[CONTACTS]).toBeGreaterThanOrEqual(
      summary.preflightRequests - 1 + rows - 1,
    );
  }, 60_000);
});
