import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { readSummary, runCli, tempDir } from './helpers/run.js';

let cwd: string;
beforeEach(() => {
  cwd = tempDir();
});

const SEMICOLON_CSV =
  'Contract;Name;Email;AML Open Sanctions Score\r\n7101;Ann Lee;ann@;0,5\r\n7101;Bob Ray;bob@example.com;1,25\r\n';

describe('the results folder', () => {
  it('is private: folder 0700, every file 0600, errors.xlsx included', async () => {
    writeFileSync(join(cwd, 'c.csv'), SEMICOLON_CSV);
    const run = await runCli(['validate', 'c.csv', '--out', 'r'], { cwd });
    expect(run.code).toBe(1);
    const dir = join(cwd, 'r');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(
      ['created.csv', 'errors.csv', 'errors.xlsx', 'import.log', 'run.json', 'summary.json'].sort(),
    );
    for (const file of files) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
  });

  it('writes CSV reports with a BOM, the source delimiter and CRLF', async () => {
    writeFileSync(join(cwd, 'c.csv'), SEMICOLON_CSV);
    await runCli(['validate', 'c.csv', '--out', 'r'], { cwd });
    const errors = readFileSync(join(cwd, 'r', 'errors.csv'), 'utf8');
    expect(errors).toBe(
      '\uFEFFRow;Contract;Name;Email;AML Open Sanctions Score;Errors\r\n2;7101;Ann Lee;ann@;0,5;Email: is not a valid email address\r\n',
    );
    const created = readFileSync(join(cwd, 'r', 'created.csv'), 'utf8');
    expect(created).toBe('\uFEFFRow;Contract;Name;Email;AML Open Sanctions Score;Id;Result\r\n');
  });

  it('uses a comma for an XLSX source', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Contacts');
    sheet.addRow(['Contract', 'Name', 'Email']);
    sheet.addRow([7101, 'Ann Lee', 'ann@']);
    await book.xlsx.writeFile(join(cwd, 'c.xlsx'));
    await runCli(['validate', 'c.xlsx', '--out', 'r'], { cwd });
    expect(readFileSync(join(cwd, 'r', 'errors.csv'), 'utf8')).toBe(
      '\uFEFFRow,Contract,Name,Email,Errors\r\n2,7101,Ann Lee,ann@,Email: is not a valid email address\r\n',
    );
  });

  it('holds summary.json and run.json as SPEC describes them', async () => {
    writeFileSync(join(cwd, 'c.csv'), SEMICOLON_CSV);
    await runCli(['validate', 'c.csv', '--out', 'r'], { cwd });
    const summary = readSummary(join(cwd, 'r'));
    expect(summary).toMatchObject({
      file: join(cwd, 'c.csv'),
      dryRun: true,
      counts: { rows: 2, created: 0, existing: 0, failed: 1, blank: 0, notAttempted: 1 },
      writesUsed: 0,
      throttled: 0,
      retries: 0,
      exitCode: 1,
    });
    expect(typeof summary.seconds).toBe('number');
    expect(Date.parse(summary.finished)).toBeGreaterThanOrEqual(Date.parse(summary.started));
    const run = JSON.parse(readFileSync(join(cwd, 'r', 'run.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(run).toMatchObject({ source: join(cwd, 'c.csv') });
    expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.version).toEqual(expect.any(String));
    expect(run.options).toEqual(expect.any(Object));
  });

  it('refuses an existing folder that is not empty, with exit 2 and one sentence', async () => {
    writeFileSync(join(cwd, 'c.csv'), SEMICOLON_CSV);
    mkdirSync(join(cwd, 'r'));
    writeFileSync(join(cwd, 'r', 'keep.txt'), 'mine');
    const run = await runCli(['validate', 'c.csv', '--out', 'r'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists and is not empty/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(join(cwd, 'r'))).toEqual(['keep.txt']);
  });

  it('accepts an existing empty folder', async () => {
    writeFileSync(join(cwd, 'c.csv'), SEMICOLON_CSV);
    mkdirSync(join(cwd, 'r'));
    const run = await runCli(['validate', 'c.csv', '--out', 'r'], { cwd });
    expect(run.code).toBe(1);
  });

  it('says plainly when --out cannot be created (a usage mistake, not a bug)', async () => {
    writeFileSync(join(cwd, 'c.csv'), SEMICOLON_CSV);
    writeFileSync(join(cwd, 'afile'), '');
    const run = await runCli(['validate', 'c.csv', '--out', 'afile/r'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot be created .*choose another --out/);
    expect(run.stderr).not.toMatch(/bug|\n\s+at /);
  });
});
