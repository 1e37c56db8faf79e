import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { openSource } from '../src/read/index.js';
import { CHUNK_SIZE } from '../src/read/decode.js';
import { allRows, expectImportError, tempFolder } from './readHelpers.js';

const temp = tempFolder('read-csv');
afterAll(() => temp.cleanup());

/** Names every encoding we detect can carry, including Windows-1252's Œ and €. */
const ROWS = [
  ['FullName', 'Email', 'Notes'],
  ['Amélie Durand', 'amelie@example.com', 'Paid in €'],
  ['Jürgen Müller', '', 'Œuvre, "best"\nsecond line'],
];

const ENCODINGS = [
  { label: 'UTF-8', encoding: 'utf-8', bom: false, expected: 'utf-8' },
  { label: 'UTF-8 with BOM', encoding: 'utf-8', bom: true, expected: 'utf-8' },
  { label: 'UTF-16LE with BOM', encoding: 'utf-16le', bom: true, expected: 'utf-16le' },
  { label: 'UTF-16BE with BOM', encoding: 'utf-16be', bom: true, expected: 'utf-16be' },
  { label: 'Windows-1252', encoding: 'windows-1252', bom: false, expected: 'windows-1252' },
] as const;
const DELIMITERS = [',', ';', '\t', '|'] as const;
const EOLS = ['\r\n', '\n'] as const;

function csvText(rows: readonly (readonly string[])[], delimiter: string, eol: string): string {
  const quote = (cell: string) =>
    /["\r\n,;\t|]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  return rows.map((row) => row.map(quote).join(delimiter)).join(eol) + eol;
}

function encode(text: string, encoding: string, bom: boolean): Buffer {
  return iconv.encode(text, encoding, { addBOM: bom });
}

describe('good CSV files in every encoding, delimiter and line ending', () => {
  const cases = ENCODINGS.flatMap((e) =>
    DELIMITERS.flatMap((delimiter) => EOLS.map((eol) => ({ ...e, delimiter, eol }))),
  );
  it.each(cases)(
    '$label, delimiter $delimiter, eol $eol',
    async ({ encoding, bom, expected, delimiter, eol }) => {
      const text = csvText(ROWS, delimiter, eol).replace('second line', `second${eol}line`);
      const path = temp.file(
        `good-${encoding}-${bom}-${delimiter.charCodeAt(0)}-${eol.length}.csv`,
        encode(text, encoding, bom),
      );
      const table = await openSource(path);
      expect(table).toMatchObject({
        format: 'csv',
        encoding: expected,
        delimiter,
        headerRow: 1,
        headers: ROWS[0],
      });
      expect(await allRows(table)).toEqual([
        { row: 2, cells: ['Amélie Durand', 'amelie@example.com', 'Paid in €'] },
        { row: 3, cells: ['Jürgen Müller', null, `Œuvre, "best"\nsecond${eol}line`] },
      ]);
    },
  );
});

describe('acceptance', () => {
  it('reads a Windows-1252, semicolon, CRLF file with accented names right', async () => {
    const text =
      'FullName;CityName;Notes\r\nAmélie Dürand;Zürich;Œuvres 12 €\r\nBjörk Guðmundsdóttir;Reykjavík;\r\n';
    const path = temp.file('excel-fr.csv', iconv.encode(text, 'windows-1252'));
    const table = await openSource(path);
    expect(table).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      headers: ['FullName', 'CityName', 'Notes'],
    });
    expect(await allRows(table)).toEqual([
      { row: 2, cells: ['Amélie Dürand', 'Zürich', 'Œuvres 12 €'] },
      { row: 3, cells: ['Björk Guðmundsdóttir', 'Reykjavík', null] },
    ]);
  });

  it('reads UTF-16LE tab-separated text (Excel\'s "Unicode Text") right', async () => {
    const text =
      'FullName\tEmail\tPhoneNumber\r\n李小龍\tbruce@example.com\t+852 1234\r\nZoë Ångström\t\t007\r\n';
    const path = temp.file('unicode-text.txt', iconv.encode(text, 'utf-16le', { addBOM: true }));
    const table = await openSource(path);
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-16le', delimiter: '\t' });
    expect(await allRows(table)).toEqual([
      { row: 2, cells: ['李小龍', 'bruce@example.com', '+852 1234'] },
      { row: 3, cells: ['Zoë Ångström', null, '007'] },
    ]);
  });
});

describe('encoding', () => {
  it('never corrupts a character split across two reads', async () => {
    // 'é' (2 bytes) and '€' (3 bytes) straddle the first chunk boundary, at the end of a cell
    // that follows rows of 999-character cells (a cell holds 32,767 characters at most).
    for (const [char, shift] of [
      ['é', 1],
      ['€', 1],
      ['€', 2],
      ['😀', 3],
    ] as const) {
      const lines = `${'x'.repeat(999)}\n`.repeat(Math.floor((CHUNK_SIZE - 5) / 1000));
      const last = 'y'.repeat(CHUNK_SIZE - 'Name\n'.length - lines.length - shift);
      const path = temp.file(`split-${shift}.csv`, `Name\n${lines}${last}${char}\nnext\n`);
      const rows = await allRows(await openSource(path));
      expect(rows.at(-2)?.cells[0]).toBe(`${last}${char}`);
      expect(rows.at(-1)?.cells[0]).toBe('next');
    }
  });

  it('takes Windows-1252 when a non-UTF-8 byte comes only after megabytes of ASCII', async () => {
    const ascii = 'Someone,someone@example.com\n'.repeat(100_000);
    const path = temp.file(
      'late-1252.csv',
      Buffer.concat([
        Buffer.from(`FullName,Email\n${ascii}`),
        iconv.encode('Zoé,z@example.com\n', 'windows-1252'),
      ]),
    );
    const table = await openSource(path);
    expect(table.encoding).toBe('windows-1252');
    const rows = await allRows(table);
    expect(rows.at(-1)).toEqual({ row: 100_002, cells: ['Zoé', 'z@example.com'] });
  });

  it('obeys --encoding and --delimiter over what it would detect', async () => {
    const path = temp.file('override.csv', 'Name;City\nZoé;Köln\n');
    const table = await openSource(path, { encoding: 'latin1', delimiter: ',' });
    expect(table).toMatchObject({ encoding: 'latin1', delimiter: ',', headers: ['Name;City'] });
    expect(await allRows(table)).toEqual([{ row: 2, cells: ['ZoÃ©;KÃ¶ln'] }]);
    const tab = temp.file('override-tab.csv', 'a\tb;c\n1\t2;3\n');
    expect((await openSource(tab, { delimiter: 'tab' })).headers).toEqual(['a', 'b;c']);
  });
});

describe('rows as a person sees them', () => {
  it('numbers rows from the first line, counts blank lines, skips blank rows, spans count once', async () => {
    const text = '\n,,\nFullName,Email,Notes\n\nAnn,a@x.io,"two\nlines"\n  ,\t, \nBob,b@x.io,\n\n';
    const table = await openSource(temp.file('rows.csv', text));
    expect(table.headerRow).toBe(3);
    expect(await allRows(table)).toEqual([
      { row: 5, cells: ['Ann', 'a@x.io', 'two\nlines'] },
      { row: 7, cells: ['Bob', 'b@x.io', null] },
    ]);
  });

  it('pads short rows with null and keeps non-empty extra cells apart', async () => {
    const text = 'FullName,Email,,\nAnn\nBob,b@x.io,,,\nCid,"Main St, 1",c@x.io,\n';
    const table = await openSource(temp.file('shape.csv', text));
    // Trailing empty header cells are no columns.
    expect(table.headers).toEqual(['FullName', 'Email']);
    expect(await allRows(table)).toEqual([
      { row: 2, cells: ['Ann', null] },
      { row: 3, cells: ['Bob', 'b@x.io'] },
      { row: 4, cells: ['Cid', 'Main St, 1'], extraCells: [{ column: 2, value: 'c@x.io' }] },
    ]);
  });

  it('keeps an empty header between named columns, trims header text, keeps cells as written', async () => {
    const table = await openSource(temp.file('gap.csv', ' FullName ,,Email\n  Ann  , x ,a@x.io\n'));
    expect(table.headers).toEqual(['FullName', '', 'Email']);
    expect(await allRows(table)).toEqual([{ row: 2, cells: ['  Ann  ', ' x ', 'a@x.io'] }]);
  });

  it('reads the file again on every rows() call', async () => {
    const table = await openSource(temp.file('again.csv', 'a\n1\n2\n'));
    const first = await allRows(table);
    expect(await allRows(table)).toEqual(first);
    expect(first).toHaveLength(2);
  });

  it('reads text files by content whatever their name', async () => {
    for (const name of ['contacts.txt', 'contacts.tsv', 'contacts.dat', 'contacts']) {
      const table = await openSource(temp.file(name, 'FullName\tEmail\nAnn\ta@x.io\n'));
      expect(table).toMatchObject({
        format: 'csv',
        delimiter: '\t',
        headers: ['FullName', 'Email'],
      });
    }
  });

  it('reports an unclosed quote found deep in the file from rows(), naming its row', async () => {
    const body = 'Ann,a@x.io\n'.repeat(10_000);
    const table = await openSource(
      temp.file('late-quote.csv', `FullName,Email\n${body}"Zed,z@x.io\nYan,y@x.io\n`),
    );
    let seen = 0;
    await expectImportError(
      (async () => {
        for await (const _row of table.rows()) seen++;
      })(),
      'corrupt-file',
      'opens in row 10002',
    );
    expect(seen).toBe(10_000);
  });
});
