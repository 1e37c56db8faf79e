import type { DataValidation, Workbook } from 'exceljs';
import type { FieldDef } from '../fields.js';
import { TEMPLATE_COLUMNS } from './templateColumns.js';
import { columnValidation, columnWidth, numberFormat } from './columns.js';
import { mustFill, noteText } from './fieldText.js';
import { FIRST_CONTACT_ROW, HEADER_ROW, LAST_PREPARED_ROW, SHEETS } from './layout.js';
import { columnLetter, type DropdownList } from './lists.js';
import { addNote } from './note.js';
import { amlColumns, collapsedGroup } from './outline.js';
import { headerStyle } from './styles.js';

/**
 * Sheet `Contacts`, the one the importer reads: a header per field (its Nexudus name, so the
 * file imports with no mapping), frozen, each with a note, the AML columns in a collapsed group
 * at the right; below it the prepared rows, every
 * cell carrying its column's number format and validation (dropdown, whole number, date, or an
 * input message).
 */
export function addContactsSheet(workbook: Workbook, lists: readonly DropdownList[]): void {
  const sheet = workbook.addWorksheet(SHEETS.contacts, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, activeCell: 'A2' }],
  });
  const fields: readonly FieldDef[] = TEMPLATE_COLUMNS;
  fields.forEach((def, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = columnWidth(def);
    const format = numberFormat(def);
    // The column's own format too: a cell typed below the prepared rows gets it as well.
    if (format) column.numFmt = format;
  });
  const aml = amlColumns(fields);
  if (aml) collapsedGroup(sheet, aml.first, aml.last);
  sheet.getRow(HEADER_ROW).height = 20;
  fields.forEach((def, i) => {
    const cell = sheet.getCell(HEADER_ROW, i + 1);
    cell.value = def.name;
    cell.style = headerStyle(mustFill(def));
  });
  // Notes after every width is set: a note's box is sized from the columns it spans.
  fields.forEach((def, i) => addNote(sheet, sheet.getCell(HEADER_ROW, i + 1), noteText(def)));

  const validations = (sheet as unknown as SheetInternals).dataValidations;
  fields.forEach((def, i) => {
    const format = numberFormat(def);
    if (format) {
      for (let row = FIRST_CONTACT_ROW; row <= LAST_PREPARED_ROW; row++) {
        sheet.getCell(row, i + 1).numFmt = format;
      }
    }
    const letter = columnLetter(i + 1);
    validations.add(
      `${letter}${FIRST_CONTACT_ROW}:${letter}${LAST_PREPARED_ROW}`,
      columnValidation(def, lists),
    );
  });
}

/**
 * exceljs 4.4 takes a validation for a whole range through `worksheet.dataValidations.add`
 * (lib/doc/data-validations.js), which its typings leave out. Per-cell validations would do, but
 * its writer squeezes them into overlapping ranges (A10:A1001 and A2:A1001, from sorting the
 * addresses as text), which is not what Excel writes.
 */
interface SheetInternals {
  dataValidations: { add(range: string, validation: DataValidation): void };
}
