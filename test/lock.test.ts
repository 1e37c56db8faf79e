import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderLock } from '../src/lock/folderLock.js';
import { takeLock } from '../src/lock/lockFile.js';
import { thisProcess, type LockOwner } from '../src/lock/owner.js';
import type { Sandbox } from '../src/sandbox/index.js';
import { writeContactsCsv } from './helpers/rows.js';
import { runCli, tempDir } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

/** The pid of a process that has ended (and been reaped). */
function deadPid(): number {
  const child = spawnSync('true');
  expect(child.pid).toBeGreaterThan(0);
  return child.pid ?? 0;
}

/** A lock file as another process would have left it. */
function plantLock(path: string, changes: Partial<LockOwner>): void {
  writeFileSync(path, `${JSON.stringify({ ...thisProcess(), ...changes })}\n`);
}

describe('a lock file naming its holder', () => {
  it('is exclusive while held, and free again once released', async () => {
    const path = join(tempDir(), 'run.lock');
    const first = await takeLock(path);
    expect(first.taken).toBe(true);
    const second = await takeLock(path);
    expect(second).toMatchObject({ taken: false, state: 'running', owner: { pid: process.pid } });
    if (first.taken) first.lock.release();
    expect(existsSync(path)).toBe(false);
    const third = await takeLock(path);
    expect(third.taken).toBe(true);
    if (third.taken) third.lock.release();
  });

  it('is taken over at once when its holder has ended (kill -9 leaves it behind)', async () => {
    const path = join(tempDir(), 'run.lock');
    plantLock(path, { pid: deadPid() });
    const attempt = await takeLock(path);
    expect(attempt.taken).toBe(true);
    if (attempt.taken) {
      expect(attempt.lock.owner.pid).toBe(process.pid);
      attempt.lock.release();
    }
  });

  it('is taken over when its pid now names another process (another start time, another boot)', async () => {
    const dir = tempDir();
    const me = thisProcess();
    if (me.startTicks === undefined) return; // only Linux records the start time
    plantLock(join(dir, 'a.lock'), { startTicks: me.startTicks + 1 });
    plantLock(join(dir, 'b.lock'), { boot: 'another-boot' });
    for (const name of ['a.lock', 'b.lock']) {
      const attempt = await takeLock(join(dir, name));
      expect(attempt.taken, name).toBe(true);
      if (attempt.taken) attempt.lock.release();
    }
  });

  it("is not taken over when it is another machine's (a shared folder): nobody here can tell", async () => {
    const path = join(tempDir(), 'run.lock');
    plantLock(path, { host: `not-${hostname()}`, pid: deadPid() });
    expect(await takeLock(path)).toMatchObject({ taken: false, state: 'elsewhere' });
  });

  it('takes a lock file that is not whole for one being written, until it is 10 s old', async () => {
    const path = join(tempDir(), 'run.lock');
    writeFileSync(path, '');
    expect(await takeLock(path)).toMatchObject({ taken: false, owner: undefined });
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const attempt = await takeLock(path);
    expect(attempt.taken).toBe(true);
    if (attempt.taken) attempt.lock.release();
  });

  it('lets only one of two processes that saw the same stale lock take it over', async () => {
    const path = join(tempDir(), 'run.lock');
    plantLock(path, { pid: deadPid() });
    let first: Awaited<ReturnType<typeof takeLock>> | undefined;
    // The late one judged the lock stale, and before it removes it the other takes it over.
    const late = await takeLock(path, {
      onStale: async () => {
        first ??= await takeLock(path);
      },
    });
    expect(first?.taken).toBe(true);
    expect(late).toMatchObject({ taken: false, state: 'running', owner: { pid: process.pid } });
    // the winner still holds its lock: the late one removed nothing
    expect(await takeLock(path)).toMatchObject({ taken: false });
    if (first?.taken) first.lock.release();
  });

  it('takes over a takeover left half-done by a process killed in the middle of it', async () => {
    const dir = tempDir();
    const path = join(dir, 'run.lock');
    plantLock(path, { pid: deadPid() });
    plantLock(`${path}.takeover`, { pid: deadPid() });
    const attempt = await takeLock(path);
    expect(attempt.taken).toBe(true);
    if (attempt.taken) attempt.lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

describe('one run per results folder', () => {
  const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });

  async function stoppedRun(): Promise<string> {
    const file = writeContactsCsv(cwd, 8);
    const args = ['--base-url', sandbox.url, '--writes-per-minute', '6000'];
    const first = await runCli(
      ['import', file, '--out', 'r', '--daily-write-limit', '3', ...args],
      {
        cwd,
        env: env(),
      },
    );
    expect(first.code).toBe(3);
    expect(existsSync(join(cwd, 'r', 'run.lock'))).toBe(false); // released at the end
    return join(cwd, 'r');
  }

  it('refuses a resume at once while another run holds the folder, naming the folder and the run', async () => {
    const dir = await stoppedRun();
    using other = new FolderLock();
    await other.take(dir);
    const started = sandbox.stats().requests;
    const resumed = await runCli(['import', '--resume', 'r', '--daily-write-limit', '100'], {
      cwd,
      env: env(),
    });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(
      /^(.+) is being used by another nexudus-import run \(pid (\d+), started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\); wait for it to finish, then run this again\.\n$/,
    );
    expect(resumed.stderr.startsWith(`${dir} is being used`)).toBe(true);
    expect(resumed.stderr).toContain(`(pid ${process.pid}, started`);
    expect(resumed.stdout).toBe('');
    expect(sandbox.stats().requests).toBe(started); // nothing was sent
    other.release();
    const after = await runCli(['import', '--resume', 'r', '--daily-write-limit', '100'], {
      cwd,
      env: env(),
    });
    expect(after.code).toBe(0);
  });

  it('resumes a folder whose lock a killed run left behind', async () => {
    const dir = await stoppedRun();
    plantLock(join(dir, 'run.lock'), { pid: deadPid() });
    const resumed = await runCli(['import', '--resume', 'r', '--daily-write-limit', '100'], {
      cwd,
      env: env(),
    });
    expect(resumed.code).toBe(0);
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
  });

  it('is released when a run is refused after taking it (a changed source: exit 2)', async () => {
    const dir = await stoppedRun();
    appendFileSync(join(cwd, 'contacts.csv'), '7101,Someone New,Director,Clear,\r\n');
    const resumed = await runCli(['import', '--resume', 'r'], { cwd, env: env() });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/has changed/);
    expect(existsSync(join(dir, 'run.lock'))).toBe(false);
  });

  it('is released when a new run stops on an error after creating its folder', async () => {
    const file = writeContactsCsv(cwd, 3);
    // credentials refused at the start: exit 2, and the new folder is removed again
    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'n'], {
      cwd,
      env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: 'wrong-password' },
    });
    expect(run.code).toBe(2);
    expect(existsSync(join(cwd, 'n'))).toBe(false);
    // and the same folder can be used by the next run at once
    const again = await runCli(
      ['import', file, '--base-url', sandbox.url, '--out', 'n', '--writes-per-minute', '6000'],
      { cwd, env: env() },
    );
    expect(again.code).toBe(0);
    expect(readdirSync(join(cwd, 'n'))).not.toContain('run.lock');
  });

  it('says so when the folder to resume does not exist', async () => {
    const resumed = await runCli(['import', '--resume', 'nowhere'], { cwd, env: env() });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/^There is no results folder .*nowhere; /);
  });
});
