import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportOptions } from '../src/engine/options.js';
import type { Summary } from '../src/report/summary.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { summaryText } from '../src/screen/summaryText.js';
import { runCli, tempDir } from './helpers/run.js';

const SAMPLE = join(import.meta.dirname, '..', 'samples', 'contract-contacts.csv');

describe('the summary of a real run', () => {
  let sandbox: Sandbox;
  let cwd: string;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, writesPerMinute: 6000 });
    cwd = tempDir();
    copyFileSync(SAMPLE, join(cwd, 'contacts.csv'));
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('shows the counts, the time, the reports, and the exact command to re-run the failures', async () => {
    const run = await runCli(
      [
        'import',
        'contacts.csv',
        '--base-url',
        sandbox.url,
        '--out',
        'my results',
        '--writes-per-minute',
        '6000',
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Imported contacts.csv');
    // SPEC "Reading": the encoding used is printed with the summary.
    expect(lines[1]).toBe('  read as CSV, utf-8, ","');
    expect(run.stdout).toMatch(/^ {2}rows  +13$/m);
    expect(run.stdout).toMatch(/^ {2}created  +7$/m);
    expect(run.stdout).toMatch(/^ {2}existing  +1$/m);
    expect(run.stdout).toMatch(/^ {2}failed  +4$/m);
    expect(run.stdout).toMatch(/^ {2}blank  +1$/m);
    expect(run.stdout).toMatch(/^ {2}time +\d+\.\d s$/m);
    expect(run.stdout).toMatch(/^ {2}writes used  +7$/m);
    expect(run.stdout).toContain('Reports in "my results"');
    expect(run.stdout).toContain('errors.xlsx, errors.csv   the 4 failed rows and why');
    // the last line: the folder, whose run.json holds the target and the pace (docs/fix-loop.md)
    expect(run.stdout).toMatch(
      /Next: fix the 4 failed rows in errors.xlsx or errors.csv \(either\), save, then run:\n {2}npx nexudus-import import "my results"\n$/,
    );
    // nothing but the summary on stdout; no stack trace anywhere
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--json prints summary.json instead', async () => {
    const run = await runCli(
      [
        'import',
        'contacts.csv',
        '--base-url',
        sandbox.url,
        '--out',
        'r',
        '--writes-per-minute',
        '6000',
        '--json',
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(readFileSync(join(cwd, 'r', 'summary.json'), 'utf8')),
    );
  });
});

const OPTIONS: ImportOptions = {
  file: 'contacts.csv',
  sandbox: false,
  dryRun: false,
  concurrency: 2,
  writesPerMinute: 60,
  requestsPerMinute: 120,
  dailyWriteLimit: 5000,
  waitForQuota: false,
  allowDuplicates: false,
  json: false,
  verbose: false,
  quiet: false,
};

function summary(
  over: Partial<Omit<Summary, 'counts'>> & { counts?: Partial<Summary['counts']> } = {},
): Summary {
  const { counts, ...rest } = over;
  return {
    file: '/home/ops/contacts.csv',
    resultsFolder: '/home/ops/import-results/contacts-20250101-090000',
    dryRun: false,
    options: {},
    started: '2025-01-01T09:00:00.000Z',
    finished: '2025-01-01T09:12:05.000Z',
    seconds: 725,
    counts: {
      rows: 10,
      created: 6,
      existing: 1,
      updated: 0,
      unchanged: 0,
      failed: 2,
      blank: 1,
      notAttempted: 0,
      ...counts,
    },
    writesUsed: 6,
    throttled: 0,
    retries: 0,
    preflightRequests: 3,
    exitCode: 1,
    ...rest,
  };
}

describe('the next command', () => {
  const cwd = '/home/ops';

  it('names the results folder, whatever the flags: DIR records them', () => {
    const text = summaryText(
      summary({ dateOrders: { DateOfBirth: 'DMY' } }),
      {
        ...OPTIONS,
        baseUrl: 'https://spaces.nexudus.com',
        mapping: 'my mapping.json',
        ignoreColumns: ['Type of contact'],
        writesPerMinute: 30,
        requestsPerMinute: 120,
        dailyWriteLimit: 4000,
      },
      cwd,
    );
    expect(text).toContain('  time         12 min 5 s\n');
    expect(text).toMatch(
      /\n\nNext: fix the 2 failed rows in errors.xlsx or errors.csv \(either\), save, then run:\n {2}npx nexudus-import import import-results\/contacts-20250101-090000\n$/,
    );
    const typed = summaryText(summary(), { ...OPTIONS, sandbox: true, out: 'my results' }, cwd);
    expect(typed).toMatch(/\n {2}npx nexudus-import import "my results"\n$/);
  });

  it('the undo hint comes before the next command, which is the last line', () => {
    const text = summaryText(summary(), OPTIONS, cwd);
    expect(text).toMatch(
      /\n\nTo take it back: npx nexudus-import undo import-results\/contacts-20250101-090000\n\nNext: .*\n {2}npx nexudus-import import import-results\/contacts-20250101-090000\n$/,
    );
  });

  it('after a run that stopped early (exit 3 or 130): resume it', () => {
    for (const exitCode of [3, 130]) {
      const text = summaryText(
        summary({ exitCode, counts: { notAttempted: 5, created: 2 } }),
        { ...OPTIONS, out: 'results' },
        cwd,
      );
      expect(text).toMatch(/^Stopped importing contacts.csv before the end$/m);
      expect(text).toMatch(/^ {2}not attempted +5$/m);
      expect(text).toContain('  npx nexudus-import import --resume results\n');
      expect(text).not.toContain('errors.csv --');
    }
  });

  it('a resumed run names its folder and file as short as they can be said', () => {
    const text = summaryText(
      summary({ exitCode: 3 }),
      {
        ...OPTIONS,
        file: '/home/ops/contacts.csv',
        resume: '/home/ops/import-results/contacts-20250101-090000',
        out: '/home/ops/import-results/contacts-20250101-090000',
      },
      cwd,
    );
    expect(text).toMatch(/^Stopped importing contacts.csv/);
    expect(text).toContain(
      'npx nexudus-import import --resume import-results/contacts-20250101-090000\n',
    );
  });

  it('after a dry run: check the folder again once fixed, or import it once it is clean', () => {
    const failed = summaryText(
      // offline: the account was not read
      summary({
        dryRun: true,
        preflightRequests: 0,
        counts: { created: 0, existing: 0, notAttempted: 7 },
      }),
      { ...OPTIONS, dryRun: true, out: 'v' },
      cwd,
    );
    expect(failed).toMatch(/^Checked contacts.csv \(dry run: nothing was sent\)$/m);
    expect(failed).toMatch(/^ {2}valid \(not sent\) +7$/m);
    expect(failed).not.toMatch(/^ {2}(created|existing) /m);
    expect(failed).toContain(
      'Next: fix the 2 failed rows in errors.xlsx or errors.csv (either), save, then check them again:\n  npx nexudus-import validate v\n',
    );
    const clean = summaryText(
      summary({ dryRun: true, exitCode: 0, counts: { failed: 0, notAttempted: 9 } }),
      { ...OPTIONS, dryRun: true },
      cwd,
    );
    expect(clean).toContain(
      'Every row checks out. To import them:\n  npx nexudus-import import import-results/contacts-20250101-090000\n',
    );
  });

  it('says nothing more to do when every row is in', () => {
    const text = summaryText(summary({ exitCode: 0, counts: { failed: 0 } }), OPTIONS, cwd);
    expect(text).not.toMatch(/npx nexudus-import (import|validate)/);
    expect(text).toContain('errors.xlsx, errors.csv   no failed rows');
    // one line, last, on how to take the run back
    expect(text).toMatch(/\n\nTo take it back: npx nexudus-import undo \S+\n$/);
  });

  it('offers undo only after a run that wrote something, and never after a dry run', () => {
    const none = summary({ exitCode: 0, counts: { failed: 0, created: 0, updated: 0 } });
    expect(summaryText(none, OPTIONS, cwd)).not.toContain('undo');
    const dry = summary({ exitCode: 0, dryRun: true, counts: { failed: 0 } });
    expect(summaryText(dry, { ...OPTIONS, dryRun: true }, cwd)).not.toContain('undo');
  });

  it('a --sandbox run that stopped is resumed like any other (the sandbox keeps its records)', () => {
    const text = summaryText(
      summary({ exitCode: 130 }),
      { ...OPTIONS, sandbox: true, out: 'results' },
      cwd,
    );
    expect(text).toContain('  npx nexudus-import import --resume results\n');
    expect(text).not.toContain('contacts.csv --sandbox');
  });

  it('offers undo after a --sandbox run that wrote something', () => {
    const text = summaryText(
      summary({ exitCode: 0, counts: { failed: 0, created: 3 } }),
      { ...OPTIONS, sandbox: true, out: 'results' },
      cwd,
    );
    expect(text).toMatch(/\n\nTo take it back: npx nexudus-import undo results\n$/);
  });
});

describe('a run that stopped early', () => {
  const cwd = '/home/ops';
  const reason =
    'The daily write limit (5 in 24 hours) is reached. Continue later with --resume, or pass --wait-for-quota to wait.';

  it('says why first, then the summary, and the resume command last (below the way back)', () => {
    const text = summaryText(
      summary({
        exitCode: 3,
        stopped: reason,
        stoppedAt: 'uploading',
        counts: { created: 5, failed: 0, notAttempted: 4 },
      }),
      { ...OPTIONS, out: 'results' },
      cwd,
    );
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(reason);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('Stopped importing contacts.csv before the end');
    expect(text).toContain('To take it back: npx nexudus-import undo results\n');
    expect(lines.at(-1)).toBe('  npx nexudus-import import --resume results');
  });

  it('a run that finished names no reason', () => {
    const text = summaryText(summary({ exitCode: 1 }), OPTIONS, cwd);
    expect(text.split('\n')[0]).toBe('Imported contacts.csv');
  });
});
