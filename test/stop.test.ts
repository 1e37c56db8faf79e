import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { CommandIo } from '../src/engine/options.js';
import type { ProgressListener } from '../src/engine/events.js';
import type { Summary } from '../src/report/summary.js';
import type { Sandbox } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: false, requestsPerMinute: false }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
const fast = ['--writes-per-minute', '60000'];

/** Runs the CLI in this process with a progress listener, as the user's terminal would see it. */
async function runWith(argv: string[], signal: AbortSignal, progress: ProgressListener) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CommandIo = { cwd, env: env(), stdout, stderr, signal, progress };
  const code = await main(argv, io);
  return { code, stdout: out, stderr: err };
}

/** rows = created + existing + failed + blank + notAttempted, as summary.json promises. */
function reconciles(summary: Summary): boolean {
  const c = summary.counts;
  return c.rows === c.created + c.existing + c.failed + c.blank + c.notAttempted;
}

describe('Ctrl-C before the upload', () => {
  it('while checking the file: exit 130, summary.json with the rows so far, and the resume does it all', async () => {
    const rows = 600;
    const file = writeContactsCsv(cwd, rows);
    const stop = new AbortController();
    // Ctrl-C once the check pass has read its first 500 rows (it reports every 500).
    const stopped = await runWith(
      ['import', file, '--base-url', sandbox.url, '--out', 'r'],
      stop.signal,
      {
        checking: (read) => {
          if (read > 0) stop.abort('SIGINT');
        },
      },
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stdout.split('\n')[0]).toBe(
      'Stopped by Ctrl-C while checking the file; no contact was created.',
    );
    expect(stopped.stdout).toContain('npx nexudus-import import --resume r');
    const summary = readSummary(join(cwd, 'r'));
    expect(summary).toMatchObject({ exitCode: 130, stoppedAt: 'checking', writesUsed: 0 });
    expect(reconciles(summary)).toBe(true);
    // the rows read before the stop, not the whole file: nothing of the rest is known yet
    expect(summary.counts.rows).toBeGreaterThanOrEqual(500);
    expect(summary.counts.rows).toBeLessThan(rows);
    expect(summary.counts.notAttempted).toBe(summary.counts.rows);
    expect(sandbox.stats().writes).toBe(0);

    const resumed = await runCli(['import', '--resume', 'r', ...fast], { cwd, env: env() });
    expect(resumed.code).toBe(0);
    const done = readSummary(join(cwd, 'r'));
    expect(done.counts).toMatchObject({ rows, created: rows, notAttempted: 0 });
    const names = countByName(
      sandbox.contacts().filter((c) => String(c.FullName).startsWith('Contact ')),
    );
    expect(names.size).toBe(rows);
    expect([...names.values()].every((n) => n === 1)).toBe(true);
  });

  it('while validating: exit 130 and the next command checks the file again', async () => {
    const file = writeContactsCsv(cwd, 1200);
    const stop = new AbortController();
    const stopped = await runWith(
      ['validate', file, '--offline', '--delimiter', ',', '--out', 'v'],
      stop.signal,
      {
        checking: () => stop.abort('SIGTERM'),
      },
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stdout.split('\n')[0]).toBe(
      'Stopped by SIGTERM while checking the file; nothing was sent.',
    );
    expect(stopped.stdout).toMatch(
      /To check the file again from the start:\n {2}npx nexudus-import validate \S*contacts\.csv --offline --delimiter ,\n/,
    );
    const summary = readSummary(join(cwd, 'v'));
    expect(summary).toMatchObject({ exitCode: 130, dryRun: true, stoppedAt: 'checking' });
    expect(reconciles(summary)).toBe(true);
  });

  it('while validating against the account: it says nothing was written (its GETs were sent)', async () => {
    const file = writeContactsCsv(cwd, 1200);
    const stop = new AbortController();
    const stopped = await runWith(
      ['validate', file, '--base-url', sandbox.url, '--out', 'v'],
      stop.signal,
      { checking: () => stop.abort('SIGTERM') },
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stdout.split('\n')[0]).toBe(
      'Stopped by SIGTERM while checking the file; nothing was written.',
    );
    expect(sandbox.stats().writes).toBe(0);
    expect(stopped.stdout).toMatch(
      /To check the file again from the start:\n {2}npx nexudus-import validate \S*contacts\.csv --base-url \S+\n/,
    );
  });

  it('before the results folder is made: exit 130, nothing sent and nothing written', async () => {
    const file = writeContactsCsv(cwd, 10);
    const stop = new AbortController();
    stop.abort('SIGINT');
    const result = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'n'], {
      cwd,
      env: env(),
      signal: stop.signal,
    });
    expect(result.code).toBe(130);
    expect(result.stderr.trim()).toBe(
      'Stopped by Ctrl-C while reading the file, before anything was sent or written; run the same command again to start.',
    );
    expect(existsSync(join(cwd, 'n'))).toBe(false);
    expect(sandbox.stats().requests).toBe(0);
  });
});
