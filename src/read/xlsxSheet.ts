import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits.js';
import type { CellValue } from './types.js';
import { cellValue } from './xlsxCell.js';
import type { CellContext, RawCell } from './xlsxCell.js';
import { attribute, localName, readAttributes, XmlScanner } from './xmlScanner.js';
import type { XmlHandler } from './xmlScanner.js';

/**
 * One `<row>` of a worksheet: its own number and its cells holding a value, as two parallel
 * lists (0-based column, value) in the order written, which is column order in every file a
 * spreadsheet program writes.
 */
export interface SheetRow {
  readonly row: number;
  readonly columns: number[];
  readonly values: CellValue[];
}

/** A worksheet past a spreadsheet's limits (limits.ts): the reader refuses the file. */
export class SheetLimitError extends Error {
  override readonly name = 'SheetLimitError';
  constructor(
    readonly kind: 'row' | 'column' | 'cell',
    readonly row: number,
  ) {
    super(`${kind} limit at row ${row}`);
  }
}

/** 0-based column of a cell reference (`B12` → 1), or undefined when there is none. */
export function referenceColumn(reference: string | undefined): number | undefined {
  if (!reference) return undefined;
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return i === 0 ? undefined : column - 1;
}

/** A cell's attributes read: its reference, style and type, in one pass over each `<c>`. */
const CELL_ATTRIBUTES = ['r', 's', 't'];

/**
 * Turns a worksheet's XML, fed in chunks, into its rows: the rows a chunk completes are appended
 * to `out`, so the reader runs ahead of its consumer by one chunk at most. Rows and cells missing
 * their `r` attribute (allowed by the schema, written by some generators) follow the previous
 * one. Rows without any value come out with no cells; the caller skips them cheaply (a sheet
 * whose million formatted rows hold nothing).
 */
export class SheetParser implements XmlHandler {
  private readonly scanner: XmlScanner;
  private out: SheetRow[] = [];
  private inData = false;
  private ended = false;
  private row: number | undefined;
  private lastRow = 0;
  private columns: number[] = [];
  private values: CellValue[] = [];
  private column = -1;
  private cell: RawCell | undefined;
  private capture = false;
  private inInline = false;
  private inPhonetic = false;
  private buffer = '';
  private readonly cellAttributes: (string | undefined)[] = [];

  constructor(private readonly context: CellContext) {
    this.scanner = new XmlScanner(this);
  }

  /** Whether `</sheetData>` was seen: nothing after it is data. */
  get done(): boolean {
    return this.ended;
  }

  feed(chunk: string, out: SheetRow[]): void {
    this.out = out;
    this.scanner.feed(chunk);
  }

  /** The XML ended; throws if it ended inside a tag. */
  end(): void {
    if (!this.ended) this.scanner.end();
  }

  open(qualified: string, raw: string): void {
    if (this.ended) return;
    const name = localName(qualified);
    switch (name) {
      case 'dimension': {
        // The used range, before any row (`A1:XFD2460000`): a range no spreadsheet can hold
        // refuses the file before a row of it is read. (It may be absent or smaller; the rows
        // are checked one by one too.)
        const last = /(\d+)\s*$/.exec(attribute(raw, 'ref') ?? '');
        const rows = last ? Number(last[1]) : 0;
        if (rows > MAX_ROWS) throw new SheetLimitError('row', rows);
        const to = attribute(raw, 'ref')?.split(':').at(-1);
        if ((referenceColumn(to) ?? 0) >= MAX_COLUMNS) throw new SheetLimitError('column', rows);
        break;
      }
      case 'sheetData':
        this.inData = true;
        break;
      case 'row': {
        if (!this.inData) break;
        const r = Number.parseInt(attribute(raw, 'r') ?? '', 10);
        this.row = Number.isFinite(r) ? r : this.lastRow + 1;
        if (this.row > MAX_ROWS) throw new SheetLimitError('row', this.row);
        this.columns = [];
        this.values = [];
        this.column = -1;
        break;
      }
      case 'c': {
        if (this.row === undefined) break;
        const values = readAttributes(raw, CELL_ATTRIBUTES, this.cellAttributes);
        this.column = referenceColumn(values[0]) ?? this.column + 1;
        if (this.column >= MAX_COLUMNS) throw new SheetLimitError('column', this.row);
        const style = values[1];
        this.cell = {
          type: values[2],
          style: style ? Number.parseInt(style, 10) : 0,
          value: undefined,
        };
        break;
      }
      case 'v':
        if (this.cell && !this.inInline) {
          this.capture = true;
          this.buffer = '';
        }
        break;
      case 'f':
        if (this.cell) this.cell.formula = true;
        break;
      case 'is':
        if (this.cell) {
          this.inInline = true;
          this.buffer = '';
        }
        break;
      case 't':
        // Inline string text: plain `<is><t>`, or the runs `<is><r><t>` joined; a phonetic
        // guide (`<rPh><t>`, Japanese furigana) is not part of the value.
        if (this.inInline && !this.inPhonetic) this.capture = true;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
    }
  }

  text(text: string): void {
    if (!this.capture) return;
    this.buffer += text;
    // `_xHHHH_` escapes take 7 characters for one: past that, no cell could be this long.
    if (this.buffer.length > 7 * MAX_CELL_CHARS) throw new SheetLimitError('cell', this.row ?? 0);
  }

  close(qualified: string): void {
    if (this.ended) return;
    switch (localName(qualified)) {
      case 'v':
        if (this.cell && this.capture && !this.inInline) {
          this.cell.value = this.buffer;
          this.capture = false;
        }
        break;
      case 't':
        if (this.inInline) this.capture = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'is':
        if (this.cell) this.cell.value = this.buffer;
        this.inInline = false;
        this.capture = false;
        break;
      case 'c':
        if (this.cell && this.row !== undefined) {
          const value = cellValue(this.cell, this.context);
          if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
            throw new SheetLimitError('cell', this.row);
          }
          if (value !== null) {
            this.columns.push(this.column);
            this.values.push(value);
          }
        }
        this.cell = undefined;
        break;
      case 'row':
        if (this.row !== undefined) {
          this.out.push({ row: this.row, columns: this.columns, values: this.values });
          this.lastRow = this.row;
          this.row = undefined;
        }
        break;
      case 'sheetData':
        this.inData = false;
        this.ended = true;
        break;
    }
  }
}
