import { numberShape, unescapeOoxml } from './xlsxCell.js';
import type { CellContext, NumberShape } from './xlsxCell.js';
import { ownString } from './ownString.js';
import { localName, parseAttributes, XmlScanner } from './xmlScanner.js';
import { openZipText } from './zip.js';
import type { ZipEntry } from './zip.js';

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

/** A workbook's zip entries, found by part name ignoring case (OPC part names are). */
export class ZipParts {
  private readonly byName = new Map<string, ZipEntry>();
  constructor(entries: readonly ZipEntry[]) {
    for (const entry of entries) this.byName.set(entry.name.toLowerCase(), entry);
  }
  get(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }
}

/**
 * Reads workbook.xml, its relationships, styles.xml and sharedStrings.xml (in that order, wherever
 * they sit in the zip) and returns the worksheets and the cell context. Shared strings are held in
 * memory: a worksheet refers to them by index, in any order, so a streaming reader must keep them.
 */
export async function readWorkbookParts(path: string, parts: ZipParts): Promise<WorkbookParts> {
  const workbook = await readWorkbook(path, parts.get('xl/workbook.xml'));
  const rels = await readRelationships(path, parts.get('xl/_rels/workbook.xml.rels'));
  const partOf = (type: string, fallback: string) => {
    const rel = rels.find((r) => r.type.endsWith(`/${type}`));
    return parts.get(rel ? partName(rel.target) : fallback);
  };
  const formats = await readStyles(path, partOf('styles', 'xl/styles.xml'));
  const strings = await readSharedStrings(path, partOf('sharedStrings', 'xl/sharedStrings.xml'));
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

/** Streams one XML part through the scanner, element names without their prefix. */
export async function readXml(
  path: string,
  entry: ZipEntry | undefined,
  handler: SaxHandler,
): Promise<void> {
  if (!entry) return;
  const scanner = new XmlScanner({
    open: (name, raw) => handler.open?.(localName(name), parseAttributes(raw)),
    text: (text) => handler.text?.(text),
    close: (name) => handler.close?.(localName(name)),
  });
  const text = await openZipText(path, entry);
  try {
    for await (const chunk of text.stream) scanner.feed(chunk as string);
    scanner.end();
  } finally {
    await text.close();
  }
}

async function readWorkbook(path: string, entry: ZipEntry | undefined) {
  const sheets: { name: string; hidden: boolean; rId: string }[] = [];
  let date1904 = false;
  await readXml(path, entry, {
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

async function readRelationships(path: string, entry: ZipEntry | undefined) {
  const rels: { id: string; type: string; target: string }[] = [];
  await readXml(path, entry, {
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
async function readStyles(path: string, entry: ZipEntry | undefined) {
  const codes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await readXml(path, entry, {
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
async function readSharedStrings(path: string, entry: ZipEntry | undefined): Promise<string[]> {
  const strings: string[] = [];
  let text = '';
  let capture = false;
  let phonetic = false;
  await readXml(path, entry, {
    open(name) {
      if (name === 'si') text = '';
      else if (name === 'rPh') phonetic = true;
      else if (name === 't' && !phonetic) capture = true;
    },
    text(value) {
      if (capture) text += value;
    },
    close(name) {
      if (name === 't') capture = false;
      else if (name === 'rPh') phonetic = false;
      else if (name === 'si') strings.push(ownString(unescapeOoxml(text)));
    },
  });
  return strings;
}
