import type { CellValue as ExcelValue, Workbook } from 'exceljs';
import type { FieldDef } from '../fields.js';
import { TEMPLATE_COLUMNS } from './templateColumns.js';
import { isoCodeOf } from '../map/countries.js';
import { countryChoices } from './countryNames.js';
import { SHEETS } from './layout.js';

/** One contact as text, the way it reads in a CSV, by field; and the row it goes on. */
export interface ContactText {
  readonly row: number;
  readonly values: Readonly<Partial<Record<string, string>>>;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A value as a person entering it in the template leaves it: Ids as numbers, real dates as date
 * cells, countries as their dropdown names; anything else, and whatever the spreadsheet would
 * not take as a date or number (29 February 1981), stays text as typed.
 */
function typed(def: FieldDef, text: string, countryNames: ReadonlyMap<string, string>): ExcelValue {
  if (def.kind === 'integer' && /^\d+$/.test(text)) return Number(text);
  if (def.kind === 'date') {
    const m = ISO_DATE.exec(text);
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date;
    }
  }
  if (def.kind === 'country') {
    const code = isoCodeOf(text);
    const name = code === undefined ? undefined : countryNames.get(code);
    if (name !== undefined) return name;
  }
  return text;
}

/** Fills the Contacts sheet of a template workbook with contacts, as typed values. */
export function fillContacts(workbook: Workbook, contacts: readonly ContactText[]): void {
  const sheet = workbook.getWorksheet(SHEETS.contacts);
  if (!sheet) throw new Error(`the workbook has no ${SHEETS.contacts} sheet`);
  const countryNames = new Map(countryChoices().map((c) => [c.code, c.name]));
  const fields: readonly FieldDef[] = TEMPLATE_COLUMNS;
  for (const contact of contacts) {
    fields.forEach((def, i) => {
      const text = contact.values[def.name];
      if (text === undefined || text === '') return;
      sheet.getCell(contact.row, i + 1).value = typed(def, text, countryNames);
    });
  }
}
