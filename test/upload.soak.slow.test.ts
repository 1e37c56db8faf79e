import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/sandbox/faults.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { childEnv, readSummary, tempDir } from './helpers/run.js';

/*
 * The soak test of "exactly once under any fault, from any number of processes": rounds of an
 * import killed with SIGKILL at a random moment, against a sandbox injecting random faults (slow
 * writes that outlast the request timeout among them), then two resumes of the folder started
 * at once, then resumes until the run ends. After every round the sandbox holds each row of the
 * file exactly once. SOAK_SEED replays a failure; SOAK_ROUNDS changes the number of rounds.
 */

const BIN = join(import.meta.dirname, '..', 'bin', 'nexudus-import.js');
const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 20);
const SEED = Number(process.env.SOAK_SEED ?? 20261130);

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

interface ChildEnd {
  readonly code: number | null;
  readonly killed: boolean;
  readonly stderr: string;
}

/** The real CLI as a child; with `killAfterMs`, SIGKILL that long after its first create. */
function runChild(
  s: Sandbox,
  args: readonly string[],
  cwd: string,
  killAfterMs?: number,
): Promise<ChildEnd> {
  return new Promise((resolve) => {
    const writesBefore = s.stats().writes;
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: childEnv({ NEXUDUS_USERNAME: s.username, NEXUDUS_PASSWORD: s.password }),
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.resume();
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const poll =
      killAfterMs === undefined
        ? undefined
        : setInterval(() => {
            if (s.stats().writes <= writesBefore) return;
            clearInterval(poll);
            timer = setTimeout(() => (killed = child.kill('SIGKILL')), killAfterMs);
          }, 5);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, killed, stderr });
    });
  });
}

describe('soak: kill -9, random faults, two resumes at once', () => {
  it(`keeps every row exactly once over ${ROUNDS} rounds`, async () => {
    const random = mulberry32(SEED);
    const rows = 40;
    const seen = { kills: 0, refused: 0, faults: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const s = await startSandbox({
        port: 0,
        writesPerMinute: false,
        requestsPerMinute: false,
        latencyMs: Math.floor(random() * 30),
        faults: {
          rate: 0.1 + random() * 0.2,
          seed: Math.floor(random() * 2 ** 31),
          // Slower than the 1 s request timeout: the record is stored, the answer never comes.
          slowMs: 1500,
        },
      });
      sandbox = s;
      const cwd = tempDir();
      const file = writeContactsCsv(cwd, rows);
      const pace = ['--writes-per-minute', '6000', '--concurrency', '3', '--request-timeout', '1'];
      const where = `round ${round} (SOAK_SEED=${SEED})`;

      const first = await runChild(
        s,
        ['import', file, '--base-url', s.url, '--out', 'run', ...pace],
        cwd,
        random() * 600,
      );
      // Two resumes of the same folder at once: one holds it, the other is refused (exit 2).
      const pair = await Promise.all([
        runChild(s, ['import', '--resume', 'run'], cwd),
        runChild(s, ['import', '--resume', 'run'], cwd),
      ]);
      if (first.killed) seen.kills += 1;
      seen.refused += pair.filter((p) => p.code === 2).length;
      if (first.killed) {
        expect(
          pair.map((p) => p.code).filter((c) => c === 2).length,
          `${where}: one of two concurrent resumes is refused\n${pair.map((p) => p.stderr).join('\n')}`,
        ).toBeLessThanOrEqual(1);
      }
      let last = pair.find((p) => p.code !== 2) ?? pair[0];
      for (let more = 0; more < 6 && last?.code !== 0; more += 1) {
        last = await runChild(s, ['import', '--resume', 'run'], cwd);
      }
      expect(last?.code, `${where}: the run ends\n${last?.stderr ?? ''}`).toBe(0);

      const counts = countByName(
        s.contacts().filter((r) => String(r.FullName).startsWith('Contact ')),
      );
      expect(counts.size, where).toBe(rows);
      expect(
        [...counts].filter(([, n]) => n !== 1),
        where,
      ).toEqual([]);
      const summary = readSummary(join(cwd, 'run'));
      expect(summary.counts, where).toMatchObject({ rows, failed: 0, notAttempted: 0 });
      expect(summary.counts.created + summary.counts.existing, where).toBe(rows);
      seen.faults += Object.values(s.stats().faults).reduce((a, b) => a + b, 0);
      await s.close();
      sandbox = undefined;
    }
    // eslint-disable-next-line no-console
    console.info(`soak over ${ROUNDS} rounds: ${JSON.stringify(seen)}`);
    // The rounds did what they are for: kills that landed mid-upload, a resume refused while
    // the other held the folder, faults injected.
    expect(seen.kills).toBeGreaterThanOrEqual(Math.ceil(ROUNDS / 2));
    expect(seen.refused).toBeGreaterThanOrEqual(Math.ceil(ROUNDS / 4));
    expect(seen.faults).toBeGreaterThan(ROUNDS);
  }, 900_000);
});
