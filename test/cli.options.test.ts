import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({}, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });

/** An import with these extra options: refused with exit 2, nothing sent, no folder left. */
async function refused(extra: string[]): Promise<string> {
  const file = writeContactsCsv(cwd, 3);
  const result = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'r', ...extra], {
    cwd,
    env: env(),
  });
  expect(result.code).toBe(2);
  expect(sandbox.stats().requests).toBe(0);
  expect(existsSync(join(cwd, 'r'))).toBe(false);
  return result.stderr;
}

describe('option values', () => {
  it('--date-format takes DMY, MDY or YMD in any case, and nothing else', async () => {
    expect(await refused(['--date-format', 'xyz'])).toMatch(/expected DMY, MDY or YMD/);
    const file = writeContactsCsv(cwd, 3);
    const ok = await runCli(['validate', file, '--date-format', 'mdy', '--out', 'v'], { cwd });
    expect(ok.code).toBe(0);
    expect(readSummary(join(cwd, 'v')).options.dateFormat).toBe('MDY');
  });

  it('numbers are whole numbers written in digits, within sense', async () => {
    for (const [option, value] of [
      ['--concurrency', '0x10'],
      ['--concurrency', '1e3'],
      ['--concurrency', '1000'],
      ['--writes-per-minute', ''],
      ['--writes-per-minute', '2.5'],
      ['--daily-write-limit', '-1'],
      ['--request-timeout', '99999'],
    ] as const) {
      expect(await refused([option, value])).toMatch(/expected a whole number/);
    }
  });

  it('--out naming a file is refused before the file is read, and the file is left alone', async () => {
    writeFileSync(join(cwd, 'notes.txt'), 'mine\n');
    const file = writeContactsCsv(cwd, 3);
    const result = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'notes.txt'], {
      cwd,
      env: env(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      '--out notes.txt is a file, not a folder: give --out a folder for the results, one that does not exist yet or is empty.',
    );
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(sandbox.stats().requests).toBe(0);
  });

  it('a file argument of - (standard input) is refused with a sentence saying to name a file', async () => {
    for (const command of ['import', 'validate']) {
      const result = await runCli([command, '-'], { cwd, env: env() });
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(
        'Reading from standard input is not supported: save the data as a .csv or .xlsx file and name that file.',
      );
    }
  });
});

describe('sandbox --port', () => {
  it('a port out of range is refused with exit 2', async () => {
    const result = await runCli(['sandbox', '--port', '99999'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected a whole number from 0 to 65535/);
  });

  it('a port already in use is refused with exit 2 and one sentence, not as a bug', async () => {
    const port = new URL(sandbox.url).port;
    const result = await runCli(['sandbox', '--port', port], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `Port ${port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for any free one.`,
    );
  });
});

/** The options that pace or limit writes: validate sends none, so it takes none of them. */
const PACING = [
  '--concurrency',
  '--writes-per-minute',
  '--requests-per-minute',
  '--requests-per-hour',
  '--daily-write-limit',
  '--request-timeout',
  '--wait-for-quota',
];

/** `nexudus-import <command> --help`, as a user reads it. */
async function help(...command: string[]): Promise<string> {
  const run = await runCli([...command, '--help'], { cwd });
  expect(run.code).toBe(0);
  return run.stdout;
}

/** The options a --help lists (the first flag of each of its option lines). */
const listed = (text: string) =>
  [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] as string);

/** The headings of a --help, in order (a line of its own ending in a colon). */
const headings = (text: string) => text.match(/^[A-Z][A-Za-z ]*:$/gm) ?? [];

/** The commands of the "Examples:" block that ends a --help. */
function examples(text: string): string[] {
  const block = text.split(/^Examples:$/m)[1] ?? '';
  return block.match(/^ {2}nexudus-import .*$/gm)?.map((line) => line.trim()) ?? [];
}

describe('each command shows and takes only its options', () => {
  it('validate --help lists no pace or limit, no --resume and no --dry-run; import --help lists them', async () => {
    const validate = listed(await help('validate'));
    for (const option of [...PACING, '--resume', '--dry-run']) {
      expect(validate).not.toContain(option);
    }
    for (const option of ['--offline', '--sandbox', '--base-url', '--update', '--out']) {
      expect(validate).toContain(option);
    }
    const imported = listed(await help('import'));
    for (const option of [...PACING, '--resume', '--dry-run', '--offline']) {
      expect(imported).toContain(option);
    }
  });

  it('validate refuses a pace option, --resume and --dry-run as unknown (exit 2), before reading the file', async () => {
    const file = writeContactsCsv(cwd, 2);
    for (const extra of [
      ['--concurrency', '3'],
      ['--wait-for-quota'],
      ['--resume', 'r'],
      ['--dry-run'],
    ]) {
      const run = await runCli(['validate', ...extra, file], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`unknown option '${extra[0]}'`);
    }
    expect(existsSync(join(cwd, 'import-results'))).toBe(false);
  });
});

describe('--help: options grouped under headings, ending with examples', () => {
  it.each([
    ['import', ['Input:', 'Checking:', 'Account:', 'Pace and limits:', 'Output:', 'Examples:']],
    ['validate', ['Input:', 'Checking:', 'Account:', 'Output:', 'Examples:']],
    ['export', ['Which contacts:', 'Account:', 'Pace and limits:', 'Output:', 'Examples:']],
    ['undo', ['Input:', 'Taking back:', 'Account:', 'Pace and limits:', 'Output:', 'Examples:']],
    ['template', ['Output:', 'Examples:']],
    [
      'sandbox',
      ['Server:', 'Limits it enforces:', 'For tests and benchmarks:', 'Output:', 'Examples:'],
    ],
  ])('%s', async (command, expected) => {
    const text = await help(command);
    // No flat "Options:" list: every option, --help included, sits under its heading.
    expect(headings(text)).toEqual(expected);
    const shown = examples(text);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.length).toBeLessThanOrEqual(3);
    for (const line of shown) expect(line.startsWith(`nexudus-import ${command}`)).toBe(true);
  });

  it('nexudus-import --help lists the commands in the order a user needs them and ends with examples', async () => {
    const text = await help();
    const commands = [...text.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]);
    expect(commands).toEqual([
      'import',
      'validate',
      'template',
      'export',
      'undo',
      'sandbox',
      'help',
    ]);
    expect(examples(text)).toEqual([
      'nexudus-import import samples/contract-contacts.csv --sandbox',
      'nexudus-import validate contacts.xlsx',
      'nexudus-import import import-results/contacts-20261130-101500',
    ]);
  });
});

describe("README's options table", () => {
  it('marks for validate exactly the options validate --help lists, for import those of import', async () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(251); // 250 lines and the final newline
    const section = readme.split('### Options of `import` and `validate`')[1]?.split('###')[0];
    const rows = [...(section ?? '').matchAll(/^\| (`--.*?) +\| ([iv, ]+?) +\|/gm)];
    expect(rows.length).toBeGreaterThan(15);
    const marked = { i: new Set<string>(), v: new Set<string>() };
    for (const [, options, of] of rows) {
      for (const [flag] of (options ?? '').matchAll(/--[\w-]+/g)) {
        for (const command of ['i', 'v'] as const) {
          if (of?.includes(command)) marked[command].add(flag);
        }
      }
    }
    const own = (text: string) => new Set(listed(text).filter((flag) => flag !== '--help'));
    expect(marked.v).toEqual(own(await help('validate')));
    expect(marked.i).toEqual(own(await help('import')));
  });
});
