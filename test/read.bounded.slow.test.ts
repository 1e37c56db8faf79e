import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../src/read/index.js';
import { allRows, handXlsx, tempFolder } from './readHelpers.js';

const temp = tempFolder('read-bounded');
afterAll(() => temp.cleanup());

const EMPTY_ROWS = 1_000_000;

/** Peak RSS (MB) and rows of a separate process reading `path` as the importer does. */
function readPeak(path: string): { rows: number; seconds: number; maxRssMB: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/read-peak.ts', path], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as { rows: number; seconds: number; maxRssMB: number };
}

describe('a million empty rows after the data', () => {
  it('XLSX: formatted but empty rows are skipped in bounded time and memory', async () => {
    // What Excel leaves after formatting whole rows: <row> elements with styled, valueless cells.
    const data =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>FullName</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>' +
      [2, 3, 4]
        .map(
          (r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Person ${r}</t></is></c></row>`,
        )
        .join('');
    const empty: string[] = [];
    for (let r = 5; r < 5 + EMPTY_ROWS; r++) {
      empty.push(
        `<row r="${r}" spans="1:2" s="1" customFormat="1"><c r="A${r}" s="1"/><c r="B${r}" s="1"/></row>`,
      );
    }
    const path = temp.file(
      'empty-rows.xlsx',
      handXlsx({ sheets: [{ name: 'S', rows: data + empty.join('') }], numFmtIds: [0, 0] }),
    );
    empty.length = 0;
    const started = performance.now();
    const rows = await allRows(await openSource(path));
    const seconds = (performance.now() - started) / 1000;
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(seconds).toBeLessThan(30);
    const peak = readPeak(path);
    expect(peak.rows).toBe(3);
    // node + tsx alone is ~85 MB here; a reader holding the rows would need hundreds more.
    expect(peak.maxRssMB).toBeLessThan(200);
  });

  it('CSV: a million blank lines (",,,") are skipped in bounded time and memory', async () => {
    const path = temp.file(
      'blank-lines.csv',
      `FullName,Email,Notes\r\nAnn,a@x.io,\r\n${',,\r\n'.repeat(EMPTY_ROWS)}Bob,b@x.io,\r\n`,
    );
    const rows = await allRows(await openSource(path));
    expect(rows.map((r) => r.row)).toEqual([2, EMPTY_ROWS + 3]);
    const peak = readPeak(path);
    expect(peak.rows).toBe(2);
    expect(peak.maxRssMB).toBeLessThan(200);
  });
});
