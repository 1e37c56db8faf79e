import type { ImportError } from '../errors.js';
import {
  CHECK_FILE,
  inflatesTooMuch,
  MAX_CELL_CHARS,
  MAX_SHARED_CHARS,
  MAX_SHARED_STRINGS,
  tooLarge,
} from './limits.js';
import { numberShape, unescapeOoxml } from './xlsxCell.js';
import type { CellContext, NumberShape } from './xlsxCell.js';
import { ownString } from './ownString.js';
import { localName, parseAttributes, XmlScanner } from './xmlScanner.js';
import type { ZipArchive, ZipEntry, ZipText } from './zip.js';

/** A worksheet listed in workbook.xml, in tab order. */
export interface SheetEntry {
  readonly name: string;
  readonly hidden: boolean;
  /** Its XML part in the zip, when the workbook's relationships name one. */
  readonly entry: ZipEntry | undefined;
}

/** What reading any worksheet needs: its list, and the context its cells are read in. */
export interface WorkbookParts {
  readonly sheets: readonly SheetEntry[];
  readonly context: CellContext;
}

/**
 * Reads workbook.xml, its relationships, styles.xml and sharedStrings.xml (in that order, wherever
 * they sit in the zip) and returns the worksheets and the cell context. Shared strings are held in
 * memory: a worksheet refers to them by index, in any order, so a streaming reader must keep them.
 */
export async function readWorkbookParts(zip: ZipArchive, name: string): Promise<WorkbookParts> {
  const parts = zip;
  const read = (entry: ZipEntry | undefined, handler: SaxHandler) =>
    readXml(zip, entry, handler, name);
  const workbook = await readWorkbook(read, parts.get('xl/workbook.xml'));
  const rels = await readRelationships(read, parts.get('xl/_rels/workbook.xml.rels'));
  const partOf = (type: string, fallback: string) => {
    const rel = rels.find((r) => r.type.endsWith(`/${type}`));
    return parts.get(rel ? partName(rel.target) : fallback);
  };
  const formats = await readStyles(read, partOf('styles', 'xl/styles.xml'));
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets = workbook.sheets
    .map((s) => ({ ...s, rel: byId.get(s.rId) }))
    // Chart sheets and dialog sheets are listed too; only worksheets hold cells.
    .filter((s) => !s.rel || s.rel.type.endsWith('/worksheet'))
    .map((s) => ({
      name: s.name,
      hidden: s.hidden,
      entry: s.rel ? parts.get(partName(s.rel.target)) : undefined,
    }));
  // A cell that uses a shared string takes at least 20 bytes of worksheet XML
  // (`<c r="A1" t="s"><v>0</v></c>`): a table with more strings than the worksheets could use
  // is no spreadsheet's, and keeping it would cost memory for nothing.
  const sheetBytes = sheets.reduce((sum, s) => sum + (s.entry?.uncompressedSize ?? 0), 0);
  const strings = await readSharedStrings(
    read,
    partOf('sharedStrings', 'xl/sharedStrings.xml'),
    name,
    Math.min(MAX_SHARED_STRINGS, 10_000 + Math.floor(sheetBytes / 20)),
  );
  const shapes = new Map<number, NumberShape>();
  return {
    sheets,
    context: {
      date1904: workbook.date1904,
      sharedString: (index) => strings[index],
      numberShape(style) {
        let shape = shapes.get(style);
        if (!shape) {
          const id = formats.xfFormats[style];
          shape = numberShape(id === undefined ? undefined : formats.codes.get(id), id);
          shapes.set(style, shape);
        }
        return shape;
      },
    },
  };
}

/** A relationship target of xl/workbook.xml as a part name: relative to xl/, or absolute. */
function partName(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

type SaxHandler = {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  text?(text: string): void;
  close?(name: string): void;
};

type ReadPart = (entry: ZipEntry | undefined, handler: SaxHandler) => Promise<void>;

/**
 * Opens one part of the workbook `name` for reading, refusing it first when its declared size is
 * past the inflate bound (limits.ts): a zip bomb is refused before a byte of it is inflated.
 */
export async function openPart(zip: ZipArchive, entry: ZipEntry, name: string): Promise<ZipText> {
  if (inflatesTooMuch(entry.compressedSize, entry.uncompressedSize)) {
    throw tooLarge(
      `${name} holds a part (${entry.name}) that unpacks to ${Math.round(entry.uncompressedSize / 1e6)} MB from ${Math.max(1, Math.round(entry.compressedSize / 1e3))} KB, far more than any spreadsheet does (a "zip bomb"), so it is not read: ${CHECK_FILE}.`,
    );
  }
  return zip.openText(entry);
}

/** Streams one XML part through the scanner, element names without their prefix. */
async function readXml(
  zip: ZipArchive,
  entry: ZipEntry | undefined,
  handler: SaxHandler,
  name: string,
): Promise<void> {
  if (!entry) return;
  const scanner = new XmlScanner({
    open: (element, raw) => handler.open?.(localName(element), parseAttributes(raw)),
    text: (text) => handler.text?.(text),
    close: (element) => handler.close?.(localName(element)),
  });
  const text = await openPart(zip, entry, name);
  try {
    for await (const chunk of text.stream) scanner.feed(chunk as string);
    scanner.end();
  } finally {
    await text.close();
  }
}

async function readWorkbook(read: ReadPart, entry: ZipEntry | undefined) {
  const sheets: { name: string; hidden: boolean; rId: string }[] = [];
  let date1904 = false;
  await read(entry, {
    open(name, attributes) {
      if (name === 'workbookPr')
        date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name === 'sheet') {
        const rId =
          attributes['r:id'] ??
          Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1] ??
          '';
        const state = attributes.state;
        sheets.push({
          name: attributes.name ?? '',
          hidden: state === 'hidden' || state === 'veryHidden',
          rId,
        });
      }
    },
  });
  return { sheets, date1904 };
}

async function readRelationships(read: ReadPart, entry: ZipEntry | undefined) {
  const rels: { id: string; type: string; target: string }[] = [];
  await read(entry, {
    open(name, attributes) {
      if (name === 'Relationship' && attributes.TargetMode !== 'External') {
        rels.push({
          id: attributes.Id ?? '',
          type: attributes.Type ?? '',
          target: attributes.Target ?? '',
        });
      }
    },
  });
  return rels;
}

/** Number format codes by id, and the number format id of each cell format (`s` of a cell). */
async function readStyles(read: ReadPart, entry: ZipEntry | undefined) {
  const codes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await read(entry, {
    open(name, attributes) {
      if (name === 'numFmt') codes.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return { codes, xfFormats };
}

/**
 * The shared strings as plain text: a rich-text string's runs joined; a phonetic guide (`<rPh>`,
 * Japanese furigana) left out, as Excel shows it. (exceljs's reader keeps the guide instead.)
 */
async function readSharedStrings(
  read: ReadPart,
  entry: ZipEntry | undefined,
  name: string,
  maxStrings: number,
): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let text = '';
  let capture = false;
  let phonetic = false;
  await read(entry, {
    open(element) {
      if (element === 'si') text = '';
      else if (element === 'rPh') phonetic = true;
      else if (element === 't' && !phonetic) capture = true;
    },
    text(value) {
      if (!capture) return;
      text += value;
      // `_xHHHH_` escapes take 7 characters for one: past that, no cell could be this long.
      if (text.length > 7 * MAX_CELL_CHARS) throw longCell(name);
    },
    close(element) {
      if (element === 't') capture = false;
      else if (element === 'rPh') phonetic = false;
      else if (element === 'si') {
        const value = unescapeOoxml(text);
        if (value.length > MAX_CELL_CHARS) throw longCell(name);
        chars += value.length;
        if (strings.length >= maxStrings || chars > MAX_SHARED_CHARS) {
          throw tooLarge(
            `${name} holds more text (${strings.length.toLocaleString('en')} distinct texts) than nexudus-import reads from one workbook: ${CHECK_FILE}.`,
          );
        }
        strings.push(ownString(value));
      }
    },
  });
  return strings;
}

/** A cell longer than any spreadsheet's: the file was not written by one as it is. */
export function longCell(name: string, where = ''): ImportError {
  return tooLarge(
    `${name} has a cell${where} longer than ${MAX_CELL_CHARS.toLocaleString('en')} characters, more than a spreadsheet cell holds: ${CHECK_FILE}.`,
  );
}
