import { createReadStream, ReadStream } from 'node:fs';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import parseSax from 'exceljs/lib/utils/parse-sax.js';
import type { SaxEvent } from 'exceljs/lib/utils/parse-sax.js';
import { ImportError } from '../errors.js';
import { readHeader, shapeRow } from './header.js';
import type { ReadProbe } from './probe.js';
import type { CellValue, SourceRow, SourceTable } from './types.js';
import { numberShape, sharedStringText } from './xlsxCell.js';
import type { CellContext, NumberShape } from './xlsxCell.js';
import { SheetParser } from './xlsxSheet.js';
import type { SheetRow } from './xlsxSheet.js';

/**
 * exceljs's streaming reader: shared strings and styles cached (styles give number formats, so
 * dates are dates), worksheets emitted one at a time. Hyperlinks are not needed: a hyperlinked
 * cell's own value is its displayed text, and `<hyperlinks>` comes after `<sheetData>` anyway, so
 * a streaming reader meets it only once the rows are gone.
 */
const READER_OPTIONS = {
  worksheets: 'emit',
  sharedStrings: 'cache',
  styles: 'cache',
  hyperlinks: 'ignore',
  entries: 'ignore',
} as const;

/** The parts of exceljs 4.4.0's WorkbookReader we use beyond its typings (lib/stream/xlsx). */
interface WorkbookReaderParts {
  parse(input: unknown): AsyncGenerator<{ eventType: string; value: unknown }, void, void>;
  model?: { sheets?: { name: string; rId: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
  styles: {
    getStyleModel(id: number): { numFmt?: unknown } | null;
    model?: { styles?: ({ numFmtId?: number } | undefined)[] };
  };
}

/**
 * A worksheet as WorkbookReader emits it. `id` is the sheet file's number (a string, from
 * `sheetN.xml`) until exceljs matches it to workbook.xml, then the sheetId and `name` is right;
 * it fails to match relationship targets written as absolute paths (`/xl/worksheets/…`).
 * `iterator` is the XML: the zip entry itself, or (when the sheet came before the shared strings
 * in the zip, as Excel and exceljs write them) an fs stream of a temp file exceljs made.
 */
interface WorksheetParts {
  id: number | string;
  name: string;
  iterator: AsyncIterable<unknown>;
}

interface SheetInfo {
  readonly name: string;
  readonly state: string | undefined;
  /** The sheet's XML file inside xl/, e.g. `worksheets/sheet3.xml`. */
  readonly file: string | undefined;
}

/**
 * Opens an XLSX: finds the worksheet (the first visible one, or `sheet`), reads up to its header
 * and first data row, and returns the table; each rows() call streams the workbook again.
 */
export async function openXlsx(
  path: string,
  sheet: string | undefined,
  probe?: ReadProbe,
): Promise<SourceTable> {
  const name = basename(path);
  let sheetName = '';
  let header: SheetRow | undefined;
  let hasData = false;
  for await (const row of sheetRows(path, sheet, undefined, (found) => (sheetName = found))) {
    if (row.cells.length === 0 || row.cells.every(isBlank)) continue;
    if (header) {
      hasData = true;
      break;
    }
    header = row;
  }
  const where = `The worksheet "${sheetName}" of ${name}`;
  if (!header) {
    throw new ImportError(
      'empty-file',
      `${where} is empty: put the column headers in its first row and one contact per row below${sheet === undefined ? ', or pass --sheet with the worksheet that holds them' : ''}.`,
    );
  }
  const headers = readHeader(
    Array.from(header.cells, (c) => c ?? null),
    `${where}`,
  );
  if (!hasData) {
    throw new ImportError(
      'empty-file',
      `${where} has column headers but no rows of contacts below them: add the contacts and import it again.`,
    );
  }
  const width = headers.length;
  return {
    path,
    format: 'xlsx',
    delimiter: ',',
    sheet: sheetName,
    headerRow: header.row,
    headers,
    rows: () => dataRows(path, sheetName, header.row, width, probe),
  };
}

function isBlank(cell: CellValue | undefined): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

async function* dataRows(
  path: string,
  sheet: string,
  headerRow: number,
  width: number,
  probe: ReadProbe | undefined,
): AsyncGenerator<SourceRow, void, void> {
  for await (const row of sheetRows(path, sheet, probe)) {
    if (row.row <= headerRow || row.cells.length === 0) continue;
    const shaped = shapeRow(
      row.row,
      Array.from(row.cells, (c) => c ?? null),
      width,
    );
    if (shaped) yield shaped;
  }
}

/**
 * The rows of one worksheet, streamed. A `break` (return) closes the file. Errors from exceljs,
 * its unzipper or the XML parser mean the workbook is damaged: `corrupt-file`, cause kept.
 */
async function* sheetRows(
  path: string,
  sheet: string | undefined,
  probe: ReadProbe | undefined,
  onSheet?: (name: string) => void,
): AsyncGenerator<SheetRow, void, void> {
  const name = basename(path);
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  probe?.streamOpened?.(stream);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    stream,
    READER_OPTIONS,
  ) as unknown as WorkbookReaderParts;
  const parts = reader.parse(stream);
  let target: SheetInfo | undefined;
  let found = false;
  let finished = false;
  let open: WorksheetParts | undefined;
  try {
    for (;;) {
      const next = await library(name, parts.next());
      if (next.done) break;
      if (next.value.eventType !== 'worksheet') continue;
      const worksheet = next.value.value as WorksheetParts;
      target ??= chooseSheet(reader, worksheet, sheet, name);
      if (found || !isSheet(worksheet, target)) {
        discard(worksheet);
        continue;
      }
      found = true;
      open = worksheet;
      onSheet?.(target.name);
      yield* worksheetRows(worksheet, cellContext(reader), name, probe);
      discard(worksheet);
      open = undefined;
    }
    finished = true;
  } finally {
    if (!finished) await close(parts, open);
    stream.destroy();
  }
  if (!found) {
    if (target) {
      throw new ImportError(
        'corrupt-file',
        `${name} names a worksheet "${target.name}" that is not inside it, so it is damaged: open it in Excel, save it again as .xlsx and import that.`,
      );
    }
    throw new ImportError(
      'empty-file',
      `${name} has no worksheets: put the contacts on a worksheet, save it and import it again.`,
    );
  }
}

/**
 * Stops reading early. When the sheet came from exceljs's temp file, the zip has been read to the
 * end already: running the reader on (skipping the remaining sheets) is cheap and lets it delete
 * its temp files now rather than at exit. Otherwise the zip is still being read: stop it there.
 */
async function close(
  parts: AsyncGenerator<{ eventType: string; value: unknown }, void, void>,
  open: WorksheetParts | undefined,
): Promise<void> {
  const fromTempFile = open?.iterator instanceof ReadStream;
  if (open) discard(open);
  try {
    if (fromTempFile) {
      for (let next = await parts.next(); !next.done; next = await parts.next()) {
        if (next.value.eventType === 'worksheet') discard(next.value.value as WorksheetParts);
      }
    } else {
      await parts.return();
    }
  } catch {
    // Closing after an error or a break: the first error is the one that matters.
  }
}

/** A worksheet we do not read: close its temp-file stream (a zip entry is drained by exceljs). */
function discard(worksheet: WorksheetParts): void {
  if (worksheet.iterator instanceof ReadStream) worksheet.iterator.destroy();
}

async function* worksheetRows(
  worksheet: WorksheetParts,
  context: CellContext,
  name: string,
  probe: ReadProbe | undefined,
): AsyncGenerator<SheetRow, void, void> {
  const events = parseSax(worksheet.iterator);
  const parser = new SheetParser(context);
  const out: SheetRow[] = [];
  try {
    while (!parser.done) {
      const next: IteratorResult<SaxEvent[], void> = await library(name, events.next());
      if (next.done) break;
      parser.feed(next.value, out);
      for (const row of out) probe?.rowParsed?.(row.row);
      yield* out;
      out.length = 0;
    }
  } finally {
    await events.return();
  }
}

/** Awaits a step of exceljs (zip, XML) and turns its failure into a plain `corrupt-file`. */
async function library<T>(name: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    throw new ImportError(
      'corrupt-file',
      `${name} is damaged and cannot be read: open it in Excel, save it again as .xlsx and import that.`,
      { cause: error },
    );
  }
}

/** The workbook's worksheets in tab order, from workbook.xml and its relationships. */
function worksheetsOf(reader: WorkbookReaderParts): SheetInfo[] {
  const rels = new Map((reader.workbookRels ?? []).map((rel) => [rel.Id, sheetFile(rel.Target)]));
  return (reader.model?.sheets ?? [])
    .map((s) => ({ name: s.name, state: s.state, file: rels.get(s.rId) }))
    .filter((s) => s.file === undefined || s.file.startsWith('worksheets/'));
}

/** A relationship target as a path inside xl/: `worksheets/sheet1.xml`, `/xl/worksheets/…`. */
function sheetFile(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  return path.replace(/^xl\//, '');
}

/**
 * The worksheet to read: `--sheet` (matched ignoring case and surrounding spaces, as Excel
 * treats sheet names), else the first VISIBLE worksheet in tab order, the one a person sees first
 * (a chart sheet is no worksheet). Decided when the first worksheet arrives, by which time
 * workbook.xml has been read in every file Excel or exceljs writes.
 */
function chooseSheet(
  reader: WorkbookReaderParts,
  first: WorksheetParts,
  sheet: string | undefined,
  name: string,
): SheetInfo {
  const sheets = worksheetsOf(reader);
  if (sheets.length === 0) return { name: first.name, state: undefined, file: fileOf(first) };
  if (sheet === undefined) {
    return (
      sheets.find((s) => s.state === undefined || s.state === 'visible') ?? (sheets[0] as SheetInfo)
    );
  }
  const wanted = sheet.trim().toLowerCase();
  const match = sheets.find((s) => s.name.trim().toLowerCase() === wanted);
  if (match) return match;
  throw new ImportError(
    'unknown-sheet',
    `${name} has no worksheet named "${sheet}"; its worksheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}: pass one of those names with --sheet.`,
  );
}

function fileOf(worksheet: WorksheetParts): string | undefined {
  return typeof worksheet.id === 'string' ? `worksheets/sheet${worksheet.id}.xml` : undefined;
}

function isSheet(worksheet: WorksheetParts, target: SheetInfo): boolean {
  const file = fileOf(worksheet);
  return file === undefined ? worksheet.name === target.name : file === target.file;
}

/** Shared strings, number formats and the date system, read from the workbook's other parts. */
function cellContext(reader: WorkbookReaderParts): CellContext {
  const shapes = new Map<number, NumberShape>();
  const strings = reader.sharedStrings ?? [];
  const { styles } = reader;
  return {
    date1904: reader.properties?.model?.date1904 === true,
    sharedString: (index) => sharedStringText(strings[index]),
    numberShape(style) {
      let shape = shapes.get(style);
      if (!shape) {
        const numFmt = styles.getStyleModel(style)?.numFmt;
        const id = styles.model?.styles?.[style]?.numFmtId;
        shape = numberShape(typeof numFmt === 'string' ? numFmt : undefined, id);
        shapes.set(style, shape);
      }
      return shape;
    },
  };
}
