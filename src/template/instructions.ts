import type { Workbook } from 'exceljs';
import type { FieldDef } from '../fields.js';
import { TEMPLATE_COLUMNS } from './templateColumns.js';
import { acceptedValues, blankText, mustFill, requiredText } from './fieldText.js';
import { FIRST_CONTACT_ROW, SHEETS } from './layout.js';
import { FONT, headerStyle, headingStyle } from './styles.js';

/** The few things to know before filling in the Contacts sheet, one line each. */
const GUIDE = [
  `One contact per row of the ${SHEETS.contacts} sheet, from row ${FIRST_CONTACT_ROW}. Keep the headers of row 1 as they are; a column you do not need may stay empty.`,
  "Name each contact's contract either by CoworkerContractId, or by its customer in the Customer column (+ Plan when the customer has several contracts). A header in bold on amber cannot be left blank; hover over any header for what it takes, or select a cell for a short reminder.",
  `ContractContactType, AmlCheckStatus and CountryId offer a dropdown (the values are on the ${SHEETS.lists} sheet); a country's ISO code such as DE is fine too: say Yes when asked to keep it.`,
  'The anti-money-laundering (AML) columns come last, in a group that starts closed: click the + above the headers, right of the last column shown, to open it.',
  'Type dates as 1975-06-23; they show as year-month-day whatever the language of your computer. Post codes and phone numbers keep their leading zeros and +.',
  'Save as .xlsx, then check it with: npx nexudus-import validate contacts.xlsx (nothing is sent), and import it with: npx nexudus-import import contacts.xlsx',
];

/** The row above the AML columns' rows: they are grouped, and start hidden, on the Contacts sheet. */
export const AML_HEADING =
  'AML (anti-money-laundering) columns: last on the Contacts sheet, in a closed group (click + to open it)';

/** The columns of the table, with their widths. */
const TABLE = [
  { title: 'Column', width: 26 },
  { title: 'Required?', width: 20 },
  { title: 'What to enter', width: 60 },
  { title: 'Accepted values', width: 45 },
  { title: 'Example', width: 26 },
  { title: 'If left blank', width: 32 },
] as const;

function tableRow(def: FieldDef): string[] {
  return [
    def.name,
    requiredText(def),
    def.description,
    acceptedValues(def),
    def.example,
    blankText(def),
  ];
}

/**
 * Sheet `Instructions`: a short guide, then one row per column of the Contacts sheet (in the same
 * order): required or not, what to enter, accepted values, an example, what a blank becomes. The
 * AML columns' rows come under a line saying so.
 */
export function addInstructionsSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet(SHEETS.instructions);
  TABLE.forEach((column, i) => (sheet.getColumn(i + 1).width = column.width));

  const title = sheet.getCell(1, 1);
  title.value = 'How to fill in the Contacts sheet';
  title.font = { ...FONT, bold: true, size: 14 };
  GUIDE.forEach((line, i) => (sheet.getCell(i + 2, 1).value = `• ${line}`));

  const headingRow = GUIDE.length + 3;
  TABLE.forEach((column, i) => {
    const cell = sheet.getCell(headingRow, i + 1);
    cell.value = column.title;
    cell.style = headingStyle();
  });
  const fields: readonly FieldDef[] = TEMPLATE_COLUMNS;
  let next = headingRow + 1;
  fields.forEach((def, r) => {
    if (def.aml && !fields[r - 1]?.aml) {
      const cell = sheet.getCell(next++, 1);
      cell.value = AML_HEADING;
      cell.font = { ...FONT, bold: true, italic: true };
    }
    const row = sheet.getRow(next++);
    const texts = tableRow(def);
    texts.forEach((text, c) => {
      const cell = row.getCell(c + 1);
      cell.value = text;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    // Set, not left to the spreadsheet: Excel does not grow a row for wrapped text it did not lay out.
    const lines = Math.max(...texts.map((t, c) => Math.ceil(t.length / (TABLE[c]?.width ?? 10))));
    row.height = 15 * lines;
    // The field's name looks as its header does on the Contacts sheet.
    row.getCell(1).style = { ...headerStyle(mustFill(def)), alignment: { vertical: 'top' } };
  });
}
