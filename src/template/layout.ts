/** Where things are in the template workbook: sheet names, rows, and its fixed date. */

/** The sheets, in tab order: the importer reads the first one. */
export const SHEETS = {
  contacts: 'Contacts',
  instructions: 'Instructions',
  lists: 'Lists',
} as const;

/** The header row of the Contacts sheet; contacts start on the row below it. */
export const HEADER_ROW = 1;
export const FIRST_CONTACT_ROW = 2;

/**
 * Rows that carry the formats, dropdowns and input messages. Column formats reach further (Excel
 * and LibreOffice apply a column's format to a cell typed anywhere in it), but validations are
 * per range, and a thousand rows is more than anyone pastes without a script.
 */
export const PREPARED_ROWS = 1000;
export const LAST_PREPARED_ROW = FIRST_CONTACT_ROW + PREPARED_ROWS - 1;

/**
 * The workbook's created and modified dates, and its zip entries' times: fixed, so that
 * generating the template twice gives the same bytes (the drift test compares them).
 */
export const TEMPLATE_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));
