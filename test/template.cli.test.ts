import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/run.js';
import { TEMPLATE_CSV, TEMPLATE_XLSX } from './helpers/template.js';

describe('nexudus-import template', () => {
  it('writes contract-contacts-template.xlsx in the current folder by default: the committed template', async () => {
    const cwd = tempDir();
    const run = await runCli(['template'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/contract-contacts-template\.xlsx/);
    const written = readFileSync(join(cwd, 'contract-contacts-template.xlsx'));
    expect(written.equals(readFileSync(TEMPLATE_XLSX))).toBe(true);
  });

  it('--out FILE.csv writes the CSV template; the extension decides, in any case', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'sub'));
    expect((await runCli(['template', '--out', 'sub/contacts.csv'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'sub', 'contacts.csv'), 'utf8')).toBe(
      readFileSync(TEMPLATE_CSV, 'utf8'),
    );
    expect((await runCli(['template', '--out', 'BIG.XLSX'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'BIG.XLSX')).equals(readFileSync(TEMPLATE_XLSX))).toBe(true);
  });

  it('refuses to overwrite a file: exit 2, one sentence, the file untouched', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'contacts.xlsx'), 'mine');
    const run = await runCli(['template', '--out', 'contacts.xlsx'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/contacts\.xlsx already exists/);
    expect(readFileSync(join(cwd, 'contacts.xlsx'), 'utf8')).toBe('mine');
  });

  it('refuses an extension other than .xlsx or .csv, and a missing folder, with exit 2', async () => {
    const cwd = tempDir();
    for (const out of ['contacts.xls', 'contacts.ods', 'contacts']) {
      const run = await runCli(['template', '--out', out], { cwd });
      expect(run.code, out).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/\.xlsx or \.csv/);
      expect(existsSync(join(cwd, out))).toBe(false);
    }
    const missing = await runCli(['template', '--out', 'nowhere/contacts.xlsx'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
