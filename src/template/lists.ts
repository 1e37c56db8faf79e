import type { Workbook } from 'exceljs';
import { FIELDS, type FieldDef, type FieldName } from '../fields.js';
import { countryChoices } from './countryNames.js';
import { SHEETS } from './layout.js';
import { headingStyle } from './styles.js';

/** One dropdown list: the values a column's dropdown offers, with what each stands for. */
export interface DropdownList {
  readonly field: FieldName;
  /** Heading of the list's second column on the Lists sheet. */
  readonly detailTitle: string;
  readonly entries: readonly { readonly text: string; readonly detail: string | number }[];
}

/** The fields that get a dropdown: the enums (their labels) and the country (English names). */
export function dropdownLists(): DropdownList[] {
  return FIELDS.flatMap((def: FieldDef): DropdownList[] => {
    const field = def.name as FieldName;
    if (def.kind === 'enum' && def.values) {
      const entries = def.values.map((v) => ({ text: v.label, detail: v.value }));
      return [{ field, detailTitle: 'Nexudus value', entries }];
    }
    if (def.kind === 'country') {
      const entries = countryChoices().map((c) => ({ text: c.name, detail: c.code }));
      return [{ field, detailTitle: 'ISO code', entries }];
    }
    return [];
  });
}

/** Column letter of the n-th column (1-based), A..ZZ. */
export function columnLetter(n: number): string {
  const first = Math.floor((n - 1) / 26);
  const last = String.fromCharCode(65 + ((n - 1) % 26));
  return first === 0 ? last : `${String.fromCharCode(64 + first)}${last}`;
}

/** Column (1-based) of the Lists sheet where list `index` starts: two columns and a gap each. */
function listColumn(index: number): number {
  return index * 3 + 1;
}

/**
 * The range a dropdown draws from, as a data validation formula: `Lists!$A$2:$A$5`. A range rather
 * than a literal list because literal lists are capped at 255 characters and cannot hold commas
 * ("Korea, Republic of").
 */
export function listRange(lists: readonly DropdownList[], field: FieldName): string {
  const index = lists.findIndex((l) => l.field === field);
  const list = lists[index];
  if (!list) throw new Error(`no dropdown list for ${field}`);
  const letter = columnLetter(listColumn(index));
  return `${SHEETS.lists}!$${letter}$2:$${letter}$${list.entries.length + 1}`;
}

/**
 * Sheet `Lists`: each dropdown's values beside what they stand for, under a bold heading. Hidden
 * in errors.xlsx, where it is there only for the dropdowns.
 */
export function addListsSheet(
  workbook: Workbook,
  lists: readonly DropdownList[],
  state: 'visible' | 'hidden' = 'visible',
): void {
  const sheet = workbook.addWorksheet(SHEETS.lists, {
    state,
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, activeCell: 'A2' }],
  });
  lists.forEach((list, index) => {
    const column = listColumn(index);
    const longest = Math.max(list.field.length, ...list.entries.map((e) => e.text.length));
    sheet.getColumn(column).width = longest + 3;
    sheet.getColumn(column + 1).width = list.detailTitle.length + 3;
    sheet.getColumn(column + 2).width = 4;
    const heading = [list.field, list.detailTitle];
    heading.forEach((text, offset) => {
      const cell = sheet.getCell(1, column + offset);
      cell.value = text;
      cell.style = headingStyle();
    });
    list.entries.forEach((entry, i) => {
      sheet.getCell(i + 2, column).value = entry.text;
      sheet.getCell(i + 2, column + 1).value = entry.detail;
    });
  });
}
