import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { BIN, runKillable } from './helpers/killable.js';
import { childEnv, readSummary, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

/** The real CLI as a child; with `killAfterMs`, SIGKILLed that long after its first write. */
const runChild = (args: string[], cwd: string, env: Record<string, string>, killAfterMs?: number) =>
  runKillable(args, cwd, env, sandbox, killAfterMs);

/** A seeded PRNG so a failure can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('kill -9 and resume', () => {
  it('ends with every row present exactly once after being killed at random moments', async () => {
    // Slow replies widen the window in which a kill lands between "sent" and "answered".
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      latencyMs: 30,
    });
    const cwd = tempDir();
    const rows = 300;
    const file = writeContactsCsv(cwd, rows);
    const env = { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
    // A row whose request a kill left unanswered waits out its grace (twice the request timeout,
    // counted from when it would have timed out) before a resume sends it again: a short timeout
    // keeps those waits short.
    const pace = ['--writes-per-minute', '3000', '--concurrency', '4', '--request-timeout', '2'];
    const random = mulberry32(Number(process.env.KILL_SEED ?? 9));

    let result = await runChild(
      ['import', file, '--base-url', sandbox.url, '--out', 'k', ...pace],
      cwd,
      env,
      700 + random() * 800,
    );
    let kills = result.killed ? 1 : 0;
    for (let i = 0; i < 5 && result.killed; i += 1) {
      result = await runChild(['import', '--resume', 'k'], cwd, env, random() * 1000);
      if (result.killed) kills += 1;
    }
    if (result.killed || result.code !== 0)
      result = await runChild(['import', '--resume', 'k'], cwd, env);
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(result.code).toBe(0);

    const counts = countByName(
      sandbox.contacts().filter((r) => String(r.FullName).startsWith('Contact ')),
    );
    expect(counts.size).toBe(rows);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const summary = readSummary(join(cwd, 'k'));
    expect(summary.counts).toMatchObject({ rows, created: rows, failed: 0, notAttempted: 0 });
  }, 120_000);

  it('stops cleanly on Ctrl-C with exit 130, and a resume finishes the rest', async () => {
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      latencyMs: 20,
    });
    const cwd = tempDir();
    const rows = 120;
    const file = writeContactsCsv(cwd, rows);
    const env = { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
    const child = spawn(
      process.execPath,
      [BIN, 'import', file, '--base-url', sandbox.url, '--out', 'c', '--writes-per-minute', '1200'],
      { cwd, env: childEnv(env) },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const poll = setInterval(() => {
      if ((sandbox?.stats().writes ?? 0) >= 10) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 5);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    expect(code).toBe(130);
    expect(stderr).not.toMatch(/\n\s+at /);
    const stopped = readSummary(join(cwd, 'c'));
    expect(stopped.exitCode).toBe(130);
    expect(stopped.counts.notAttempted).toBeGreaterThan(0);
    // every write the sandbox accepted is accounted for in the reports
    expect(stopped.counts.created).toBe(sandbox.stats().creates);

    const resumed = await runChild(['import', '--resume', 'c'], cwd, env);
    expect(resumed.code).toBe(0);
    const counts = countByName(
      sandbox.contacts().filter((r) => String(r.FullName).startsWith('Contact ')),
    );
    expect(counts.size).toBe(rows);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
