import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { CommandIo } from '../src/engine/options.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { createProgress, type Every } from '../src/screen/progress.js';
import { writeContactsCsv } from './helpers/rows.js';
import { runCli, tempDir, testEnv } from './helpers/run.js';

/**
 * While Nexudus answers 409/429 with Retry-After, the progress says why the run waits (issue 16:
 * the ETA grew with no reason given). The sandbox throttles the first writes by script; its
 * Retry-After is 1 s, so each throttled reply holds the writes back for a second.
 */
const WAITING = 'waiting: Nexudus asked us to slow down';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const FAST = ['--writes-per-minute', '6000', '--concurrency', '1'];

function env(s: Sandbox) {
  return { NEXUDUS_USERNAME: s.username, NEXUDUS_PASSWORD: s.password };
}

/** A stream that keeps what is written; `isTTY` as a terminal's or a log file's. */
function captured(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('throttled by Nexudus', () => {
  it('import: the plain progress lines say why the writes wait, then the ETA comes back', async () => {
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      // the third and fourth writes are throttled: two waits of a second, after a pace is known
      writeScript: ['normal', 'normal', '409', '429'],
    });
    const cwd = tempDir();
    const file = writeContactsCsv(cwd, 8);
    const stderr = captured(false);
    // the line every 10 s, every 50 ms here, so the test sees the second-long waits
    const every: Every = (_ms, fn) => {
      const timer = setInterval(fn, 50);
      return () => clearInterval(timer);
    };
    const progress = createProgress(stderr.stream, { env: {}, every });
    const stdout = captured(false);
    const io: CommandIo = {
      cwd,
      env: testEnv(env(sandbox)),
      stdout: stdout.stream,
      stderr: stderr.stream,
      progress,
    };
    const code = await main(['import', file, '--base-url', sandbox.url, '--out', 'r', ...FAST], io);
    progress.stop();
    expect(code, stderr.text()).toBe(0);
    expect(sandbox.stats().faults).toMatchObject({ 409: 1, 429: 1 });
    const lines = stderr
      .text()
      .split('\n')
      .filter((l) => l.startsWith('Uploading: '));
    const waiting = lines.findIndex((l) => l.includes(WAITING));
    expect(waiting, lines.join('\n')).toBeGreaterThanOrEqual(0);
    // said in place of the ETA, never beside it
    for (const line of lines.filter((l) => l.includes(WAITING))) expect(line).not.toMatch(/left$/);
    // once the writes flow again, the waiting goes away
    const after = lines.slice(waiting).findIndex((l) => !l.includes(WAITING));
    expect(after, lines.join('\n')).toBeGreaterThan(0);
  }, 60_000);

  it('undo: the line on a terminal says why the deletes wait', async () => {
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      // the import's 4 creates go through; the undo's second delete is throttled
      writeScript: ['normal', 'normal', 'normal', 'normal', 'normal', '409'],
    });
    const cwd = tempDir();
    const file = writeContactsCsv(cwd, 4);
    const imported = await runCli(
      ['import', file, '--base-url', sandbox.url, '--out', 'run', ...FAST],
      { cwd, env: env(sandbox) },
    );
    expect(imported.code, imported.stderr).toBe(0);
    const stderr = captured(true);
    const stdout = captured(false);
    const code = await main(['undo', 'run', '--yes', '--base-url', sandbox.url, ...FAST], {
      cwd,
      env: testEnv(env(sandbox)),
      stdout: stdout.stream,
      stderr: stderr.stream,
    });
    expect(code, stderr.text()).toBe(0);
    expect(sandbox.stats().faults).toMatchObject({ 409: 1 });
    const frames = stderr.text().split('\r\u001b[2K');
    const waiting = frames.findIndex((f) => f.endsWith(`; ${WAITING}`));
    expect(waiting, frames.join('\n')).toBeGreaterThan(0);
    expect(
      frames.slice(waiting).some((f) => f.startsWith('Taking back') && !f.includes(WAITING)),
    ).toBe(true);
  }, 60_000);
});
