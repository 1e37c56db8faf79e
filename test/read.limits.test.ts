import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../src/read/index.js';
import { allRows, expectImportError, handXlsx, tempFolder } from './readHelpers.js';

/** Every row of the file, as the check pass reads it (opening it included). */
const readAll = (path: string) => openSource(path).then(allRows);

/*
 * A spreadsheet's limits (SPEC "Reading", "Limits"): a file past them is refused with one
 * sentence (exit 2) before anything is sent, in time and memory that stay small. The bigger
 * hostile files are timed in the benchmark (`npm run bench`), not here.
 */

const temp = tempFolder('read-limits');
afterAll(() => temp.cleanup());

const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER = `<row r="1">${inline('A1', 'FullName')}${inline('B1', 'Email')}</row>`;
const book = (rows: string, extra: Parameters<typeof handXlsx>[0] = { sheets: [] }) =>
  handXlsx({ ...extra, sheets: [{ name: 'S', rows: HEADER + rows }] });

describe('CSV', () => {
  it('refuses a NUL byte anywhere, naming its row, though the first 64 KB are clean', async () => {
    const rows = 'Ann,ann@example.com\n'.repeat(5_000); // ~100 KB, rows 2..5001
    const path = temp.file('nul.csv', `FullName,Email\n${rows}Bo\u0000b,bo@example.com\n`);
    const table = await openSource(path);
    await expectImportError(allRows(table), 'corrupt-file', 'NUL character');
    await expectImportError(allRows(table), 'corrupt-file', 'in row 5002');
  });

  it('refuses a cell past 32,767 characters', async () => {
    const path = temp.file('long.csv', `FullName,Notes\nAnn,${'x'.repeat(32_768)}\n`);
    await expectImportError(
      readAll(path),
      'too-large',
      'a cell in row 2 longer than 32,767 characters',
    );
  });

  it('reads a cell of exactly 32,767 characters', async () => {
    const path = temp.file('max.csv', `FullName,Notes\nAnn,${'x'.repeat(32_767)}\n`);
    const rows = await readAll(path);
    expect(rows[0]?.cells[1]).toHaveLength(32_767);
  });
});

describe('XLSX', () => {
  it('refuses a cell reference past column XFD at once (r="AAAAAAA2")', async () => {
    const path = temp.file('far.xlsx', book(`<row r="2">${inline('AAAAAAA2', 'x')}</row>`));
    await expectImportError(readAll(path), 'too-large', 'past column XFD');
  });

  it('reads a cell in column XFD, as an extra cell of its row', async () => {
    const rows = `<row r="2">${inline('A2', 'Ann')}${inline('XFD2', 'far')}</row>`;
    const read = await readAll(temp.file('xfd.xlsx', book(rows)));
    expect(read).toEqual([
      { row: 2, cells: ['Ann', null], extraCells: [{ column: 16_383, value: 'far' }] },
    ]);
  });

  it('refuses a row past 1,048,576, and a used range that says so before any row', async () => {
    await expectImportError(
      readAll(temp.file('row.xlsx', book(`<row r="1048577">${inline('A1048577', 'x')}</row>`))),
      'too-large',
      'rows past row 1,048,576',
    );
    // A worksheet whose <dimension> claims 2.46 million rows is refused by openSource itself.
    const claimed = temp.file(
      'claimed.xlsx',
      handXlsx({
        sheets: [{ name: 'S', before: '<dimension ref="A1:B2460000"/>', rows: HEADER }],
      }),
    );
    await expectImportError(openSource(claimed), 'too-large', 'rows past row 1,048,576');
  });

  it('refuses an inline or shared cell past 32,767 characters', async () => {
    const long = 'x'.repeat(32_768);
    await expectImportError(
      readAll(temp.file('inline.xlsx', book(`<row r="2">${inline('A2', long)}</row>`))),
      'too-large',
      'longer than 32,767 characters',
    );
    await expectImportError(
      openSource(
        temp.file(
          'shared.xlsx',
          book('<row r="2"><c r="A2" t="s"><v>0</v></c></row>', {
            sheets: [],
            sharedStrings: [long],
          }),
        ),
      ),
      'too-large',
      'longer than 32,767 characters',
    );
  });

  it('refuses a tag longer than any spreadsheet writes', async () => {
    const rows = `<row r="2"><c r="A2" t="inlineStr" x="${'y'.repeat(100_000)}"><is><t>a</t></is></c></row>`;
    await expectImportError(readAll(temp.file('tag.xlsx', book(rows))), 'too-large', 'XML markup');
  });

  it('reads attributes written with spaces around = (legal XML) as any other', async () => {
    const rows = `<row r = "2"><c r = "B2" t = 's'><v>0</v></c><c r="A2" t="inlineStr"><is><t>Ann</t></is></c></row>`;
    const read = await readAll(
      temp.file('spaces.xlsx', book(rows, { sheets: [], sharedStrings: ['ann@example.com'] })),
    );
    expect(read).toEqual([{ row: 2, cells: ['Ann', 'ann@example.com'] }]);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const spaces = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const xml = Buffer.concat([
      Buffer.from(
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
      ),
      spaces,
      Buffer.from(`${HEADER}</sheetData></worksheet>`),
    ]);
    const deflated = deflateRawSync(xml);
    const path = temp.file(
      'bomb.xlsx',
      handXlsx({ sheets: [{ name: 'S', rows: HEADER, zip: { deflated, size: xml.length } }] }),
    );
    await expectImportError(openSource(path), 'too-large', 'zip bomb');
  });

  it('refuses an entry whose data is not what its CRC-32 or declared size say', async () => {
    const rows = `<row r="2">${inline('A2', 'Ann')}</row>`;
    // The CRC is known at the end of the entry: the check pass, which reads every row before
    // anything is sent, meets it.
    const crc = handXlsx({ sheets: [{ name: 'S', rows: HEADER + rows, zip: { crc: 1234 } }] });
    const table = await openSource(temp.file('crc.xlsx', crc));
    await expectImportError(allRows(table), 'corrupt-file', 'is damaged');
    const sizes = handXlsx({ sheets: [{ name: 'S', rows: HEADER + rows, zip: { size: 100 } }] });
    await expectImportError(
      openSource(temp.file('size.xlsx', sizes)),
      'corrupt-file',
      'is damaged',
    );
  });
});
