import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS, { type DataValidation, type Style, type Workbook, type Worksheet } from 'exceljs';
import { columnValidation, columnWidth, numberFormat } from '../template/columns.js';
import { mustFill, noteText } from '../template/fieldText.js';
import { addInstructionsSheet } from '../template/instructions.js';
import { FIRST_CONTACT_ROW, HEADER_ROW, PREPARED_ROWS, SHEETS } from '../template/layout.js';
import { addListsSheet, columnLetter, dropdownLists } from '../template/lists.js';
import { addNote } from '../template/note.js';
import { amlColumns, collapsedGroup } from '../template/outline.js';
import { contextCellStyle, contextHeaderStyle, headerStyle } from '../template/styles.js';
import {
  CONTEXT_TIMES,
  EXPORT_COLUMNS,
  ID_NOTE,
  contextNote,
  type ExportColumn,
} from './columns.js';
import { hasTime } from './exportValues.js';
import type { ExportSink } from './exportSink.js';

/** Date and time, for the context columns and a date field that holds a time of day. */
const DATE_TIME = 'yyyy-mm-dd hh:mm:ss';
const ID_FORMAT = '0';

function width(column: ExportColumn): number {
  switch (column.kind) {
    case 'id':
      return 12;
    case 'field':
      return columnWidth(column.def);
    case 'context':
      return CONTEXT_TIMES.has(column.header) ? 20 : 28;
  }
}

/** The style of a column's cells (one object per column: exceljs keeps one style per object). */
function cellStyle(column: ExportColumn): Partial<Style> {
  switch (column.kind) {
    case 'id':
      return { numFmt: ID_FORMAT };
    case 'field': {
      const format = numberFormat(column.def);
      return format ? { numFmt: format } : {};
    }
    case 'context':
      return contextCellStyle(CONTEXT_TIMES.has(column.header) ? DATE_TIME : '@');
  }
}

/** An input message only: what exceljs writes for a validation of type `any`. */
function promptOnly(title: string, prompt: string): DataValidation {
  return {
    ...({ type: 'any' } as unknown as Pick<DataValidation, 'type'>),
    formulae: [],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: title,
    prompt,
  };
}

function validation(column: ExportColumn, lists: ReturnType<typeof dropdownLists>): DataValidation {
  switch (column.kind) {
    case 'id':
      return promptOnly(
        'Id',
        "The contact's Id in Nexudus: leave it as it is. Blank on a row you add for a new contact.",
      );
    case 'field':
      return columnValidation(column.def, lists);
    case 'context':
      return promptOnly(column.header, 'Read-only: import ignores this column.');
  }
}

/**
 * exceljs 4.4 takes a validation for a whole range through `worksheet.dataValidations.add`
 * (lib/doc/data-validations.js), in its streaming writer too; its typings leave it out. One range
 * per column keeps a 100,000-row file small (a validation per cell would be 2 million).
 */
interface SheetInternals {
  dataValidations: { add(range: string, validation: DataValidation): void };
}

/**
 * An export as the template's workbook, streamed: rows are written as they come (exceljs's
 * streaming writer, without shared strings, which it would keep in memory and with which it
 * writes every rich-text cell as the first one), so memory stays flat however many contacts.
 * `Contacts` carries the template's headers, notes, formats and dropdowns with `Id` first and the
 * greyed context columns last; `Instructions` and `Lists` are the template's own.
 */
export function xlsxSink(path: string): ExportSink {
  const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const failed = once(stream, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'nexudus-import';
  workbook.title = 'Nexudus contract contacts: export';
  const lists = dropdownLists();
  const sheet = workbook.addWorksheet(SHEETS.contacts, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, activeCell: 'A2' }],
  });
  const styles = EXPORT_COLUMNS.map(cellStyle);
  const timeStyle: Partial<Style> = { numFmt: DATE_TIME };
  EXPORT_COLUMNS.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = width(column);
    // The column's own format too: a cell typed below the exported rows gets it as well.
    if (column.kind === 'context') col.style = styles[i] ?? {};
    else if (styles[i]?.numFmt) col.numFmt = styles[i].numFmt;
  });
  // The AML columns collapsed, as in the template.
  const aml = amlColumns(EXPORT_COLUMNS.map((c) => ({ aml: c.kind === 'field' && c.def.aml })));
  if (aml) collapsedGroup(sheet as unknown as Worksheet, aml.first, aml.last);
  const header = sheet.getRow(HEADER_ROW);
  header.height = 20;
  EXPORT_COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.style =
      column.kind === 'context'
        ? contextHeaderStyle()
        : headerStyle(column.kind === 'field' && mustFill(column.def));
  });
  // Notes after every width is set: a note's box is sized from the columns it spans.
  EXPORT_COLUMNS.forEach((column, i) => {
    const text =
      column.kind === 'id'
        ? ID_NOTE
        : column.kind === 'field'
          ? noteText(column.def)
          : contextNote(column.header);
    addNote(sheet as unknown as Worksheet, header.getCell(i + 1), text);
  });
  header.commit();

  let next = FIRST_CONTACT_ROW;
  return {
    add(values) {
      const row = sheet.getRow(next++);
      values.forEach((value, i) => {
        const column = EXPORT_COLUMNS[i];
        if (column?.kind === 'context') row.getCell(i + 1).style = styles[i] ?? {};
        if (value === undefined) return;
        const cell = row.getCell(i + 1);
        cell.value = value;
        if (column?.kind === 'field' && value instanceof Date && hasTime(value)) {
          cell.style = timeStyle;
        } else if (column?.kind !== 'context') {
          cell.style = styles[i] ?? {};
        }
      });
      row.commit();
    },
    async close(rows) {
      // Room below the exported rows for new contacts, as the template prepares its rows.
      const last = FIRST_CONTACT_ROW + rows + PREPARED_ROWS - 1;
      const validations = (sheet as unknown as SheetInternals).dataValidations;
      EXPORT_COLUMNS.forEach((column, i) => {
        const letter = columnLetter(i + 1);
        validations.add(
          `${letter}${FIRST_CONTACT_ROW}:${letter}${last}`,
          validation(column, lists),
        );
      });
      sheet.commit();
      // The template's own sheets, as exceljs's streaming writer takes them (Workbook's API).
      addInstructionsSheet(workbook as unknown as Workbook);
      addListsSheet(workbook as unknown as Workbook, lists);
      await Promise.race([workbook.commit(), failed]);
    },
    async abort() {
      stream.destroy();
      await once(stream, 'close').catch(() => {});
    },
  };
}
