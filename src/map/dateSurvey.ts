import { FIELDS, type FieldName } from '../fields.js';
import type { SourceRow } from '../read/types.js';
import type { ColumnMap, DateOrder } from './types.js';
import { dayMonthYearOf, orderShownBy } from './dates.js';
import { normalizeText } from './text.js';

const DATE_FIELDS: readonly FieldName[] = FIELDS.filter((f) => f.kind === 'date').map(
  (f) => f.name,
);

/** The first pass over the file: what each date column's values say about day-month order. */
export interface DateSurvey {
  /** The date fields that have a column in this file. */
  readonly fields: readonly FieldName[];
  /**
   * Looks at one row's date cells. Returns the fields whose value in this row reads differently
   * by day-month order (a numeric D/M/Y value whose two numbers differ), so a caller that maps
   * rows before the whole column is surveyed knows which readings to confirm.
   */
  add(row: SourceRow): readonly FieldName[];
  /**
   * Each date field's order: `forced` (--date-format) for all; else the order most of the
   * column's settling values show. A field is left out when nothing settles it (no settling
   * value, or a tie): its values are then read only when they show their order themselves.
   */
  orders(forced?: DateOrder): Partial<Record<FieldName, DateOrder>>;
  /**
   * The date fields with at least one value that reads differently by day-month order: the
   * ones whose order matters (a column of ISO dates or date cells needs none).
   */
  dependent(): ReadonlySet<FieldName>;
}

/**
 * Starts a survey of the date columns of `columns`. A value settles the order when its first
 * number is above 12 (day first) or its second is (month first); `05/06/1975` settles nothing.
 */
export function createDateSurvey(columns: ColumnMap): DateSurvey {
  const watched = DATE_FIELDS.flatMap((name) => {
    const column = columns.fields[name]?.columns[0];
    return column === undefined ? [] : [{ name, column, dmy: 0, mdy: 0, dependent: false }];
  });
  const none: readonly FieldName[] = [];
  return {
    fields: watched.map((w) => w.name),
    add(row) {
      let dependent: FieldName[] | undefined;
      for (const w of watched) {
        const cell = row.cells[w.column];
        if (typeof cell !== 'string') continue;
        const parts = dayMonthYearOf(normalizeText(cell));
        if (!parts) continue;
        const shown = orderShownBy(parts);
        if (shown === 'DMY') w.dmy++;
        else if (shown === 'MDY') w.mdy++;
        if (parts.first !== parts.second) {
          (dependent ??= []).push(w.name);
          w.dependent = true;
        }
      }
      return dependent ?? none;
    },
    orders(forced) {
      const orders: Partial<Record<FieldName, DateOrder>> = {};
      for (const w of watched) {
        if (forced) orders[w.name] = forced;
        else if (w.dmy > w.mdy) orders[w.name] = 'DMY';
        else if (w.mdy > w.dmy) orders[w.name] = 'MDY';
      }
      return orders;
    },
    dependent() {
      return new Set(watched.filter((w) => w.dependent).map((w) => w.name));
    },
  };
}
