import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { NO_RESULT, openSource } from '../src/read/index.js';
import { openZip } from '../src/read/zip.js';
import { allRows, expectImportError, handXlsx, tempFolder } from './readHelpers.js';

const temp = tempFolder('read-xlsx');
afterAll(() => temp.cleanup());

const utc = (...parts: [number, number, number, number?, number?, number?]) =>
  new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0));

async function zipText(path: string, part: string): Promise<string> {
  const zip = await openZip(path);
  try {
    const entry = zip.get(part);
    if (!entry) throw new Error(`${part} not in ${path}`);
    let text = '';
    const zipped = await zip.openText(entry);
    for await (const chunk of zipped.stream) text += chunk as string;
    await zipped.close();
    return text;
  } finally {
    await zip.close();
  }
}

/** A workbook written by exceljs's NON-streaming writer (the streaming one garbles rich text). */
async function writeWorkbook(
  name: string,
  fill: (workbook: ExcelJS.Workbook) => void,
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  const path = `${temp.dir}/${name}`;
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('XLSX cell values (exceljs Workbook writer)', () => {
  it('reads every kind of cell as SPEC says', async () => {
    const path = await writeWorkbook('kinds.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Contacts');
      sheet.addRow([
        'Text',
        'Number',
        'Date',
        'DateTime',
        'Formula',
        'FormulaText',
        'FormulaDate',
        'FormulaError',
        'FormulaBool',
        'Link',
        'Rich',
        'PostCode',
        'Bool',
        'Error',
        'Empty',
        'Shared',
      ]);
      sheet.addRow([
        'Amélie Durand',
        7101,
        utc(1975, 6, 23),
        utc(2024, 3, 1, 14, 5, 30),
        { formula: 'B2*2', result: 14202 },
        { formula: 'A2&"!"', result: 'Amélie Durand!' },
        { formula: 'C2+1', result: utc(1975, 6, 24) },
        { formula: 'NA()', result: { error: '#N/A' } },
        { formula: 'B2>0', result: true },
        { text: 'amelie@example.com', hyperlink: 'mailto:amelie@example.com' },
        { richText: [{ text: 'Bold', font: { bold: true } }, { text: ' and plain' }] },
        '01234',
        false,
        { error: '#REF!' },
        null,
        { formula: 'B2+1', result: 7102 },
      ]);
      sheet.getCell('C2').numFmt = 'dd/mm/yyyy';
      sheet.getCell('D2').numFmt = 'yyyy-mm-dd hh:mm:ss';
      sheet.getCell('G2').numFmt = 'd mmm yyyy';
      sheet.getCell('P3').value = {
        sharedFormula: 'P2',
        result: 7103,
      } as ExcelJS.CellSharedFormulaValue;
      sheet.getCell('A3').value = 'Second';
    });
    const table = await openSource(path);
    expect(table).toMatchObject({
      format: 'xlsx',
      sheet: 'Contacts',
      delimiter: ',',
      headerRow: 1,
    });
    expect(table.encoding).toBeUndefined();
    expect(table.headers).toHaveLength(16);
    const rows = await allRows(table);
    expect(rows).toEqual([
      {
        row: 2,
        cells: [
          'Amélie Durand',
          7101,
          utc(1975, 6, 23),
          utc(2024, 3, 1, 14, 5, 30),
          14202,
          'Amélie Durand!',
          utc(1975, 6, 24),
          { error: '#N/A' },
          true,
          'amelie@example.com',
          'Bold and plain',
          '01234',
          false,
          { error: '#REF!' },
          null,
          7102,
        ],
      },
      { row: 3, cells: ['Second', ...Array<null>(14).fill(null), 7103] },
    ]);
  });

  it('acceptance: a date, a formula, a hyperlinked email, rich text and a 01234 post code', async () => {
    const path = await writeWorkbook('acceptance.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['FullName', 'DateOfBirth', 'CoworkerContractId', 'Email', 'PostCode']);
      sheet.addRow([
        {
          richText: [
            { text: 'Zoë ', font: { italic: true } },
            { text: 'Ångström', font: { bold: true } },
          ],
        },
        utc(1980, 2, 29),
        { formula: '7100+1', result: 7101 },
        { text: 'zoe@example.com', hyperlink: 'mailto:zoe@example.com' },
        '01234',
      ]);
      sheet.getCell('B2').numFmt = 'mm/dd/yyyy';
    });
    expect(await allRows(await openSource(path))).toEqual([
      { row: 2, cells: ['Zoë Ångström', utc(1980, 2, 29), 7101, 'zoe@example.com', '01234'] },
    ]);
  });

  it('reads dates in the 1904 date system as the same wall-clock dates', async () => {
    const when = utc(1975, 6, 23, 10, 30);
    const fill = (date1904: boolean) => (workbook: ExcelJS.Workbook) => {
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('S');
      sheet.addRow(['When']);
      sheet.addRow([when]);
      sheet.getCell('A2').numFmt = 'dd/mm/yyyy hh:mm';
    };
    const path1900 = await writeWorkbook('d1900.xlsx', fill(false));
    const path1904 = await writeWorkbook('d1904.xlsx', fill(true));
    const serial = async (path: string) =>
      /<c r="A2"[^>]*><v>([\d.]+)<\/v>/.exec(await zipText(path, 'xl/worksheets/sheet1.xml'))?.[1];
    expect(await serial(path1900)).toBe('27568.4375');
    expect(await serial(path1904)).toBe('26106.4375'); // 1,462 days fewer: the file really is 1904-based
    for (const path of [path1900, path1904]) {
      expect((await allRows(await openSource(path)))[0]?.cells).toEqual([when]);
    }
  });

  it('numbers rows as the worksheet does and skips blank rows', async () => {
    const path = await writeWorkbook('rows.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.getCell('B3').value = 'FullName';
      sheet.getCell('C3').value = 'Email';
      sheet.getCell('B4').value = 'Ann';
      sheet.getCell('B5').value = '   ';
      sheet.getCell('C7').value = 'b@x.io';
      sheet.getCell('E7').value = 'note beside the table';
      sheet.getCell('B9').style = { font: { bold: true } };
    });
    const table = await openSource(path);
    expect(table.headerRow).toBe(3);
    // Column A is empty, and stays column A: positions are the sheet's.
    expect(table.headers).toEqual(['', 'FullName', 'Email']);
    expect(await allRows(table)).toEqual([
      { row: 4, cells: [null, 'Ann', null] },
      {
        row: 7,
        cells: [null, null, 'b@x.io'],
        extraCells: [{ column: 4, value: 'note beside the table' }],
      },
    ]);
  });

  it('reads the first visible worksheet, or --sheet by name ignoring case', async () => {
    const path = await writeWorkbook('sheets.xlsx', (workbook) => {
      const hidden = workbook.addWorksheet('Hidden');
      hidden.state = 'hidden';
      hidden.addRow(['Secret']);
      hidden.addRow(['x']);
      for (const name of ['Contacts', 'Old contacts']) {
        const sheet = workbook.addWorksheet(name);
        sheet.addRow(['FullName']);
        sheet.addRow([`from ${name}`]);
      }
    });
    const first = await openSource(path);
    expect(first.sheet).toBe('Contacts');
    expect((await allRows(first))[0]?.cells).toEqual(['from Contacts']);
    const named = await openSource(path, { sheet: ' old CONTACTS ' });
    expect(named.sheet).toBe('Old contacts');
    expect((await allRows(named))[0]?.cells).toEqual(['from Old contacts']);
    await expectImportError(
      openSource(path, { sheet: 'Contacs' }),
      'unknown-sheet',
      '"Hidden", "Contacts", "Old contacts"',
    );
  });

  it('never corrupts a character split between two chunks of XML, and reads the same every time', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Amélie Dürand-Œuvre №${i} 東京 😀`);
    const path = await writeWorkbook('many-accents.xlsx', (workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.addRow(['FullName', 'Inline']);
      for (const name of names) sheet.addRow([name, { richText: [{ text: name }] }]);
    });
    const table = await openSource(path);
    for (let pass = 0; pass < 3; pass++) {
      const rows = await allRows(table);
      expect(rows.map((r) => r.cells[0])).toEqual(names);
      expect(rows.map((r) => r.cells[1])).toEqual(names);
    }
  });

  it('reads a workbook named .csv by its content', async () => {
    const path = await writeWorkbook('really-a-workbook.csv', (workbook) => {
      const sheet = workbook.addWorksheet('S');
      sheet.addRow(['FullName']);
      sheet.addRow(['Ann']);
    });
    expect((await openSource(path)).format).toBe('xlsx');
  });
});

describe('XLSX written by other programs (hand-made parts)', () => {
  const book = (rows: string, extra: Partial<Parameters<typeof handXlsx>[0]> = {}) =>
    handXlsx({ sheets: [{ name: 'Data', rows }], ...extra });

  it('reads inline strings, joined rich-text runs without phonetic guides, and _xHHHH_ escapes', async () => {
    const path = temp.file(
      'inline.xlsx',
      book(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="s"><v>0</v></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><r><t>Zoë</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Å</t></r></is></c>' +
          '<c r="B2" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c></row>',
        {
          sharedStrings: [
            'Notes',
            'line one_x000D_\nline two',
            '<r><t>rich </t></r><r><t>shared</t></r>',
          ],
        },
      ),
    );
    const table = await openSource(path);
    expect(table.headers).toEqual(['Name', 'Notes']);
    expect(await allRows(table)).toEqual([
      { row: 2, cells: ['Zoë Å', '東京'] },
      { row: 3, cells: ['line one\r\nline two', 'rich shared'] },
    ]);
  });

  it('types formula results by their t attribute and reads t="d" and boolean cells', async () => {
    const path = temp.file(
      'formulas.xlsx',
      book(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>A</t></is></c><c r="B1" t="inlineStr"><is><t>B</t></is></c><c r="C1" t="inlineStr"><is><t>C</t></is></c><c r="D1" t="inlineStr"><is><t>D</t></is></c><c r="E1" t="inlineStr"><is><t>E</t></is></c></row>' +
          '<row r="2"><c r="A2" t="e"><f>VLOOKUP(1,X:Y,2,0)</f><v>#N/A</v></c><c r="B2" t="b"><f>1=1</f><v>1</v></c>' +
          '<c r="C2" t="str"><f>"0"&amp;"12"</f><v>012</v></c><c r="D2"><f>NOW()</f></c><c r="E2" t="d"><v>2024-02-29T08:15:00</v></c></row>',
      ),
    );
    expect(await allRows(await openSource(path))).toEqual([
      // D2: a formula never calculated has no cached value: a cell error, never a silent blank.
      {
        row: 2,
        cells: [{ error: '#N/A' }, true, '012', { error: NO_RESULT }, utc(2024, 2, 29, 8, 15)],
      },
    ]);
  });

  it('reads built-in and custom date formats, 1904 serials, and numbers under display formats', async () => {
    const path = temp.file(
      'formats.xlsx',
      book(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Builtin</t></is></c><c r="B1" t="inlineStr"><is><t>Custom</t></is></c><c r="C1" t="inlineStr"><is><t>Zip</t></is></c><c r="D1" t="inlineStr"><is><t>Plain</t></is></c><c r="E1" t="inlineStr"><is><t>Money</t></is></c></row>' +
          '<row r="2"><c r="A2" s="1"><v>0</v></c><c r="B2" s="2"><v>0.5</v></c><c r="C2" s="3"><v>1234</v></c><c r="D2"><v>1234.5</v></c><c r="E2" s="4"><v>12</v></c></row>',
        {
          date1904: true,
          numFmtIds: [0, 14, 164, 165, 166],
          numFmts: { 164: 'DD/MM/YYYY [h]:mm', 165: '00000', 166: '[Red]#,##0.00 "days"' },
        },
      ),
    );
    expect(await allRows(await openSource(path))).toEqual([
      {
        row: 2,
        cells: [
          utc(1904, 1, 1),
          utc(1904, 1, 1, 12),
          { number: 1234, format: '00000' },
          1234.5,
          { number: 12, format: '[Red]#,##0.00 "days"' },
        ],
      },
    ]);
  });

  it('reads rows and cells without r attributes, absolute relationship targets, and parts-first zips', async () => {
    const rows =
      '<row><c t="inlineStr"><is><t>Name</t></is></c><c t="inlineStr"><is><t>Email</t></is></c></row><row><c><v>1</v></c><c t="inlineStr"><is><t>a@x.io</t></is></c></row>';
    for (const [i, extra] of [
      { absoluteTargets: true },
      { order: 'parts-first' as const },
      {},
    ].entries()) {
      const path = temp.file(
        `variants-${i}.xlsx`,
        handXlsx({
          sheets: [
            { name: 'Other', rows: '<row r="1"><c r="A1"><v>9</v></c></row>' },
            { name: 'Contacts', rows },
          ],
          ...extra,
        }),
      );
      const table = await openSource(path, { sheet: 'contacts' });
      expect(table).toMatchObject({ sheet: 'Contacts', headers: ['Name', 'Email'] });
      expect(await allRows(table)).toEqual([{ row: 2, cells: [1, 'a@x.io'] }]);
    }
  });

  it('reads workbooks whose elements carry a namespace prefix (x:row), as the Open XML SDK writes them', async () => {
    const path = temp.file(
      'prefixed.xlsx',
      book(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Ann</t></is></c></row>',
        {
          prefixed: true,
          sharedStrings: ['FullName'],
        },
      ),
    );
    const table = await openSource(path);
    expect(table.headers).toEqual(['FullName']);
    expect(await allRows(table)).toEqual([{ row: 2, cells: ['Ann'] }]);
  });

  it("reads a small workbook the same way every time (exceljs's reader dropped zip entries here)", async () => {
    const path = temp.file(
      'small.xlsx',
      book(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>',
        { sharedStrings: ['FullName', 'Ann'] },
      ),
    );
    for (let i = 0; i < 30; i++) {
      const table = await openSource(path);
      expect(table.headers).toEqual(['FullName']);
      expect(await allRows(table)).toEqual([{ row: 2, cells: ['Ann'] }]);
    }
  });

  it('reads a sheet whose first rows are blank and whose header holds numbers and dates', async () => {
    const path = temp.file(
      'header-kinds.xlsx',
      book(
        '<row r="2"><c r="A2" t="inlineStr"><is><t> </t></is></c></row><row r="4"><c r="A4"><v>2024</v></c><c r="B4" t="b"><v>0</v></c><c r="C4" t="inlineStr"><is><t> Name </t></is></c></row><row r="5"><c r="C5" t="inlineStr"><is><t>x</t></is></c></row>',
      ),
    );
    const table = await openSource(path);
    expect(table).toMatchObject({ headerRow: 4, headers: ['2024', 'FALSE', 'Name'] });
  });
});
