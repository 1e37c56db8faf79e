/** A cell that a spreadsheet showed as an error (`#N/A`, `#REF!`): a row problem, not a crash. */
export interface CellError {
  readonly error: string;
}

/** The CellError of a formula whose result the file does not hold (see xlsxCell.ts). */
export const NO_RESULT = 'no saved result';

/**
 * A number shown through a number format other than General (`+0`, `00000-0000`, `#,##0`,
 * `[h]:mm:ss`): the value stored and the format code. A text field takes the text Excel shows
 * (read/numberFormat.ts), an Id or number field the value.
 */
export interface FormattedNumber {
  readonly number: number;
  readonly format: string;
}

/**
 * One cell as read. CSV cells are always strings. XLSX cells keep their kind: text, number
 * (plain, or FormattedNumber under a display format), boolean, date (a JS Date whose UTC fields
 * are the wall-clock date and time the sheet shows), an error; formulas give their cached
 * result, hyperlinks their displayed text, rich text its plain text. An empty cell is null.
 */
export type CellValue = string | number | boolean | Date | FormattedNumber | CellError | null;

/** One non-blank data row of the source. */
export interface SourceRow {
  /**
   * The row number a person sees with the file open in a spreadsheet: the first line of the
   * file is row 1 (for CSV a record spanning several lines counts once; blank lines count).
   */
  readonly row: number;
  /** Cells by column position; the same positions as `SourceTable.headers`. */
  readonly cells: readonly CellValue[];
  /**
   * Cells to the right of the last header that show something (an unquoted delimiter inside a
   * value shifts a CSV row right; a note typed beside the table), with their 0-based column,
   * in column order; absent when there are none. `cells` never holds them, so positions stay the
   * header's. Blank cells are left out, so a cell in column XFD costs one entry, not 16,384.
   */
  readonly extraCells?: readonly ExtraCell[];
}

/** A cell beyond the header's width that shows something. */
export interface ExtraCell {
  /** 0-based column (0 = A). */
  readonly column: number;
  readonly value: CellValue;
}

export type SourceFormat = 'csv' | 'xlsx';

/**
 * How a CSV's encoding was settled: `option` (--encoding), `bom`, `utf-8` (the whole file is
 * valid UTF-8), or `text` (a single-byte code page the text leaves no doubt about).
 */
export type EncodingBy = 'option' | 'bom' | 'utf-8' | 'text';

export interface ReadOptions {
  /** XLSX worksheet name; default the first worksheet. */
  sheet?: string;
  /**
   * CSV text encoding (iconv-lite name); default by BOM, else UTF-8 if valid, else the code page
   * the text leaves no doubt about (docs/reading-encodings.md).
   */
  encoding?: string;
  /** CSV delimiter; default detected from the header line among `,` `;` tab `|`. */
  delimiter?: string;
}

/**
 * An opened source: its header is known, its rows can be read as many times as the pipeline
 * needs (each call of rows() reads the file again from the start, as a stream).
 */
export interface SourceTable {
  readonly path: string;
  readonly format: SourceFormat;
  /** The CSV delimiter found or given; ',' for XLSX (what errors.csv uses). */
  readonly delimiter: string;
  /** The CSV encoding found or given; undefined for XLSX. */
  readonly encoding?: string;
  /** How the CSV encoding was settled; undefined for XLSX. */
  readonly encodingBy?: EncodingBy;
  /** The worksheet read, for XLSX. */
  readonly sheet?: string;
  /** Row number of the header row (the first non-empty row). */
  readonly headerRow: number;
  /** Header texts as read (trimmed), by column position. */
  readonly headers: readonly string[];
  /**
   * The data rows after the header, skipping blank rows (their numbers are left out), with
   * bounded read-ahead; breaking out of the loop closes the file.
   */
  rows(): AsyncIterable<SourceRow>;
}
