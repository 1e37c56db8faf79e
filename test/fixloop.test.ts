import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { fixCsv, fixXlsx } from './helpers/reports.js';
import { readReport, readSummary, runCli } from './helpers/run.js';
import { SAMPLE_CSV, SAMPLE_FIXES, expectSampleOnce } from './helpers/rows.js';
import { sandboxPerTest } from './helpers/sandbox.js';

const FAST = ['--writes-per-minute', '6000'];

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (s, c) => {
  sandbox = s;
  cwd = c;
  copyFileSync(SAMPLE_CSV, join(cwd, 'contacts.csv'));
});

function env() {
  return { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
}

function run(args: readonly string[]) {
  return runCli(args, { cwd, env: env() });
}

/** Splits a command line as a POSIX shell would (quotes, `'\''`), enough for shellWord's output. */
function shellSplit(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i] ?? '';
    if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      word = (word ?? '') + (line[i + 1] ?? '');
      i += 1;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The summary's last line, run verbatim (without `npx nexudus-import`). */
async function runNext(stdout: string) {
  const last = stdout.trimEnd().split('\n').at(-1)?.trim() ?? '';
  const words = shellSplit(last);
  expect(words.slice(0, 2)).toEqual(['npx', 'nexudus-import']);
  return { command: last, result: await run(words.slice(2)) };
}

/** The results folders made so far, oldest first (their names sort by time). */
function folders(): string[] {
  return readdirSync(join(cwd, 'import-results')).sort();
}

function expectEveryRowOnce(): void {
  expectSampleOnce(sandbox.contacts());
}

/** The first import of the sample: 4 rows fail. */
async function firstImport() {
  const first = await run(['import', 'contacts.csv', '--base-url', sandbox.url, ...FAST]);
  expect(first.code).toBe(1);
  const [dir] = folders();
  if (!dir) throw new Error('no results folder');
  return { first, dir: join('import-results', dir) };
}

async function nextFolder(before: readonly string[]): Promise<string> {
  // folder names have a one-second stamp: the next run must not take the same one
  await new Promise((r) => setTimeout(r, 1100));
  return before.join();
}

describe('import DIR: the printed next command, run verbatim', () => {
  for (const edited of ['errors.xlsx', 'errors.csv'] as const) {
    it(`takes the rows fixed in ${edited} and sends nothing twice`, async () => {
      const { first, dir } = await firstImport();
      expect(first.stdout).toContain(
        'Next: fix the 4 failed rows in errors.xlsx or errors.csv (either), save, then run:',
      );
      const created = sandbox.contacts().length;
      const writes = sandbox.stats().writes;
      if (edited === 'errors.xlsx') await fixXlsx(join(cwd, dir, edited), SAMPLE_FIXES);
      else fixCsv(join(cwd, dir, edited), SAMPLE_FIXES);
      await nextFolder(folders());

      const { command, result } = await runNext(first.stdout);
      expect(command).toBe(`npx nexudus-import import ${dir}`);
      expect(result.stderr).toContain(`Reading the 4 fixed rows of ${join(dir, edited)}`);
      expect(result.code).toBe(0);
      expect(sandbox.contacts().length).toBe(created + 4);
      expect(sandbox.stats().writes).toBe(writes + 4);
      expectEveryRowOnce();
      const second = folders().at(-1) ?? '';
      expect(second).toMatch(/^contacts-\d{8}-\d{6}$/);
      const rows = readReport(join(cwd, 'import-results', second, 'created.csv'));
      expect(rows.map((r) => [r.Row, r.Result]).sort()).toEqual([
        ['10', 'created'],
        ['11', 'created'],
        ['13', 'created'],
        ['7', 'created'],
      ]);
      const record = JSON.parse(
        readFileSync(join(cwd, 'import-results', second, 'run.json'), 'utf8'),
      ) as { continues: string; inputs: { kind: string; path: string }[] };
      expect(record.continues).toBe(join(cwd, dir));
      expect(record.inputs.map((p) => p.kind)).toEqual(['source', 'fixes']);
    });
  }

  it('validate FILE, fix errors.csv, validate DIR, import DIR2: every row once', async () => {
    // validate takes no pace options: the import it leads to runs at the recorded default pace.
    const check = await run(['validate', 'contacts.csv', '--base-url', sandbox.url]);
    expect(check.code).toBe(1);
    const writes = sandbox.stats().writes;
    const [dir] = folders();
    fixCsv(join(cwd, 'import-results', dir ?? '', 'errors.csv'), SAMPLE_FIXES);
    await nextFolder(folders());
    const second = await runNext(check.stdout);
    expect(second.command).toBe(`npx nexudus-import validate import-results/${dir ?? ''}`);
    expect(second.result.stderr).toContain(
      `Reading contacts.csv (8 rows that passed in import-results/${dir ?? ''}) and the 4 fixed rows`,
    );
    expect(second.result.code).toBe(0);
    expect(second.result.stdout).toContain('Every row checks out. To import them:');
    expect(second.result.stdout).toContain(
      `Checked contacts.csv, continuing import-results/${dir ?? ''} (dry run: nothing was written)`,
    );
    await nextFolder(folders());
    const dir2 = folders().at(-1) ?? '';
    const third = await runNext(second.result.stdout);
    expect(third.command).toBe(`npx nexudus-import import import-results/${dir2}`);
    expect(third.result.code).toBe(0);
    expect(sandbox.stats().writes).toBe(writes + 11);
    expectEveryRowOnce();
    const dir3 = folders().at(-1) ?? '';
    const summary = readSummary(join(cwd, 'import-results', dir3));
    expect(summary.counts).toMatchObject({ created: 11, existing: 1, failed: 0 });
    const rows = readReport(join(cwd, 'import-results', dir3, 'created.csv'));
    // in the original's row order, the fixed rows among the others
    expect(rows.map((r) => Number(r.Row))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]);
  });

  it('refuses both files edited, neither, and a run that stopped', async () => {
    const { dir } = await firstImport();
    const neither = await run(['import', dir]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Nothing was fixed');
    fixCsv(join(cwd, dir, 'errors.csv'), SAMPLE_FIXES);
    await fixXlsx(join(cwd, dir, 'errors.xlsx'), SAMPLE_FIXES);
    const both = await run(['import', dir]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      `Both ${join(dir, 'errors.xlsx')} and ${join(dir, 'errors.csv')}`,
    );
    expect(both.stderr).toContain('delete the one you did not mean to use');

    const summary = readSummary(join(cwd, dir));
    writeFileSync(join(cwd, dir, 'summary.json'), JSON.stringify({ ...summary, exitCode: 3 }));
    const stopped = await run(['import', dir]);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain(
      `The run in ${dir} stopped before it finished: carry it on with npx nexudus-import import --resume ${dir}`,
    );
    expect(folders()).toHaveLength(1);
  });

  it('leaves out a failed row whose line was deleted from the errors file, and says so', async () => {
    const { dir } = await firstImport();
    const { 13: _left, ...three } = SAMPLE_FIXES;
    fixCsv(join(cwd, dir, 'errors.csv'), three);
    const path = join(cwd, dir, 'errors.csv');
    const lines = readFileSync(path, 'utf8').split('\r\n');
    writeFileSync(path, lines.filter((l) => !l.startsWith('13,')).join('\r\n'));
    const created = sandbox.contacts().length;
    await nextFolder(folders());
    const again = await run(['import', dir]);
    expect(again.stderr).toContain('The failed row deleted from errors.csv is left out.');
    expect(again.code).toBe(0);
    expect(sandbox.contacts().length).toBe(created + 3);
    expect(sandbox.contacts().some((c) => c.FullName === 'Sofia Rossi')).toBe(false);
  });

  it('a chained run counts the writes of the folder it continues, stops at the daily limit and resumes with every row once', async () => {
    const { dir } = await firstImport();
    const writes = sandbox.stats().writes;
    expect(readSummary(join(cwd, dir)).writesUsed).toBe(7);
    await fixXlsx(join(cwd, dir, 'errors.xlsx'), SAMPLE_FIXES);
    await nextFolder(folders());
    // 9 a day: DIR spent 7 of them an instant ago, so 2 of the 4 fixed rows go now
    const stopped = await run(['import', dir, '--daily-write-limit', '9']);
    expect(stopped.code).toBe(3);
    expect(stopped.stdout.split('\n')[0]).toContain(
      'The daily write limit (9 in 24 hours) is reached',
    );
    expect(sandbox.stats().writes).toBe(writes + 2);
    const dir2 = join('import-results', folders().at(-1) ?? '');
    // the folder's own errors file is gone from DIR: the copy is what the resume reads
    unlinkSync(join(cwd, dir, 'errors.xlsx'));
    const resumed = await run(['import', '--resume', dir2, '--daily-write-limit', '100']);
    expect(resumed.code).toBe(0);
    expectEveryRowOnce();
    expect(readSummary(join(cwd, dir2)).counts).toMatchObject({ rows: 4, created: 4 });
  });

  it('takes errors.xlsx fixed by openpyxl, as Excel would save it', async (context) => {
    try {
      execFileSync('python3', ['-c', 'import openpyxl'], { stdio: 'ignore' });
    } catch {
      context.skip(
        'python3 with openpyxl is not installed: errors.xlsx saved by openpyxl not tried',
      );
    }
    const { first, dir } = await firstImport();
    const script = `
import sys, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
ws = wb.worksheets[0]
head = {c.value: c.column for c in ws[1]}
fixes = {7: ("Email", "katrin.vogel@example.com"), 10: ("ContractContactType", "Nominated recipient"),
         11: ("DateOfBirth", "1981-02-28"), 13: ("CoworkerContractId", "7104")}
for row in ws.iter_rows(min_row=2):
    n = int(row[0].value)
    name, value = fixes[n]
    ws.cell(row=row[0].row, column=head[name]).value = value
wb.save(path)
`;
    execFileSync('python3', ['-c', script, join(cwd, dir, 'errors.xlsx')]);
    const created = sandbox.contacts().length;
    await nextFolder(folders());
    const { result } = await runNext(first.stdout);
    expect(result.code).toBe(0);
    expect(sandbox.contacts().length).toBe(created + 4);
    expectEveryRowOnce();
  });
});
