import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { CsvParser, CsvSyntaxError } from './csvParser.js';
import type { CsvRecord } from './csvParser.js';
import { decodeFile } from './decode.js';
import { sniffDelimiter } from './delimiter.js';
import { readHeader, shapeRow } from './header.js';
import { CHECK_FILE, MAX_CELL_CHARS, MAX_ROWS, tooLarge } from './limits.js';
import type { ReadProbe } from './probe.js';
import type { CellValue, EncodingBy, SourceRow, SourceTable } from './types.js';

/** Text read to find the header line for delimiter detection, at most. */
const SNIFF_LIMIT = 1024 * 1024;

/** How the CSV is to be read: settled by openSource from the options or the file. */
export interface CsvSettings {
  readonly encoding: string;
  readonly encodingBy: EncodingBy;
  /** Undefined: detect from the header line. */
  readonly delimiter: string | undefined;
}

/**
 * Opens a CSV: detects the delimiter if not given, reads up to the header and the first data
 * row (so an empty or header-only file fails now, not halfway through a run) and returns the
 * table; each rows() call reads the file again.
 */
export async function openCsv(
  path: string,
  settings: CsvSettings,
  probe?: ReadProbe,
): Promise<SourceTable> {
  const name = basename(path);
  const { encoding } = settings;
  const delimiter = settings.delimiter ?? (await detectDelimiter(path, encoding));
  let header: CsvRecord | undefined;
  let hasData = false;
  for await (const record of csvRecords(path, encoding, delimiter)) {
    if (record.fields.every((f) => f.trim() === '')) continue;
    if (header) {
      hasData = true;
      break;
    }
    header = record;
  }
  if (!header) {
    throw new ImportError(
      'empty-file',
      `${name} holds only blank lines: put the column headers in the first row and one contact per row below, then import it again.`,
    );
  }
  const headers = readHeader(toCells(header.fields), name);
  if (!hasData) {
    throw new ImportError(
      'empty-file',
      `${name} has column headers but no rows of contacts below them: add the contacts and import it again.`,
    );
  }
  const headerRow = header.row;
  return {
    path,
    format: 'csv',
    delimiter,
    encoding,
    encodingBy: settings.encodingBy,
    headerRow,
    headers,
    rows: () => dataRows(path, encoding, delimiter, headerRow, headers.length, probe),
  };
}

async function* dataRows(
  path: string,
  encoding: string,
  delimiter: string,
  headerRow: number,
  width: number,
  probe: ReadProbe | undefined,
): AsyncGenerator<SourceRow, void, void> {
  for await (const record of csvRecords(path, encoding, delimiter, probe)) {
    if (record.row <= headerRow) continue;
    const row = shapeRow(record.row, toCells(record.fields), width);
    if (row) yield row;
  }
}

/** CSV cells are strings; an empty one is null, like an empty cell of a workbook. */
function toCells(fields: string[]): CellValue[] {
  // In place: the record's array is the parser's gift to this row alone (no copy a row).
  const cells: CellValue[] = fields;
  for (let i = 0; i < cells.length; i++) if (cells[i] === '') cells[i] = null;
  return cells;
}

/**
 * Every record of the file, blank ones included, parsed from text decoded chunk by chunk. Reading
 * runs ahead of the consumer by at most one chunk's records (CHUNK_SIZE bytes): the next chunk is
 * read only when those are taken.
 *
 * An unclosed quote is a whole-file error (`corrupt-file`, exit 2), not a failed row: from the
 * quote on, the parser cannot tell where that row ends and the next begins, so every later row
 * is lost inside it; reporting one row and carrying on would silently drop the rest. It is
 * thrown when the reader reaches the end of the file (or 32,767 characters into the cell),
 * which the pipeline does while checking, before anything is sent. So are a NUL character
 * anywhere (binary data, or a damaged file: never sent) and a file past a spreadsheet's limits
 * (limits.ts): a cell longer than 32,767 characters, more than 16,384 cells in a row, a row with
 * anything in it past row 1,048,576.
 */
async function* csvRecords(
  path: string,
  encoding: string,
  delimiter: string,
  probe?: ReadProbe,
): AsyncGenerator<CsvRecord, void, void> {
  const parser = new CsvParser(delimiter);
  const out: CsvRecord[] = [];
  const flush = function* () {
    for (const record of out) {
      if (record.row > MAX_ROWS && record.fields.some((f) => f.trim() !== '')) {
        throw tooLarge(
          `${basename(path)} has rows past row ${MAX_ROWS.toLocaleString('en')}, more than a spreadsheet holds: ${CHECK_FILE}.`,
        );
      }
      probe?.rowParsed?.(record.row);
    }
    yield* out;
    out.length = 0;
  };
  try {
    for await (const text of decodeFile(path, encoding, probe)) {
      const nul = text.indexOf('\0');
      if (nul >= 0) {
        parser.feed(text.slice(0, nul), out);
        parser.nul();
      }
      parser.feed(text, out);
      yield* flush();
    }
    parser.end(out);
    yield* flush();
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw syntaxError(basename(path), error);
    throw error;
  }
}

function syntaxError(name: string, error: CsvSyntaxError): ImportError {
  const { row } = error;
  const limit = MAX_CELL_CHARS.toLocaleString('en');
  switch (error.kind) {
    case 'unclosed-quote':
      return corrupt(
        error,
        `${name} has a quote (") that opens in row ${row} and is never closed, so the rows after it cannot be read: fix the quotes in row ${row} (a cell that starts with " must end with ") and import again.`,
      );
    case 'long-quoted-cell':
      return corrupt(
        error,
        `${name} has a quote (") that opens in row ${row} and is not closed within ${limit} characters, the most a spreadsheet cell holds: fix the quotes in row ${row} (a cell that starts with " must end with "), or shorten that cell, and import again.`,
      );
    case 'nul':
      return corrupt(
        error,
        `${name} has a NUL character (a zero byte, which no text holds) in row ${row}, so it is damaged or not all text: open it in Excel and save it again as CSV UTF-8, or check row ${row}, and import again.`,
      );
    case 'cell-too-long':
      return tooLarge(
        `${name} has a cell in row ${row} longer than ${limit} characters, more than a spreadsheet cell holds: ${CHECK_FILE}.`,
      );
    case 'too-many-cells':
      return tooLarge(
        `${name} has more than 16,384 cells in row ${row}, more than a spreadsheet holds: check that it is the right file and that --delimiter is right.`,
      );
  }
}

function corrupt(error: CsvSyntaxError, message: string): ImportError {
  return new ImportError('corrupt-file', message, { cause: error });
}

async function detectDelimiter(path: string, encoding: string): Promise<string> {
  let text = '';
  for await (const chunk of decodeFile(path, encoding)) {
    text += chunk;
    const found = sniffDelimiter(text, false);
    if (found) return found;
    if (text.length > SNIFF_LIMIT) break;
  }
  return sniffDelimiter(text, true) ?? ',';
}
