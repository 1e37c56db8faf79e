import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: false, requestsPerMinute: false }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
/**
 * An "hour" of a second, so the default 5,000 an hour does not hold the test's reads back (with
 * --requests-per-minute raised: at 120 a minute, preflight's reads would take 0.5 s each).
 */
const rpm = ['--requests-per-minute', '100000'];
const shortHour = () => ({ ...env(), NEXUDUS_IMPORT_HOUR_MS: '1000' });

describe('--requests-per-hour', () => {
  it('is listed by --help of import and of sandbox', async () => {
    const help = await runCli(['import', '--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--requests-per-hour <n>\s+pace of all requests over an hour/);
    const server = await runCli(['sandbox', '--help'], { cwd });
    expect(server.stdout).toContain('--requests-per-hour <n>');
  });

  it('is recorded (default 5000 at 60 writes a minute) and a resume may change it', async () => {
    const file = writeContactsCsv(cwd, 3);
    const first = await runCli(
      ['import', file, '--base-url', sandbox.url, '--out', 'r', '--daily-write-limit', '1', ...rpm],
      { cwd, env: shortHour() },
    );
    expect(first.code).toBe(3);
    expect(readSummary(join(cwd, 'r')).options.requestsPerHour).toBe(5000);

    const given = await runCli(['import', '--resume', 'r', '--requests-per-hour', '7000', ...rpm], {
      cwd,
      env: shortHour(),
    });
    expect(given.code).toBe(3);
    expect(readSummary(join(cwd, 'r')).options.requestsPerHour).toBe(7000);

    // A raised write pace raises the hourly default with it, as it does the per-minute one.
    const raised = await runCli(
      ['import', '--resume', 'r', '--writes-per-minute', '120', '--daily-write-limit', '10'],
      { cwd, env: shortHour() },
    );
    expect(raised.code).toBe(0);
    expect(readSummary(join(cwd, 'r')).options).toMatchObject({
      writesPerMinute: 120,
      requestsPerMinute: 240,
      requestsPerHour: 10_000,
    });
  });

  it('refuses a value below 1, and a test-only hour that is not a number of milliseconds', async () => {
    const file = writeContactsCsv(cwd, 1);
    const zero = await runCli(['import', file, '--sandbox', '--requests-per-hour', '0'], { cwd });
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--requests-per-hour');
    const hour = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'h'], {
      cwd,
      env: { ...env(), NEXUDUS_IMPORT_HOUR_MS: 'soon' },
    });
    expect(hour.code).toBe(2);
    expect(hour.stderr.trim().split('\n')).toHaveLength(1);
    expect(hour.stderr).toContain('NEXUDUS_IMPORT_HOUR_MS');
    expect(existsSync(join(cwd, 'h'))).toBe(false);
    expect(sandbox.stats().requests).toBe(0);
  });
});
