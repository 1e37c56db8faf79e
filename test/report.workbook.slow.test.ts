import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_NOTES } from '../src/report/errorsWorkbook.js';
import { runCli, tempDir } from './helpers/run.js';

describe('errors.xlsx of a file where everything fails', () => {
  it(`fills every wrong cell red, and notes the first ${MAX_NOTES} (memory stays bounded)`, async () => {
    const cwd = tempDir();
    const rows = MAX_NOTES + 5;
    const lines = ['Contract,Name,Email'];
    for (let i = 1; i <= rows; i += 1) lines.push(`7101,Contact ${i},wrong-${i}@`);
    writeFileSync(join(cwd, 'all-wrong.csv'), `${lines.join('\r\n')}\r\n`);
    const run = await runCli(['validate', 'all-wrong.csv', '--out', 'r', '--quiet'], { cwd });
    expect(run.code).toBe(1);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(cwd, 'r', 'errors.xlsx'));
    let red = 0;
    let notes = 0;
    book.worksheets[0]?.eachRow((row) => {
      if (row.number === 1) return;
      const email = row.getCell(4);
      if ((email.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFFC7CE') red += 1;
      if (email.note !== undefined) notes += 1;
    });
    expect(red).toBe(rows);
    expect(notes).toBe(MAX_NOTES);
  }, 120_000);
});
