import ExcelJS from 'exceljs';
import { addContactsSheet } from './contactsSheet.js';
import { addInstructionsSheet } from './instructions.js';
import { TEMPLATE_DATE } from './layout.js';
import { addListsSheet, dropdownLists } from './lists.js';
import { fixZipTimes } from './zipTimes.js';

/**
 * The import template as an exceljs Workbook (the non-streaming one: data validations and notes
 * need it): `Contacts`, `Instructions`, `Lists`, in that order, all from fields.ts.
 */
export function templateWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'nexudus-import';
  workbook.lastModifiedBy = 'nexudus-import';
  workbook.title = 'Nexudus contract contacts: import template';
  workbook.created = TEMPLATE_DATE;
  workbook.modified = TEMPLATE_DATE;
  const lists = dropdownLists();
  addContactsSheet(workbook, lists);
  addInstructionsSheet(workbook);
  addListsSheet(workbook, lists);
  return workbook;
}

/** A workbook's XLSX bytes, the same every time for the same workbook. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const written = await workbook.xlsx.writeBuffer();
  return fixZipTimes(Buffer.from(written), TEMPLATE_DATE);
}
