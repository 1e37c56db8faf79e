/**
 * The import template, generated from fields.ts: the XLSX workbook (Contacts with dropdowns,
 * notes and formats; Instructions; Lists) and the CSV header. `npm run templates` writes the
 * committed copies in templates/; `nexudus-import template` writes one for a user.
 */
import { templateCsv } from './csv.js';
import { templateWorkbook, workbookBytes } from './workbook.js';

export { templateCsv } from './csv.js';
export { templateWorkbook, workbookBytes } from './workbook.js';
export { SHEETS, FIRST_CONTACT_ROW, LAST_PREPARED_ROW, TEMPLATE_DATE } from './layout.js';
export { countryChoices, type CountryChoice } from './countryNames.js';

/** The template's formats, by file extension. */
export type TemplateFormat = 'xlsx' | 'csv';

/** The bytes of the template in a format. */
export async function templateBytes(format: TemplateFormat): Promise<Buffer> {
  return format === 'csv' ? Buffer.from(templateCsv(), 'utf8') : workbookBytes(templateWorkbook());
}
