/** Helpers for the reader tests: temp files, a tiny zip writer, hand-made XLSX parts. */
import {
  mkdtempSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import { ImportError } from '../src/errors.js';
import type { SourceRow, SourceTable } from '../src/read/index.js';

/** A temp folder for one test file; `cleanup()` in afterAll. */
export function tempFolder(prefix: string): {
  dir: string;
  file(name: string, data: string | Buffer): string;
  cleanup(): void;
} {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `${prefix}-`)));
  return {
    dir,
    file(name, data) {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function allRows(table: SourceTable): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of table.rows()) rows.push(row);
  return rows;
}

/** Asserts that `promise` rejects with an ImportError of `code` whose message holds `fragment`. */
export async function expectImportError(
  promise: Promise<unknown>,
  code: string,
  fragment: string,
): Promise<ImportError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ImportError ${code}`).toBeInstanceOf(ImportError);
  const importError = error as ImportError;
  expect({ code: importError.code, message: importError.message }).toMatchObject({ code });
  expect(importError.message).toContain(fragment);
  // One or two plain sentences: no stack, no library text.
  expect(importError.message).not.toMatch(/\n|\bat \w+ \(|Error:/);
  return importError;
}

export interface ZipPart {
  readonly name: string;
  readonly data: string | Buffer;
  /** Stored uncompressed (ODF's `mimetype` must be). */
  readonly store?: boolean;
  /** Written as-is as the entry's deflated bytes (to make a damaged entry). */
  readonly deflated?: Buffer;
  /** A CRC-32 to declare instead of the data's (a damaged entry). */
  readonly crc?: number;
  /** An uncompressed size to declare instead of the data's (a lying directory). */
  readonly size?: number;
}

/** A zip file's bytes, entries in the order given (readers care about the order). */
export function zipBytes(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data;
    const data = part.deflated ?? (part.store ? raw : deflateRawSync(raw));
    const name = Buffer.from(part.name, 'utf8');
    const crc = part.crc ?? crc32(raw);
    const size = part.size ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(part.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(part.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The first bytes of an OLE2 compound file whose directory names `stream` (e.g. `Workbook`). */
export function ole2Bytes(stream: string): Buffer {
  const bytes = Buffer.alloc(512 * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes, 0);
  bytes.writeUInt16LE(9, 0x1e); // 512-byte sectors
  bytes.writeUInt32LE(0, 0x30); // the directory starts at sector 0
  Buffer.from('Root Entry', 'utf16le').copy(bytes, 512);
  Buffer.from(stream, 'utf16le').copy(bytes, 512 + 128);
  return bytes;
}

export interface HandSheet {
  readonly name: string;
  /** The `<sheetData>` content. */
  readonly rows: string;
  readonly state?: 'hidden' | 'veryHidden';
  /** XML written before `<sheetData>` (`<dimension ref="A1:B9"/>`). */
  readonly before?: string;
  /** What to write into the zip for this sheet's part instead of the honest entry. */
  readonly zip?: Pick<ZipPart, 'crc' | 'size' | 'deflated'>;
}

export interface HandWorkbook {
  readonly sheets: readonly HandSheet[];
  readonly sharedStrings?: readonly string[];
  readonly date1904?: boolean;
  /** `<numFmts>` codes by id (>= 164); cellXfs[i] uses numFmtIds[i]. */
  readonly numFmts?: Readonly<Record<number, string>>;
  readonly numFmtIds?: readonly number[];
  /** Relationship targets as absolute paths (`/xl/worksheets/sheet1.xml`), as openpyxl writes them. */
  readonly absoluteTargets?: boolean;
  /** Zip order: Excel's (sheets before shared strings and styles) or parts first. */
  readonly order?: 'excel' | 'parts-first';
  /** Prefix every element with `x:` as the .NET Open XML SDK does. */
  readonly prefixed?: boolean;
}

/**
 * An XLSX written by hand, for what exceljs's writer cannot produce: inline rich text, missing
 * `r` attributes, formula errors, the 1904 system with known serials, absolute targets.
 */
export function handXlsx(book: HandWorkbook): Buffer {
  const x = book.prefixed ? 'x:' : '';
  const ns = book.prefixed ? `xmlns:x="${MAIN}"` : `xmlns="${MAIN}"`;
  const target = (i: number) =>
    book.absoluteTargets ? `/xl/worksheets/sheet${i + 1}.xml` : `worksheets/sheet${i + 1}.xml`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${x}workbook ${ns} xmlns:r="${R}">${
    book.date1904 ? `<${x}workbookPr date1904="1"/>` : `<${x}workbookPr/>`
  }<${x}sheets>${book.sheets
    .map(
      (s, i) =>
        `<${x}sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
    )
    .join('')}</${x}sheets></${x}workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${book.sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="${target(i)}"/>`)
    .join(
      '',
    )}<Relationship Id="rIdS" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const numFmts = Object.entries(book.numFmts ?? {});
  const ids = book.numFmtIds ?? [0];
  const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">${
    numFmts.length
      ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>`
      : ''
  }<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${ids.length}">${ids
    .map(
      (id) =>
        `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
    )
    .join('')}</cellXfs></styleSheet>`;
  const strings = book.sharedStrings ?? [];
  const shared = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s) =>
      s.startsWith('<') ? `<si>${s}</si>` : `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`,
    )
    .join('')}</sst>`;
  const sheetParts = book.sheets.map((s, i) => ({
    ...s.zip,
    name: `xl/worksheets/sheet${i + 1}.xml`,
    data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${x}worksheet ${ns}>${s.before ?? ''}<${x}sheetData>${
      book.prefixed ? s.rows.replace(/<(\/?)(row|c|v|f|is|t|r)\b/g, `<$1${x}$2`) : s.rows
    }</${x}sheetData></${x}worksheet>`,
  }));
  const types = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const head = [
    { name: '[Content_Types].xml', data: types },
    { name: '_rels/.rels', data: rootRels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
  ];
  const tail = [
    { name: 'xl/styles.xml', data: styles },
    { name: 'xl/sharedStrings.xml', data: shared },
  ];
  return zipBytes(
    book.order === 'parts-first'
      ? [...head, ...tail, ...sheetParts]
      : [...head, ...sheetParts, ...tail],
  );
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** File descriptors this process holds open on `path` (Linux /proc), to see a reader closed it. */
export function openDescriptors(path: string): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) count++;
    } catch {
      // closed while we looked
    }
  }
  return count;
}
