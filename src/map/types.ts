import type { FieldName } from '../fields.js';
import type { Payload } from '../payload.js';
import type { CellValue } from '../read/types.js';

/** One problem of a row: the Nexudus PropertyName and a plain message, as Nexudus reports them. */
export interface RowProblem {
  readonly PropertyName: string;
  readonly Message: string;
  /** Source column positions the problem is about (errors.xlsx fills those cells red). */
  readonly columns: readonly number[];
}

/** Where a field's value comes from in the source. */
export interface FieldSource {
  /** Source column positions, joined in this order (First + Last Name, Address Line 1 + 2). */
  readonly columns: readonly number[];
  /** What joins the non-blank parts: ' ' for names, ', ' for address lines. */
  readonly joiner: string;
}

/** How the source's columns feed the fields; the result of matching the header row. */
export interface ColumnMap {
  readonly fields: Partial<Record<FieldName, FieldSource>>;
  /**
   * Column positions of `Row` and `Errors` when the source is one of our errors files imported
   * again: `Row` gives the original row number and neither is data.
   */
  readonly rowColumn?: number;
  readonly errorsColumn?: number;
  /** The source's own columns (all but Row and Errors), in order: what reports echo. */
  readonly sourceColumns: readonly number[];
  /** Header texts that match no field (one warning names them). */
  readonly ignored: readonly string[];
}

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

/** A country of the account's `GET /api/sys/countries` list. */
export interface Country {
  readonly Id: number;
  readonly Name: string;
  /** ISO 3166-1 alpha-2. */
  readonly TwoDigitsCode: string;
}

/** What mapRow needs besides the row; built once per run by the command. */
export interface MapContext {
  readonly columns: ColumnMap;
  /** Day-month order per date field: from --date-format, else inferred per column. */
  readonly dateOrders: Partial<Record<FieldName, DateOrder>>;
  /** True when the CSV delimiter is `;` (a decimal comma is then accepted). */
  readonly decimalComma: boolean;
  /**
   * The account's countries. Absent offline (--dry-run): a country name or code is checked
   * against ISO 3166 and left out of the payload.
   */
  readonly countries?: readonly Country[];
  /** "Now", for a DateOfBirth in the future. */
  readonly now: Date;
}

interface MappedBase {
  /** The row number reports name: the source row, or the `Row` column of a re-imported report. */
  readonly row: number;
  /** The source row's cells, all columns (reports pick `ColumnMap.sourceColumns`). */
  readonly cells: readonly CellValue[];
}

export interface MappedOk extends MappedBase {
  readonly ok: true;
  /**
   * The exact payload. When FullName was blank and CoworkerId given, FullName is missing
   * here and `nameFromCoworker` is true: preflight fills it (and a blank Email) in.
   */
  readonly payload: Omit<Payload, 'FullName'> & { FullName?: string };
  readonly nameFromCoworker: boolean;
}

export interface MappedFailed extends MappedBase {
  readonly ok: false;
  /** Every problem of the row at once. */
  readonly problems: readonly RowProblem[];
}

export type MappedRow = MappedOk | MappedFailed;
