import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../src/read/index.js';
import { HOSTILE_FILES, writeHostileFiles } from '../scripts/hostile-files.js';
import { allRows, expectImportError, tempFolder } from './readHelpers.js';

/*
 * The crafted files of issue 11 (scripts/hostile-files.ts), at a tenth of their size: each is
 * refused with `too-large`, or read to its end. Their time and memory at full size are the
 * benchmark's "hostile" rows (`npm run bench -- --only hostile`), not asserted here.
 */

const temp = tempFolder('read-hostile');
let paths: Map<string, string>;
beforeAll(async () => {
  paths = await writeHostileFiles(temp.dir, 10);
}, 120_000);
afterAll(() => temp.cleanup());

describe('hostile XLSX files', () => {
  it.each(HOSTILE_FILES.filter((f) => f.expect === 'too-large').map((f) => [f.name, f.what]))(
    '%s (%s) is refused with one sentence',
    async (name) => {
      const path = paths.get(name) ?? '';
      await expectImportError(openSource(path).then(allRows), 'too-large', name);
    },
  );

  it('reads 10,000 rows with a cell in column XFD, each holding one extra cell', async () => {
    const rows = await allRows(await openSource(paths.get('xfd-rows.xlsx') ?? ''));
    expect(rows).toHaveLength(10_000);
    expect(
      rows.every((r) => r.extraCells?.length === 1 && r.extraCells[0]?.column === 16_383),
    ).toBe(true);
  });
});
