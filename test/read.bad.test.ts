import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { ImportErrorCode } from '../src/errors.js';
import { openSource } from '../src/read/index.js';
import type { ReadOptions } from '../src/read/index.js';
import {
  allRows,
  expectImportError,
  handXlsx,
  ole2Bytes,
  tempFolder,
  zipBytes,
} from './readHelpers.js';

const temp = tempFolder('read-bad');
afterAll(() => temp.cleanup());
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/read/${name}`, import.meta.url));

const goodXlsx = handXlsx({
  sheets: [
    {
      name: 'Contacts',
      rows: Array.from(
        { length: 200 },
        (_, i) =>
          `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${i === 0 ? 'FullName' : `Person ${i}`}</t></is></c></row>`,
      ).join(''),
    },
  ],
});

interface BadCase {
  readonly name: string;
  /** Returns the path to open. */
  readonly file: () => string | Promise<string>;
  readonly options?: ReadOptions;
  readonly code: ImportErrorCode;
  readonly fragment: string;
  /** The error comes from rows(), after the header was read. */
  readonly whileReading?: boolean;
}

const CASES: readonly BadCase[] = [
  {
    name: 'a missing file',
    file: () => `${temp.dir}/nope.csv`,
    code: 'file-not-found',
    fragment: 'nope.csv does not exist',
  },
  {
    name: 'a folder',
    file: () => temp.dir,
    code: 'file-not-found',
    fragment: 'is a folder, not a file',
  },
  {
    name: 'a Numbers document saved as a package (folder)',
    file: () => {
      mkdirSync(`${temp.dir}/Contacts.numbers`, { recursive: true });
      temp.file('Contacts.numbers/Index.zip', zipBytes([{ name: 'Document.iwa', data: 'x' }]));
      return `${temp.dir}/Contacts.numbers`;
    },
    code: 'unsupported-format',
    fragment: 'Contacts.numbers is an Apple Numbers document',
  },
  {
    name: 'an empty file',
    file: () => temp.file('empty.csv', ''),
    code: 'empty-file',
    fragment: 'empty.csv is empty',
  },
  {
    name: 'only blank lines',
    file: () => fixture('only-blank-lines.csv'),
    code: 'empty-file',
    fragment: 'only blank lines',
  },
  {
    name: 'only a header',
    file: () => fixture('only-header.csv'),
    code: 'empty-file',
    fragment: 'no rows of contacts',
  },
  {
    name: 'an Excel 97-2003 .xls',
    file: () => temp.file('contacts.xls', ole2Bytes('Workbook')),
    code: 'unsupported-format',
    fragment: 'contacts.xls is an Excel 97-2003 workbook (.xls), which nexudus-import cannot read',
  },
  {
    name: 'a password-protected .xlsx (OLE2 EncryptedPackage)',
    file: () => temp.file('locked.xlsx', ole2Bytes('EncryptedPackage')),
    code: 'unsupported-format',
    fragment: 'locked.xlsx is protected with a password',
  },
  {
    name: 'an .xlsb',
    file: () =>
      temp.file(
        'contacts.xlsb',
        zipBytes([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'xl/workbook.bin', data: 'bin' },
        ]),
      ),
    code: 'unsupported-format',
    fragment: 'Excel binary workbook (.xlsb)',
  },
  {
    name: 'an .ods',
    file: () =>
      temp.file(
        'contacts.ods',
        zipBytes([
          { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true },
          { name: 'content.xml', data: '<office:document-content/>' },
        ]),
      ),
    code: 'unsupported-format',
    fragment: 'OpenDocument spreadsheet (.ods)',
  },
  {
    name: 'a .numbers file (zip with Index/)',
    file: () =>
      temp.file(
        'contacts.numbers',
        zipBytes([
          { name: 'Index/Document.iwa', data: 'x' },
          { name: 'Metadata/Properties.plist', data: 'x' },
        ]),
      ),
    code: 'unsupported-format',
    fragment: 'Apple Numbers document',
  },
  {
    name: 'a Word document named .xlsx',
    file: () =>
      temp.file(
        'contacts-docx.xlsx',
        zipBytes([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w:document/>' },
        ]),
      ),
    code: 'unsupported-format',
    fragment: 'is a Word document, not a spreadsheet',
  },
  {
    name: 'a plain zip',
    file: () =>
      temp.file('export.zip', zipBytes([{ name: 'contacts.csv', data: 'FullName\nAnn\n' }])),
    code: 'unsupported-format',
    fragment: 'is a zip archive, not a spreadsheet: unzip it',
  },
  {
    name: 'an "xlsx" that is CSV text',
    file: () => fixture('text-named.xlsx'),
    code: 'unsupported-format',
    fragment:
      'text-named.xlsx is a text file, not the workbook its name says: if it holds comma- or semicolon-separated values, rename it to text-named.csv',
  },
  {
    name: 'an "xlsx" that is neither zip nor text',
    file: () =>
      temp.file(
        'random.xlsx',
        Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      ),
    code: 'unsupported-format',
    fragment: 'holds binary data',
  },
  {
    name: 'a truncated .xlsx (download that did not finish)',
    file: () =>
      temp.file('truncated.xlsx', goodXlsx.subarray(0, Math.floor(goodXlsx.length * 0.6))),
    code: 'corrupt-file',
    fragment: 'truncated.xlsx is damaged or incomplete',
  },
  {
    name: 'an .xlsx whose worksheet data is damaged',
    file: () =>
      temp.file(
        'damaged.xlsx',
        zipBytes([
          {
            name: 'xl/workbook.xml',
            data: '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
          },
          {
            name: 'xl/_rels/workbook.xml.rels',
            data: '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
          },
          {
            name: 'xl/worksheets/sheet1.xml',
            data: '',
            deflated: Buffer.from('this is not deflate data at all, not at all'.repeat(20)),
          },
        ]),
      ),
    code: 'corrupt-file',
    fragment: 'damaged.xlsx is damaged and cannot be read: open it in Excel, save it again',
  },
  {
    name: 'an .xlsx listing a worksheet it does not hold',
    file: () =>
      temp.file(
        'missing-sheet.xlsx',
        zipBytes([
          {
            name: 'xl/workbook.xml',
            data: '<workbook><sheets><sheet name="Gone" sheetId="1" r:id="rId1"/></sheets></workbook>',
          },
          {
            name: 'xl/_rels/workbook.xml.rels',
            data: '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet9.xml"/></Relationships>',
          },
        ]),
      ),
    code: 'corrupt-file',
    fragment: 'lists a worksheet "Gone" that is not inside it',
  },
  {
    name: 'binary data named .csv (NUL bytes)',
    file: () =>
      temp.file(
        'binary.csv',
        Buffer.concat([Buffer.from('FullName,Email\n'), Buffer.from([0, 1, 2, 0, 0, 3, 255, 0])]),
      ),
    code: 'unsupported-format',
    fragment: 'binary.csv is not a text file or a workbook (it holds binary data)',
  },
  {
    name: 'UTF-16 text without a BOM',
    file: () =>
      temp.file('nobom.txt', iconv.encode('FullName\tEmail\r\nAnn\ta@x.io\r\n', 'utf-16le')),
    code: 'unsupported-format',
    fragment: 'UTF-16 text without a byte-order mark: import it with --encoding utf-16le',
  },
  {
    name: 'an HTML page named .xls',
    file: () => fixture('web-page.xls'),
    code: 'unsupported-format',
    fragment: 'web-page.xls is a web page (HTML)',
  },
  {
    name: 'an Excel 2003 XML spreadsheet',
    file: () => fixture('xml-2003.xls'),
    code: 'unsupported-format',
    fragment: 'Excel 2003 XML spreadsheet',
  },
  {
    name: 'a PDF named .csv',
    file: () => temp.file('scan.csv', '%PDF-1.7\n%âãÏÓ\n'),
    code: 'unsupported-format',
    fragment: 'scan.csv is a PDF document',
  },
  {
    name: 'a PNG named .csv',
    file: () =>
      temp.file('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
    code: 'unsupported-format',
    fragment: 'photo.csv is an image',
  },
  {
    name: 'a --sheet the workbook does not have',
    file: () => temp.file('sheets.xlsx', goodXlsx),
    options: { sheet: 'Contacs' },
    code: 'unknown-sheet',
    fragment: 'sheets.xlsx has no worksheet named "Contacs"; its worksheets are "Contacts"',
  },
  {
    name: 'duplicate CSV headers',
    file: () => fixture('duplicate-header.csv'),
    code: 'duplicate-header',
    fragment: 'duplicate-header.csv has two columns headed "Email" and "email" (columns B and D)',
  },
  {
    name: 'duplicate XLSX headers',
    file: () =>
      temp.file(
        'dup.xlsx',
        handXlsx({
          sheets: [
            {
              name: 'S',
              rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="C1" t="inlineStr"><is><t>NAME </t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>',
            },
          ],
        }),
      ),
    code: 'duplicate-header',
    fragment:
      'The worksheet "S" of dup.xlsx has two columns headed "Name" and "NAME" (columns A and C)',
  },
  {
    name: 'an unclosed quote',
    file: () => fixture('unclosed-quote.csv'),
    code: 'corrupt-file',
    fragment: 'unclosed-quote.csv has a quote (") that opens in row 3 and is never closed',
    whileReading: true,
  },
  {
    name: 'an unclosed quote far below the header',
    file: () => temp.file('late-quote.csv', `FullName\n${'Ann\n'.repeat(5000)}"Bob\nCid\n`),
    code: 'corrupt-file',
    fragment: 'opens in row 5002',
    whileReading: true,
  },
  {
    name: 'an empty worksheet',
    file: () =>
      temp.file(
        'blank.xlsx',
        handXlsx({ sheets: [{ name: 'Blank', rows: '<row r="1"><c r="A1" s="0"/></row>' }] }),
      ),
    code: 'empty-file',
    fragment: 'The worksheet "Blank" of blank.xlsx is empty',
  },
  {
    name: 'a worksheet with only a header',
    file: () =>
      temp.file(
        'header-only.xlsx',
        handXlsx({
          sheets: [
            {
              name: 'S',
              rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>FullName</t></is></c></row>',
            },
          ],
        }),
      ),
    code: 'empty-file',
    fragment: 'has column headers but no rows of contacts',
  },
  {
    name: 'an unknown --encoding (before the file is looked at)',
    file: () => `${temp.dir}/does-not-matter.csv`,
    options: { encoding: 'klingon-8' },
    code: 'usage',
    fragment: '--encoding "klingon-8" is not a text encoding',
  },
  {
    name: 'a --delimiter of two characters',
    file: () => fixture('only-header.csv'),
    options: { delimiter: ';;' },
    code: 'usage',
    fragment: '--delimiter ";;" is not a delimiter',
  },
];

describe('files nexudus-import cannot use', () => {
  it.each(CASES)('$name → $code', async ({ file, options, code, fragment, whileReading }) => {
    const path = await file();
    if (whileReading) {
      const table = await openSource(path, options);
      await expectImportError(allRows(table), code, fragment);
    } else {
      await expectImportError(openSource(path, options), code, fragment);
    }
  });

  it('has at least 20 cases', () => {
    if (CASES.length < 20) throw new Error(`only ${CASES.length} bad cases`);
  });

  it('keeps the library error as the cause, out of the message', async () => {
    const damaged = CASES.find((c) => c.name.includes('worksheet data is damaged'));
    const error = await expectImportError(
      openSource(await damaged!.file()),
      'corrupt-file',
      'damaged.xlsx',
    );
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).not.toContain((error.cause as Error).message);
  });
});
