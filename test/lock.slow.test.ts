import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { thisProcess } from '../src/lock/owner.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { childEnv, readSummary, tempDir } from './helpers/run.js';

/** The real bin and the compiled lock (`npm run build` first, as `npm test` does). */
const BIN = join(import.meta.dirname, '..', 'bin', 'nexudus-import.js');
const LOCK_FILE_JS = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'lock', 'lockFile.js'));

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

interface Ran {
  readonly pid: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI as a child; `onStart` gets the child to kill it. */
function runChild(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  onStart?: (kill: () => void) => void,
): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    onStart?.(() => child.kill('SIGKILL'));
    child.on('close', (code) => resolve({ pid: child.pid ?? 0, code, stdout, stderr }));
  });
}

function expectEveryRowOnce(rows: number): void {
  const counts = countByName(
    (sandbox?.contacts() ?? []).filter((r) => String(r.FullName).startsWith('Contact ')),
  );
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(counts.size).toBe(rows);
}

describe('one run per results folder, between real processes', () => {
  it('two resumes of one folder started at once: one is refused (exit 2), every row is created once', async () => {
    // Replies slow enough that the two runs would overlap for seconds without the lock.
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      latencyMs: 15,
    });
    const cwd = tempDir();
    const rows = 200;
    const file = writeContactsCsv(cwd, rows);
    const env = { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
    const pace = ['--writes-per-minute', '6000', '--concurrency', '2'];
    const first = await runChild(
      [
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        'r',
        '--daily-write-limit',
        '5',
        ...pace,
      ],
      cwd,
      env,
    );
    expect(first.code).toBe(3);

    const resume = ['import', '--resume', 'r', '--daily-write-limit', '5000', ...pace];
    const both = await Promise.all([runChild(resume, cwd, env), runChild(resume, cwd, env)]);
    const refused = both.find((r) => r.code === 2);
    const winner = both.find((r) => r !== refused);
    expect(both.map((r) => r.code).sort()).toEqual([0, 2]);
    const dir = join(cwd, 'r');
    expect(refused?.stderr).toMatch(
      new RegExp(
        `^${dir.replace(/[/\\\\.]/g, '\\$&')} is being used by another nexudus-import run \\(pid ${winner?.pid}, started [^)]+\\); wait for it to finish`,
      ),
    );
    expect(refused?.stdout).toBe('');
    expectEveryRowOnce(rows);
    expect(readSummary(dir).counts).toMatchObject({ rows, created: rows, failed: 0 });
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
  }, 60_000);

  it('a resume right after kill -9 takes the killed run’s lock over at once', async () => {
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
    const killed = await runChild(
      ['import', file, '--base-url', sandbox.url, '--out', 'k', '--writes-per-minute', '3000'],
      cwd,
      env,
      (kill) => {
        const poll = setInterval(() => {
          if ((sandbox?.stats().writes ?? 0) < 10) return;
          clearInterval(poll);
          kill();
        }, 5);
      },
    );
    expect(killed.code).toBeNull(); // killed, not finished
    const dir = join(cwd, 'k');
    expect(existsSync(join(dir, 'run.lock'))).toBe(true); // the killed run left its lock

    const resumed = await runChild(['import', '--resume', 'k'], cwd, env);
    expect(resumed.stderr).not.toMatch(/being used/);
    expect(resumed.code).toBe(0);
    expectEveryRowOnce(rows);
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
  }, 60_000);

  it('is released on Ctrl-C (exit 130) and by process.exit()', async () => {
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      latencyMs: 20,
    });
    const cwd = tempDir();
    const file = writeContactsCsv(cwd, 100);
    const env = { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
    const child = spawn(
      process.execPath,
      [BIN, 'import', file, '--base-url', sandbox.url, '--out', 'c', '--writes-per-minute', '1200'],
      { cwd, env: childEnv(env) },
    );
    const poll = setInterval(() => {
      if ((sandbox?.stats().writes ?? 0) < 5) return;
      clearInterval(poll);
      expect(existsSync(join(cwd, 'c', 'run.lock'))).toBe(true); // held while it runs
      child.kill('SIGINT');
    }, 5);
    const code = await new Promise((resolve) => child.on('exit', resolve));
    clearInterval(poll);
    expect(code).toBe(130);
    expect(existsSync(join(cwd, 'c', 'run.lock'))).toBe(false);

    const path = join(tempDir(), 'run.lock');
    const script = `
      const { takeLock } = await import(${JSON.stringify(LOCK_FILE_JS.href)});
      const attempt = await takeLock(${JSON.stringify(path)});
      console.log(attempt.taken ? 'taken' : 'refused');
      process.exit(3);
    `;
    const exited = spawn(process.execPath, ['--input-type=module', '-e', script]);
    let out = '';
    exited.stdout.on('data', (c: Buffer) => (out += c.toString()));
    expect(await new Promise((resolve) => exited.on('exit', resolve))).toBe(3);
    expect(out.trim()).toBe('taken');
    expect(existsSync(path)).toBe(false);
  }, 60_000);

  it('of several processes taking over the same stale lock at the same moment, exactly one wins', async () => {
    const rounds = 8;
    const racers = 6;
    for (let round = 0; round < rounds; round += 1) {
      const path = join(tempDir(), 'run.lock');
      const signals = tempDir(); // ready-N, go, decided-N: the racers' meeting point
      // The lock of a process that has ended: this process's identity on another boot.
      writeFileSync(path, JSON.stringify({ ...thisProcess(), pid: 1, boot: 'ended' }));
      // Each racer says it is ready and waits for "go", which names a moment just ahead; all
      // spin until that moment and then take the lock. The winner holds it until every racer has
      // decided, however slowly the machine started them.
      const script = `
        import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
        import { join } from 'node:path';
        const { takeLock } = await import(${JSON.stringify(LOCK_FILE_JS.href)});
        const [signals, path, me, racers] = process.argv.slice(1);
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        const count = (prefix) => readdirSync(signals).filter((f) => f.startsWith(prefix)).length;
        writeFileSync(join(signals, 'ready-' + me), '');
        while (!existsSync(join(signals, 'go'))) await sleep(2);
        const startAt = Number(readFileSync(join(signals, 'go'), 'utf8'));
        while (Date.now() < startAt);
        const attempt = await takeLock(path);
        writeFileSync(join(signals, 'decided-' + me), '');
        if (attempt.taken) while (count('decided-') < Number(racers)) await sleep(5);
        console.log(attempt.taken ? 'won' : 'lost');
      `;
      const children = Array.from({ length: racers }, (_, i) =>
        spawn(process.execPath, [
          '--input-type=module',
          '-e',
          script,
          signals,
          path,
          String(i),
          String(racers),
        ]),
      );
      const outcomes = Promise.all(
        children.map(
          (child) =>
            new Promise<string>((resolve) => {
              let out = '';
              child.stdout.on('data', (c: Buffer) => (out += c.toString()));
              child.stderr.on('data', (c: Buffer) => (out += c.toString()));
              child.on('close', () => resolve(out.trim()));
            }),
        ),
      );
      while (readdirSync(signals).filter((f) => f.startsWith('ready-')).length < racers) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      writeFileSync(join(signals, 'go'), String(Date.now() + 100));
      expect((await outcomes).sort(), `round ${round}`).toEqual([
        ...Array.from({ length: racers - 1 }, () => 'lost'),
        'won',
      ]);
      expect(existsSync(path)).toBe(false); // released when the winner exited
    }
  }, 120_000);
});
