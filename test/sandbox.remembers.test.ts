import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxDataFile, startSandboxOnData } from '../src/engine/sandboxData.js';
import type { ContractContactRecord } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';

const FAST = ['--writes-per-minute', '60000'];

/** One user's machine: a working folder and a data folder of its own (never the real one). */
function machine() {
  const cwd = tempDir();
  const data = tempDir('nexudus-data-');
  const env = { XDG_DATA_HOME: data };
  const file = join(data, 'nexudus-import', 'sandbox.json');
  const run = (args: string[]) => runCli(args, { cwd, env });
  const stored = () =>
    (JSON.parse(readFileSync(file, 'utf8')) as { contacts: ContractContactRecord[] }).contacts;
  return { cwd, env, file, run, stored };
}

describe('--sandbox keeps its records in the user data file', () => {
  it('a second import of the same file finds every row existing; sandbox --reset empties it', async () => {
    const m = machine();
    const csv = writeContactsCsv(m.cwd, 6);
    const first = await m.run(['import', csv, '--sandbox', '--out', 'a', ...FAST]);
    expect(first.code).toBe(0);
    expect(readSummary(join(m.cwd, 'a')).counts).toMatchObject({ created: 6, existing: 0 });
    expect(existsSync(m.file)).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(m.file).mode & 0o777).toBe(0o600);
      expect(statSync(join(m.file, '..')).mode & 0o777).toBe(0o700);
    }
    // No lock or temporary file is left behind once the run is over.
    expect(readdirSync(join(m.file, '..'))).toEqual(['sandbox.json']);

    const second = await m.run(['import', csv, '--sandbox', '--out', 'b', ...FAST]);
    expect(second.code).toBe(0);
    expect(readSummary(join(m.cwd, 'b')).counts).toMatchObject({ created: 0, existing: 6 });
    expect(
      // creates run concurrently: the store holds them in the order they landed
      [...countByName(m.stored()).entries()]
        .filter(([n]) => n.startsWith('Contact '))
        .sort(([a], [b]) => a.localeCompare(b)),
    ).toEqual([1, 2, 3, 4, 5, 6].map((i) => [`Contact ${i}`, 1]));

    // export --sandbox takes the account the same way: the kept records, with the new contacts.
    const exported = await m.run(['export', '--sandbox', '--out', 'e.csv', '--quiet']);
    expect(exported.code).toBe(0);
    const names = readReport(join(m.cwd, 'e.csv')).map((r) => r.FullName);
    for (let i = 1; i <= 6; i += 1) expect(names).toContain(`Contact ${i}`);

    const reset = await m.run(['sandbox', '--reset']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`The sandbox's records in ${m.file} were emptied`);
    expect(existsSync(m.file)).toBe(false);
    const again = await m.run(['sandbox', '--reset']);
    expect(again.stdout).toContain('there was nothing to empty');

    const third = await m.run(['import', csv, '--sandbox', '--out', 'c', ...FAST]);
    expect(readSummary(join(m.cwd, 'c')).counts).toMatchObject({ created: 6, existing: 0 });
    expect(third.code).toBe(0);
  });

  it('a --sandbox run stopped by the daily limit resumes where it stopped, each row once', async () => {
    const m = machine();
    const csv = writeContactsCsv(m.cwd, 8);
    const stopped = await m.run([
      'import',
      csv,
      '--sandbox',
      '--out',
      'r',
      '--daily-write-limit',
      '3',
      ...FAST,
    ]);
    expect(stopped.code).toBe(3);
    expect(stopped.stdout).toContain('npx nexudus-import import --resume r');
    expect(stopped.stdout).not.toContain('ended with it');

    const resumed = await m.run(['import', '--resume', 'r', '--daily-write-limit', '100']);
    expect(resumed.code).toBe(0);
    expect(readSummary(join(m.cwd, 'r')).counts).toMatchObject({ created: 8, failed: 0 });
    const counts = countByName(m.stored());
    for (let i = 1; i <= 8; i += 1) expect(counts.get(`Contact ${i}`)).toBe(1);
  });

  it('undo of a --sandbox run deletes the contacts it created and nothing else', async () => {
    const m = machine();
    const csv = writeContactsCsv(m.cwd, 5);
    const before = (await m.run(['import', csv, '--sandbox', '--out', 'i', ...FAST])).stdout;
    expect(before).toMatch(/To take it back: npx nexudus-import undo i\n/);
    const created = readReport(join(m.cwd, 'i', 'created.csv'));
    expect(created).toHaveLength(5);
    const withImport = m.stored().length;

    const both = await m.run([
      'undo',
      'i',
      '--yes',
      '--sandbox',
      '--base-url',
      'http://127.0.0.1:9',
    ]);
    expect(both).toMatchObject({ code: 2 });
    expect(both.stderr.trim()).toBe(
      '--sandbox and --base-url cannot be used together: choose one.',
    );
    const undo = await m.run(['undo', 'i', '--yes', ...FAST]);
    expect(undo.code).toBe(0);
    const folder = readdirSync(join(m.cwd, 'i')).find((f) => f.startsWith('undo-')) ?? '';
    const summary = JSON.parse(readFileSync(join(m.cwd, 'i', folder, 'summary.json'), 'utf8')) as {
      counts: Record<string, number>;
    };
    expect(summary.counts).toMatchObject({ deleted: 5, failed: 0 });
    const left = m.stored();
    expect(left).toHaveLength(withImport - 5);
    expect(left.filter((r) => String(r.FullName).startsWith('Contact '))).toEqual([]);
  });

  it('a second process on the same data file is refused with one sentence, nothing sent', async () => {
    const m = machine();
    const csv = writeContactsCsv(m.cwd, 2);
    const held = await startSandboxOnData(m.file, { port: 0 });
    try {
      const refused = await m.run(['import', csv, '--sandbox', '--out', 'x', ...FAST]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        `The sandbox's records in ${m.file} are in use by another nexudus-import (pid ${process.pid}); wait for it to finish, then run this again.`,
      );
      expect(existsSync(join(m.cwd, 'x'))).toBe(false);
      const reset = await m.run(['sandbox', '--reset']);
      expect(reset.code).toBe(2);
    } finally {
      await held.close();
    }
    expect((await m.run(['import', csv, '--sandbox', '--out', 'y', ...FAST])).code).toBe(0);
  });

  it('a damaged data file stops the run with one sentence that says how to empty it', async () => {
    const m = machine();
    const csv = writeContactsCsv(m.cwd, 1);
    await m.run(['sandbox', '--reset']);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(m.file, '..'), { recursive: true });
    writeFileSync(m.file, '{ not json');
    const run = await m.run(['import', csv, '--sandbox', '--out', 'd', ...FAST]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `The sandbox data file ${m.file} is not valid JSON: empty it with nexudus-import sandbox --reset, or move it away.`,
    );
  });
});

describe('sandboxDataFile', () => {
  const home = '/home/ada';
  it('follows XDG_DATA_HOME when it is absolute, else ~/.local/share', () => {
    expect(sandboxDataFile({ XDG_DATA_HOME: '/data' }, 'linux', home)).toBe(
      '/data/nexudus-import/sandbox.json',
    );
    expect(sandboxDataFile({ XDG_DATA_HOME: 'relative' }, 'linux', home)).toBe(
      '/home/ada/.local/share/nexudus-import/sandbox.json',
    );
    expect(sandboxDataFile({}, 'darwin', home)).toBe(
      '/home/ada/.local/share/nexudus-import/sandbox.json',
    );
  });

  it.runIf(process.platform === 'win32')('uses %LOCALAPPDATA% on Windows', () => {
    expect(sandboxDataFile({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', home)).toBe(
      'C:\\Users\\ada\\AppData\\Local\\nexudus-import\\sandbox.json',
    );
  });
});
