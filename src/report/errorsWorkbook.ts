import { chmodSync, createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { FieldDef, FieldKind, FieldName } from '../fields.js';
import { neutralize } from '../formula.js';
import type { CellValue } from '../read/types.js';
import { cellText } from './cellText.js';
import { columnWidth } from './columnWidth.js';
import { ROW_CELL } from './problemCells.js';
import { cellStyle, HEADER_STYLE, ROW_HEADER_STYLE, rowCellStyle } from './workbookStyles.js';
import { shownText } from '../read/numberFormat.js';
import { columnValidation } from '../template/columns.js';
import { SHEETS } from '../template/layout.js';
import { addListsSheet, columnLetter, dropdownLists } from '../template/lists.js';
import { workbookCell, type CellFormat, type WorkbookCell } from './workbookCell.js';
import { wrappedHeight } from './wrappedHeight.js';

/**
 * exceljs (about 50 MB of code and heap) is loaded when the workbook is first written, not when
 * the run starts: held during a million-row check pass, it made V8's young-generation
 * collections six times as costly (measured by the benchmark: peak RSS 229 MB -> 164 MB).
 */
const load = createRequire(import.meta.url);
let excel: typeof ExcelJS | undefined;
function exceljs(): typeof ExcelJS {
  excel ??= load('exceljs') as typeof ExcelJS;
  return excel;
}

/** Lines held back to size the columns from (the widths must be known before row 1 is written). */
const WIDTH_SAMPLE = 200;
/**
 * Notes are held in memory until the sheet is finished (exceljs's streaming writer zips the
 * notes part after the sheet), about 2 KB each (measured: 50,000 notes added 95 MB to a run):
 * past this many the cells are still filled red and the `Errors` column still says everything,
 * but they get no note. Nobody reads 20,000 notes one by one; they filter the `Errors` column.
 */
export const MAX_NOTES = 20_000;
/** Excel's last row (1,048,576) less the header: more failed rows than this are in errors.csv only. */
export const MAX_LINES = 1_048_575;

/** The note on the `Row` header: the one column a person must not change. */
const ROW_NOTE =
  "Row: this line's row in the original file. Leave it as it is: it links the line to that row, so a re-import names the same row and never takes it for a new one.";

/**
 * The format of a column's text and empty cells, as the template formats its field (src/template
 * columns.ts): an Id as a whole number, a date as yyyy-mm-dd, an enum, country or number as
 * General (so a value picked or typed is read), text as Text (so it stays as typed). A column
 * matched to no field is Text.
 */
const KIND_FORMATS: Record<FieldKind, CellFormat> = {
  integer: 'integer',
  date: 'date',
  enum: 'general',
  country: 'general',
  number: 'general',
  text: 'text',
  verbatim: 'text',
  email: 'text',
  json: 'text',
};

interface Line {
  readonly row: number;
  readonly cells: readonly WorkbookCell[];
  readonly errors: readonly string[];
  /** Report position -> its messages: the cells to fill red and note. */
  readonly marks: ReadonlyMap<number, readonly string[]>;
}

/**
 * errors.xlsx: the lines of errors.csv as a workbook a person fixes in Excel or LibreOffice.
 * Each wrong cell is filled light red with a note holding its messages; the header row is bold
 * and frozen, with the `Row` column set apart (grey, bold, a rule on its right, a note saying to
 * leave it); `Errors` is wrapped in rows made tall enough for it; widths fit the values. Columns
 * matched to a field keep the template's format and dropdown (the lists on a hidden sheet).
 *
 * Written with exceljs's streaming WorkbookWriter, not the in-memory Workbook: a run can fail
 * hundreds of thousands of rows, and the in-memory model keeps an object per cell. Shared
 * strings are off: they would keep every distinct string in memory too, and with them the
 * streaming writer stores every rich-text cell as the first one (STYLE.md). Cells are plain
 * strings (`t="str"`), which Excel, LibreOffice and our reader all read as text.
 */
export class ErrorsWorkbook {
  /** The writer and its sheet, opened when the first lines are written (see exceljs()). */
  private open:
    { writer: ExcelJS.stream.xlsx.WorkbookWriter; sheet: ExcelJS.Worksheet } | undefined;
  /** Lines waiting for the column widths; undefined once the header is written. */
  private pending: Line[] | undefined = [];
  private lines = 0;
  private notes = 0;
  /** How each report column formats its text and empty cells (KIND_FORMATS). */
  private readonly formats: readonly CellFormat[];
  /** The width of the `Errors` column, once the header is written: rows are made tall for it. */
  private errorsWidth = 0;

  /**
   * @param headers the source's header texts, in report order (`sourceColumns`)
   * @param fields the field each of those columns was matched to, if any: its template format
   *   and dropdown carry over (SPEC "Template and samples")
   */
  constructor(
    private readonly path: string,
    private readonly headers: readonly string[],
    private readonly fields: readonly (FieldDef | undefined)[],
    private readonly sheetName: string,
  ) {
    this.formats = headers.map((_, i) => {
      const def = fields[i];
      return def ? KIND_FORMATS[def.kind] : 'text';
    });
  }

  private get sheet(): ExcelJS.Worksheet {
    if (!this.open) {
      const writer = new (exceljs().stream.xlsx.WorkbookWriter)({
        stream: createWriteStream(this.path, { mode: 0o600 }),
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = writer.addWorksheet(this.sheetName, {
        views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }],
      });
      this.open = { writer, sheet };
    }
    return this.open.sheet;
  }

  /** One failed row: its original row number, its source cells, and where its problems are. */
  line(
    row: number,
    cells: readonly CellValue[],
    errors: readonly string[],
    marks: ReadonlyMap<number, readonly string[]>,
  ): void {
    if (this.lines >= MAX_LINES) return;
    this.lines += 1;
    const line: Line = {
      row,
      cells: cells.map((cell, i) => workbookCell(cell, this.formats[i] ?? 'text')),
      errors,
      marks,
    };
    if (!this.pending) return this.write(line);
    this.pending.push(line);
    if (this.pending.length >= WIDTH_SAMPLE) this.flush();
  }

  /** Finishes the file; it is whole once this resolves. */
  async close(): Promise<void> {
    this.flush();
    const lists = this.addDropdowns();
    this.sheet.commit();
    const writer = this.open?.writer;
    // The dropdowns' values, on a hidden sheet as the template keeps them on its Lists sheet.
    if (writer && lists) addListsSheet(writer as unknown as ExcelJS.Workbook, lists, 'hidden');
    await writer?.commit();
    // An errors.xlsx brought up to date by a resume existed already, maybe with another mode.
    chmodSync(this.path, 0o600);
  }

  /**
   * The template's dropdown (a list that warns, never refuses) on every data row of each column
   * matched to an enum or the country; the lists they draw on, or undefined when there are none.
   * None either for a source sheet named as the lists' sheet (the lists would need its name).
   */
  private addDropdowns(): ReturnType<typeof dropdownLists> | undefined {
    const listed = this.fields.flatMap((def, i) =>
      def && (def.kind === 'enum' || def.kind === 'country') ? [{ def, i }] : [],
    );
    if (listed.length === 0 || this.lines === 0) return undefined;
    if (this.sheetName.toLowerCase() === SHEETS.lists.toLowerCase()) return undefined;
    const lists = dropdownLists();
    const validations = (this.sheet as unknown as SheetInternals).dataValidations;
    for (const { def, i } of listed) {
      if (!lists.some((l) => l.field === (def.name as FieldName))) continue;
      const letter = columnLetter(i + 2);
      validations.add(`${letter}2:${letter}${this.lines + 1}`, columnValidation(def, lists));
    }
    return lists;
  }

  /** Sizes the columns from the header and the lines so far, then writes them all. */
  private flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const texts = (i: number) => pending.map((l) => displayed(l.cells[i]));
    this.errorsWidth = columnWidth(['Errors', ...pending.flatMap((l) => l.errors)], 30, 80);
    this.sheet.columns = [
      {
        width: columnWidth(['Row', ...pending.map((l) => String(l.row))], 6, 10),
        style: rowCellStyle(false),
      },
      ...this.headers.map((header, i) => ({
        width: columnWidth([header, ...texts(i)], 8, 40),
        // New values typed into empty cells follow the column's format, not General.
        style: cellStyle(this.formats[i] ?? 'text', false),
      })),
      { width: this.errorsWidth, style: cellStyle('text', false, true) },
    ];
    const header = this.sheet.addRow(['Row', ...this.headers, 'Errors'].map(neutralize));
    header.eachCell({ includeEmpty: true }, (cell) => (cell.style = HEADER_STYLE));
    header.getCell(1).style = ROW_HEADER_STYLE;
    header.getCell(1).note = ROW_NOTE;
    header.commit();
    for (const line of pending) this.write(line);
  }

  private write(line: Line): void {
    const errors = neutralize(line.errors.join('\n'));
    const row = this.sheet.addRow([line.row, ...line.cells.map((c) => c.value), errors]);
    // Tall enough for the wrapped `Errors` text: a spreadsheet does not grow a row it did not
    // lay out itself, and the text would run over the rows below.
    const height = wrappedHeight(errors, this.errorsWidth);
    if (height > wrappedHeight('', this.errorsWidth)) row.height = height;
    const mark = (at: number, cell: ExcelJS.Cell) => {
      const messages = line.marks.get(at);
      if (!messages) return false;
      if (this.notes < MAX_NOTES) {
        cell.note = messages.join('\n');
        this.notes += 1;
      }
      return true;
    };
    const rowCell = row.getCell(1);
    rowCell.style = rowCellStyle(mark(ROW_CELL, rowCell));
    line.cells.forEach((value, i) => {
      const cell = row.getCell(i + 2);
      cell.style = cellStyle(value.format, mark(i + 1, cell), false, value.numFmt);
    });
    row.getCell(line.cells.length + 2).style = cellStyle('text', false, true);
    row.commit();
  }
}

/**
 * exceljs 4.4 takes a validation for a whole range through `worksheet.dataValidations.add`, in
 * its streaming writer too (lib/doc/data-validations.js); its typings leave it out.
 */
interface SheetInternals {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** What a cell shows, for sizing its column. */
function displayed(cell: WorkbookCell | undefined): string {
  const value = cell?.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return cellText(value);
  if (typeof value === 'object') return 'error' in value ? String(value.error) : '';
  if (typeof value === 'number' && cell?.numFmt) {
    return shownText({ number: value, format: cell.numFmt });
  }
  return String(value);
}
