import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { isBlankCell, readHeader, shapeSparseRow } from './header.js';
import type { ReadProbe } from './probe.js';
import type { CellValue, SourceRow, SourceTable } from './types.js';
import { CHECK_FILE, MAX_ROWS, tooLarge } from './limits.js';
import { longCell, openPart, readWorkbookParts } from './xlsxParts.js';
import type { SheetEntry, WorkbookParts } from './xlsxParts.js';
import { SheetLimitError, SheetParser } from './xlsxSheet.js';
import type { SheetRow } from './xlsxSheet.js';
import { XmlLimitError } from './xmlScanner.js';
import { openZip, type ZipArchive } from './zip.js';

/*
 * Why not exceljs's streaming WorkbookReader: measured here with exceljs 4.4.0 on Node 20, its
 * zip walk (unzipper 0.10.14 Parse through exceljs's iterateStream) DROPS zip entries when the
 * consumer awaits between entries, which it does itself (temp files): the last entry, which is
 * xl/workbook.xml in files exceljs writes and xl/sharedStrings.xml in others, went missing in
 * 17-30 of 300 reads of one small workbook (headers without their text, or a TypeError). It also
 * decodes each chunk of XML with TextDecoder without `stream: true` (a character split between
 * chunks becomes U+FFFD), writes every worksheet to a temp file when it precedes the shared
 * strings (as Excel orders them), and its cell values lose formula errors (NaN) and booleans.
 *
 * So we read the zip ourselves from its central directory (zip.ts: random access, zlib inflate,
 * UTF-8 decoded by the stream), parse the small parts first (xlsxParts.ts), then stream only the
 * one worksheet through a small XML scanner (xmlScanner.ts). exceljs stays our XLSX writer.
 */

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
  const opened = await openWorkbook(path, sheet);
  const { target } = opened;
  let header: SheetRow | undefined;
  let hasData = false;
  try {
    for await (const row of sheetRows(path, opened)) {
      if (isBlankRow(row)) continue;
      if (header) {
        hasData = true;
        break;
      }
      header = row;
    }
  } finally {
    await opened.zip.close();
  }
  const where = `The worksheet "${target.name}" of ${name}`;
  if (!header) {
    throw new ImportError(
      'empty-file',
      `${where} is empty: put the column headers in its first row and one contact per row below${sheet === undefined ? ', or pass --sheet with the worksheet that holds them' : ''}.`,
    );
  }
  const headers = readHeader(dense(header), where);
  if (!hasData) {
    throw new ImportError(
      'empty-file',
      `${where} has column headers but no rows of contacts below them: add the contacts and import it again.`,
    );
  }
  const headerRow = header.row;
  return {
    path,
    format: 'xlsx',
    delimiter: ',',
    sheet: target.name,
    headerRow,
    headers,
    rows: () => dataRows(path, target.name, headerRow, headers.length, probe),
  };
}

async function* dataRows(
  path: string,
  sheet: string,
  headerRow: number,
  width: number,
  probe: ReadProbe | undefined,
): AsyncGenerator<SourceRow, void, void> {
  // Each pass reads the workbook's parts again: the file is the truth, nothing is kept between.
  const opened = await openWorkbook(path, sheet);
  try {
    for await (const row of sheetRows(path, opened, probe)) {
      if (row.row <= headerRow || row.values.length === 0) continue;
      const shaped = shapeSparseRow(row.row, row.columns, row.values, width);
      if (shaped) yield shaped;
    }
  } finally {
    await opened.zip.close();
  }
}

function isBlankRow(row: SheetRow): boolean {
  return row.values.every(isBlankCell);
}

/** The header row's cells as a full array up to its last cell, empty cells as null. */
function dense(row: SheetRow): CellValue[] {
  const cells: CellValue[] = new Array<CellValue>(Math.max(-1, ...row.columns) + 1).fill(null);
  row.columns.forEach((column, k) => (cells[column] = row.values[k] ?? null));
  return cells;
}

/** An opened workbook: its zip (close it), its parts, and the worksheet to read. */
interface OpenedWorkbook {
  readonly zip: ZipArchive;
  readonly book: WorkbookParts;
  readonly target: SheetEntry;
}

async function openWorkbook(path: string, sheet: string | undefined): Promise<OpenedWorkbook> {
  const name = basename(path);
  const zip = await library(name, () => openZip(path));
  try {
    const book = await library(name, () => readWorkbookParts(zip, name));
    return { zip, book, target: chooseSheet(book.sheets, sheet, name) };
  } catch (error) {
    await zip.close();
    throw error;
  }
}

/**
 * The worksheet to read: `--sheet` (matched ignoring case and surrounding spaces, as Excel
 * treats sheet names), else the first VISIBLE worksheet in tab order, the one a person sees
 * first. Chart sheets are no worksheets.
 */
function chooseSheet(
  sheets: readonly SheetEntry[],
  sheet: string | undefined,
  name: string,
): SheetEntry {
  if (sheets.length === 0) {
    throw new ImportError(
      'empty-file',
      `${name} has no worksheets: put the contacts on a worksheet, save it and import it again.`,
    );
  }
  if (sheet === undefined) return sheets.find((s) => !s.hidden) ?? (sheets[0] as SheetEntry);
  const wanted = sheet.trim().toLowerCase();
  const match = sheets.find((s) => s.name.trim().toLowerCase() === wanted);
  if (match) return match;
  throw new ImportError(
    'unknown-sheet',
    `${name} has no worksheet named "${sheet}"; its worksheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}: pass one of those names with --sheet.`,
  );
}

/**
 * The rows of one worksheet, streamed from its zip entry, parsed one chunk of XML at a time:
 * the reader runs ahead of its consumer by one chunk's rows. `</sheetData>` ends the read (the
 * rest is page setup); a `break` upstream closes the file before the loop is left.
 */
async function* sheetRows(
  path: string,
  { zip, book, target }: OpenedWorkbook,
  probe?: ReadProbe,
): AsyncGenerator<SheetRow, void, void> {
  const name = basename(path);
  const { entry } = target;
  if (!entry) {
    throw new ImportError(
      'corrupt-file',
      `${name} lists a worksheet "${target.name}" that is not inside it, so it is damaged: open it in Excel, save it again as .xlsx and import that.`,
    );
  }
  const text = await library(name, () => openPart(zip, entry, name));
  probe?.streamOpened?.(text.stream);
  const chunks = text.stream[Symbol.asyncIterator]() as AsyncIterator<string>;
  const parser = new SheetParser(book.context);
  const out: SheetRow[] = [];
  try {
    while (!parser.done) {
      const next = await library(name, () => chunks.next());
      if (next.done) {
        await library(name, async () => parser.end());
        break;
      }
      await library(name, async () => parser.feed(next.value, out));
      for (const row of out) probe?.rowParsed?.(row.row);
      yield* out;
      out.length = 0;
    }
    // The rest is page setup; it is read through, unparsed, so the zip layer checks the entry's
    // CRC-32 and size: rows of a damaged entry must not pass as the file's (inflating is bounded
    // by the entry's declared size, checked in openPart).
    if (parser.done) await library(name, async () => drain(chunks));
  } finally {
    await text.close();
  }
}

async function drain(chunks: AsyncIterator<string>): Promise<void> {
  while (!(await chunks.next()).done);
}

/**
 * Runs a step of zip or XML reading; a limit it meets is `too-large` (limits.ts), any other
 * failure means the workbook is damaged: `corrupt-file`.
 */
async function library<T>(name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (error instanceof SheetLimitError) throw sheetLimit(name, error);
    if (error instanceof XmlLimitError) {
      throw tooLarge(
        `${name} holds XML markup (${error.message.replace(/^XML has /, '')}) that no spreadsheet program writes, so it is not read: ${CHECK_FILE}.`,
      );
    }
    throw new ImportError(
      'corrupt-file',
      `${name} is damaged and cannot be read: open it in Excel, save it again as .xlsx and import that.`,
      { cause: error },
    );
  }
}

/** The sentence for a worksheet past a spreadsheet's limits. */
function sheetLimit(name: string, error: SheetLimitError): ImportError {
  const where = `row ${error.row.toLocaleString('en')}`;
  switch (error.kind) {
    case 'row':
      return tooLarge(
        `${name} has rows past row ${MAX_ROWS.toLocaleString('en')} (${where}), more than a spreadsheet holds: ${CHECK_FILE}.`,
      );
    case 'column':
      return tooLarge(
        `${name} has a cell in ${where} past column XFD, the last column a spreadsheet has: ${CHECK_FILE}.`,
      );
    case 'cell':
      return longCell(name, ` in ${where}`);
  }
}
