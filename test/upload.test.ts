import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runImport } from '../src/engine/runImport.js';
import type { ImportOptions } from '../src/engine/options.js';
import { type Sandbox } from '../src/sandbox/index.js';
import { besidesReading, readSummary, runCli } from './helpers/run.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: false, requestsPerMinute: false }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
const fast = ['--writes-per-minute', '60000'];

function newContacts(): { FullName?: unknown }[] {
  return sandbox.contacts().filter((c) => String(c.FullName).startsWith('Contact '));
}

describe('uploading', () => {
  it('importing the same file again creates nothing: 0 created, all existing, exit 0', async () => {
    const file = writeContactsCsv(cwd, 30);
    const first = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'a', ...fast], {
      cwd,
      env: env(),
    });
    expect(first.code).toBe(0);
    const second = await runCli(
      ['import', file, '--base-url', sandbox.url, '--out', 'b', ...fast],
      {
        cwd,
        env: env(),
      },
    );
    expect(second.code).toBe(0);
    expect(readSummary(join(cwd, 'b')).counts).toMatchObject({
      rows: 30,
      created: 0,
      existing: 30,
    });
    expect(readSummary(join(cwd, 'b')).writesUsed).toBe(0);
    expect(newContacts()).toHaveLength(30);
  });

  it('stops with exit 3 at the daily write limit, and a resume with a higher limit finishes without duplicates', async () => {
    const file = writeContactsCsv(cwd, 12);
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
    // the reason first, then the summary, and the resume command last (the fix loop runs it)
    const printed = first.stdout.trimEnd().split('\n');
    expect(printed[0]).toMatch(/^The daily write limit/);
    expect(printed[1]).toBe('');
    expect(printed[2]).toMatch(/^Stopped importing \S*contacts\.csv before the end$/);
    expect(printed.at(-1)).toBe('  npx nexudus-import import --resume q');
    expect(besidesReading(first.stderr)).toBe(''); // said once, on stdout
    const stopped = readSummary(join(cwd, 'q'));
    expect(stopped.counts).toMatchObject({ rows: 12, created: 5, notAttempted: 7 });
    expect(newContacts()).toHaveLength(5);

    // the same limit still holds across the resume: the journal counts the 5 writes already used
    const still = await runCli(['import', '--resume', 'q', '--json'], { cwd, env: env() });
    expect(still.code).toBe(3);
    // --json: stdout is summary.json alone, the reason is on stderr
    expect(JSON.parse(still.stdout)).toEqual(readSummary(join(cwd, 'q')));
    expect(besidesReading(still.stderr)).toMatch(/^The daily write limit .*\n$/);
    expect(newContacts()).toHaveLength(5);

    const resumed = await runCli(['import', '--resume', 'q', '--daily-write-limit', '100'], {
      cwd,
      env: env(),
    });
    expect(resumed.code).toBe(0);
    const summary = readSummary(join(cwd, 'q'));
    expect(summary.counts).toMatchObject({ rows: 12, created: 12, failed: 0, notAttempted: 0 });
    expect(summary.writesUsed).toBe(12);
    const counts = countByName(newContacts());
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('refuses to resume when the source file has changed', async () => {
    const file = writeContactsCsv(cwd, 6);
    await runCli(
      [
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        'c',
        '--daily-write-limit',
        '2',
        ...fast,
      ],
      { cwd, env: env() },
    );
    appendFileSync(file, '7101,Someone New,Director,Clear,\r\n');
    const resumed = await runCli(['import', '--resume', 'c'], { cwd, env: env() });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/has changed/);
  });

  it('refuses an existing, non-empty results folder', async () => {
    const file = writeContactsCsv(cwd, 2);
    await runCli(['import', file, '--base-url', sandbox.url, '--out', 'd', ...fast], {
      cwd,
      env: env(),
    });
    const again = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'd', ...fast], {
      cwd,
      env: env(),
    });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('logs in again once when the token is revoked mid-run, and carries on', async () => {
    const file = writeContactsCsv(cwd, 20);
    const options: ImportOptions = {
      file,
      sandbox: false,
      baseUrl: sandbox.url,
      dryRun: false,
      out: 'auth',
      concurrency: 2,
      writesPerMinute: 60_000,
      requestsPerMinute: 120_000,
      dailyWriteLimit: 5000,
      waitForQuota: false,
      allowDuplicates: false,
      json: false,
      verbose: false,
      quiet: true,
    };
    const run = await runImport(options, {
      cwd,
      env: env(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      progress: {
        rowDone: (tally) => {
          if (tally.done === 5) sandbox.revokeTokens();
        },
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.summary.counts.created).toBe(20);
    expect(sandbox.stats().unauthorized).toBeGreaterThanOrEqual(1);
    expect(newContacts()).toHaveLength(20);
  });
});
