import { TEMPLATE_HEADERS } from './templateColumns.js';
import { openSource } from '../read/index.js';
import { fillContacts, type ContactText } from './fill.js';
import { templateWorkbook, workbookBytes } from './workbook.js';

const isColumn = (header: string): boolean => TEMPLATE_HEADERS.includes(header);

/**
 * The sample workbook: the template filled in with the rows of the sample CSV, each on the row
 * it has in the CSV (a blank line stays a blank row), so both samples report the same rows.
 */
export async function sampleWorkbookBytes(csvPath: string): Promise<Buffer> {
  const table = await openSource(csvPath);
  const contacts: ContactText[] = [];
  for await (const source of table.rows()) {
    const values: Partial<Record<string, string>> = {};
    table.headers.forEach((header, i) => {
      const cell = source.cells[i];
      if (isColumn(header) && typeof cell === 'string') values[header] = cell;
    });
    contacts.push({ row: source.row, values });
  }
  const workbook = templateWorkbook();
  fillContacts(workbook, contacts);
  return workbookBytes(workbook);
}
