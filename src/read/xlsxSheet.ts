import type { SaxEvent } from 'exceljs/lib/utils/parse-sax.js';
import { cellValue } from './xlsxCell.js';
import type { CellContext, RawCell } from './xlsxCell.js';
import type { CellValue } from './types.js';
import { localName as local } from './xlsxParts.js';

/** One `<row>` of a worksheet: its own number and its non-empty cells by 0-based column. */
export interface SheetRow {
  readonly row: number;
  /** Sparse: only cells holding a value are set. */
  readonly cells: CellValue[];
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

/**
 * Turns a worksheet's SAX events, one batch per chunk of XML, into its rows, batch by batch: the
 * rows completed by a batch are returned together, so the reader runs ahead of its consumer by
 * one chunk at most. Rows and cells missing their `r` attribute (allowed by the schema, written
 * by some generators) follow the previous one. Rows without any value are returned with no
 * cells; the caller skips them cheaply (a sheet whose million formatted rows hold nothing).
 */
export class SheetParser {
  private inData = false;
  private ended = false;
  private row: number | undefined;
  private lastRow = 0;
  private cells: CellValue[] = [];
  private column = -1;
  private cell: RawCell | undefined;
  private capture = false;
  private inInline = false;
  private inPhonetic = false;
  private text = '';

  constructor(private readonly context: CellContext) {}

  /** Whether `</sheetData>` was seen: nothing after it is data. */
  get done(): boolean {
    return this.ended;
  }

  feed(events: readonly SaxEvent[], out: SheetRow[]): void {
    for (const event of events) {
      if (this.ended) return;
      if (event.eventType === 'text') {
        if (this.capture) this.text += event.value;
      } else if (event.eventType === 'opentag') {
        this.open(local(event.value.name), event.value.attributes);
      } else {
        this.close(local(event.value.name), out);
      }
    }
  }

  private open(name: string, attributes: Readonly<Record<string, string>>): void {
    switch (name) {
      case 'sheetData':
        this.inData = true;
        break;
      case 'row': {
        if (!this.inData) break;
        const r = Number.parseInt(attributes.r ?? '', 10);
        this.row = Number.isFinite(r) ? r : this.lastRow + 1;
        this.cells = [];
        this.column = -1;
        break;
      }
      case 'c':
        if (this.row === undefined) break;
        this.column = referenceColumn(attributes.r) ?? this.column + 1;
        this.cell = {
          type: attributes.t,
          style: attributes.s ? Number.parseInt(attributes.s, 10) : 0,
          value: undefined,
        };
        break;
      case 'v':
        if (this.cell && !this.inInline) this.startText();
        break;
      case 'is':
        if (this.cell) {
          this.inInline = true;
          this.text = '';
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

  private startText(): void {
    this.capture = true;
    this.text = '';
  }

  private close(name: string, out: SheetRow[]): void {
    switch (name) {
      case 'v':
        if (this.cell && this.capture && !this.inInline) {
          this.cell.value = this.text;
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
        if (this.cell) this.cell.value = this.text;
        this.inInline = false;
        this.capture = false;
        break;
      case 'c':
        if (this.cell && this.row !== undefined) {
          const value = cellValue(this.cell, this.context);
          if (value !== null) this.cells[this.column] = value;
        }
        this.cell = undefined;
        break;
      case 'row':
        if (this.row !== undefined) {
          out.push({ row: this.row, cells: this.cells });
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
