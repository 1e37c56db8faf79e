import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/errors.js';
import { openSource } from '../src/read/index.js';
import { partsTable } from '../src/read/parts.js';
import { tempDir } from './helpers/run.js';

/** Opens real files as the fix loop does: the original, then an errors file of ours. */
async function table(original: string, errors: string, skip: [number, number][]) {
  const dir = tempDir();
  const source = join(dir, 'contacts.csv');
  const fixed = join(dir, 'errors.csv');
  writeFileSync(source, original);
  writeFileSync(fixed, `\uFEFF${errors}`);
  return partsTable([
    { spec: { path: source, read: {}, skip }, table: await openSource(source, {}) },
    { spec: { path: fixed, read: {}, skip: [] }, table: await openSource(fixed, {}) },
  ]);
}

async function rowsOf(t: Awaited<ReturnType<typeof table>>) {
  const rows = [];
  for await (const row of t.rows()) rows.push([row.row, ...row.cells]);
  return rows;
}

const ORIGINAL =
  'FullName,Email\r\nAda,a@x.io\r\nBob,bad\r\nCy,c@x.io\r\nDee,worse\r\nEve,e@x.io\r\n';

describe('the fix loop reads the original and the fixed errors file as one table', () => {
  it("yields every row in the original's order, a re-sorted errors file's lines among the others", async () => {
    // rows 3 and 5 failed; the person sorted the errors file by name, Z to A
    const t = await table(
      ORIGINAL,
      'Row,FullName,Email,Errors\r\n5,Dee,dee@x.io,Email: bad\r\n3,Bob,bob@x.io,Email: bad\r\n',
      [
        [3, 3],
        [5, 5],
      ],
    );
    expect(t.headers).toEqual(['FullName', 'Email']);
    expect(await rowsOf(t)).toEqual([
      [2, 'Ada', 'a@x.io'],
      [3, 'Bob', 'bob@x.io'],
      [4, 'Cy', 'c@x.io'],
      [5, 'Dee', 'dee@x.io'],
      [6, 'Eve', 'e@x.io'],
    ]);
  });

  it('puts the columns in the original places by header text and takes off only the quote the tool added', async () => {
    const t = await table(
      ORIGINAL,
      "Row,Email,FullName,Errors\r\n3,bob@x.io,'=Bob,FullName: x\r\n",
      [[2, 6]],
    );
    expect(await rowsOf(t)).toEqual([[3, '=Bob', 'bob@x.io']]);
  });

  it('refuses an errors file with a column the original does not have, naming it', async () => {
    const opened = table(ORIGINAL, 'Row,FullName,Email,Phone,Errors\r\n3,Bob,b@x.io,1,E\r\n', [
      [3, 3],
    ]);
    await expect(opened).rejects.toThrow(ImportError);
    await expect(opened).rejects.toThrow(/"Phone" that contacts\.csv does not have/);
  });
});
