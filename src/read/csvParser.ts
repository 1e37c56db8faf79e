import { MAX_CELL_CHARS, MAX_COLUMNS } from './limits.js';
import { ownString } from './ownString.js';

/** One CSV record: its row number as a spreadsheet shows it, and its fields as written. */
export interface CsvRecord {
  /** 1 for the first record; a record spanning several lines counts once, a blank line counts. */
  readonly row: number;
  readonly fields: string[];
}

/** Why the text is not CSV we can read; `row` is where the trouble starts. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly kind:
      | 'unclosed-quote' // the file ends inside a quoted cell
      | 'long-quoted-cell' // a quoted cell runs past a cell's length: unclosed, or too long
      | 'cell-too-long'
      | 'too-many-cells'
      | 'nul',
    readonly row: number,
  ) {
    super(`${kind} at row ${row}`);
  }
}

/**
 * A cell longer than a spreadsheet's (32,767 characters) is refused: it is not data a person
 * saved, or it is a quote that never closes, and we stop there instead of reading the rest of
 * the file into one string.
 */
export const MAX_CELL_LENGTH = MAX_CELL_CHARS;
/** Excel's column limit (XFD); a longer record is not a contacts list. */
export const MAX_CELLS = MAX_COLUMNS;

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/**
 * An RFC 4180 parser fed decoded text in chunks of any size. Chosen over papaparse because
 * papaparse's `pause()` in `step` gives no backpressure and its NODE_STREAM_INPUT mode drops
 * `errors` (an unclosed quote swallows the rest of the file; STYLE.md), and because row numbers
 * as a spreadsheet shows them need the parser's own count of records. It is as lenient as Excel:
 * a quote opens a quoted field only at the start of a field; text after a closing quote is kept
 * as written; CRLF, LF and a lone CR (old Mac Excel) all end a record.
 */
export class CsvParser {
  private readonly delimiter: number;
  private fields: string[] = [];
  private field = '';
  private state = FIELD_START;
  /** Whether any character of the current record was read (tells "a" at EOF from nothing). */
  private started = false;
  /** A CR ended the last chunk: a LF starting the next one belongs to it. */
  private skipLf = false;
  private row = 1;
  private quoteRow = 0;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The row the parser is in: where the next character fed belongs. */
  get currentRow(): number {
    return this.row;
  }

  /** Throws `nul` naming this row: a NUL character makes the text unreadable (SPEC "Reading"). */
  nul(): never {
    throw new CsvSyntaxError('nul', this.row);
  }

  /** Parses `text` and appends every record it completes to `out`. */
  feed(text: string, out: CsvRecord[]): void {
    const n = text.length;
    const delimiter = this.delimiter;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (text.charCodeAt(0) === LF) i = 1;
      this.skipLf = false;
    }
    while (i < n) {
      const state = this.state;
      if (state === QUOTED) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          this.checkLength();
          return;
        }
        this.field += text.slice(i, q);
        this.checkLength();
        this.state = QUOTE_IN_QUOTED;
        i = q + 1;
        continue;
      }
      if (state === QUOTE_IN_QUOTED) {
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          this.state = QUOTED;
          i++;
        } else {
          this.state = UNQUOTED;
        }
        continue;
      }
      if (state === FIELD_START && text.charCodeAt(i) === QUOTE) {
        this.state = QUOTED;
        this.started = true;
        this.quoteRow = this.row;
        i++;
        continue;
      }
      let j = i;
      let c = 0;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        j++;
      }
      if (j > i) {
        this.field += text.slice(i, j);
        this.started = true;
        this.state = UNQUOTED;
        this.checkLength();
      }
      if (j === n) return;
      if (c === delimiter) {
        this.fields.push(ownString(this.field));
        if (this.fields.length >= MAX_CELLS) throw new CsvSyntaxError('too-many-cells', this.row);
        this.field = '';
        this.state = FIELD_START;
        this.started = true;
        i = j + 1;
        continue;
      }
      this.endRecord(out);
      if (c === CR) {
        if (j + 1 < n) {
          if (text.charCodeAt(j + 1) === LF) j++;
        } else {
          this.skipLf = true;
        }
      }
      i = j + 1;
    }
  }

  /**
   * Ends the text: appends the last record if it had no line break after it. An open quote at
   * the end of the file throws `unclosed-quote` naming the row where it opened.
   */
  end(out: CsvRecord[]): void {
    if (this.state === QUOTED) throw new CsvSyntaxError('unclosed-quote', this.quoteRow);
    if (this.started) this.endRecord(out);
  }

  private endRecord(out: CsvRecord[]): void {
    this.fields.push(ownString(this.field));
    out.push({ row: this.row, fields: this.fields });
    this.row++;
    this.fields = [];
    this.field = '';
    this.state = FIELD_START;
    this.started = false;
  }

  private checkLength(): void {
    if (this.field.length > MAX_CELL_LENGTH) {
      throw this.state === QUOTED || this.state === QUOTE_IN_QUOTED
        ? new CsvSyntaxError('long-quoted-cell', this.quoteRow)
        : new CsvSyntaxError('cell-too-long', this.row);
    }
  }
}
