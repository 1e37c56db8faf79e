import type { FieldName } from '../fields.js';
import type { Payload } from '../payload.js';
import type { CellValue } from '../read/types.js';
import type { Slot } from './slots.js';

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

/**
 * Why a column of the source feeds no field:
 * - `ignore-column`: named by --ignore-column (left out on purpose);
 * - `mapping`: mapped to `""` by --mapping (left out on purpose);
 * - `report`: `Row`, `Errors` or `Result`, the columns our own reports add: never data;
 * - `taken`: its header names a field another column gives (Name beside First/Last Name);
 * - `unmatched`: its header matches no field, and whether the column holds anything is not yet
 *   known: settleUnmatched decides it (a value stops the run) before any row is mapped;
 * - `empty`: its header matches no field and no row has a value under it;
 * - `no-header`: an empty header between named columns; a value under it fails its row;
 * - `id`: the contact's `Id` in Nexudus (as `export` writes it): no field of the payload, it
 *   says which contact the row is (see ColumnMap.idColumn);
 * - `context`: one of `export`'s read-only columns (CreatedOn, UpdatedOn): echoed in the
 *   reports, never sent;
 * - `customer`, `plan`: the row's contract named by its customer (and plan) instead of its Id:
 *   no field of the payload, preflight finds the contract (see ColumnMap.customerColumn).
 */
export type LeftOut =
  | 'ignore-column'
  | 'mapping'
  | 'report'
  | 'taken'
  | 'unmatched'
  | 'empty'
  | 'no-header'
  | 'id'
  | 'context'
  | 'customer'
  | 'plan';

/** How one column of the header was read. */
export interface ColumnUse {
  /** 0-based position (0 = A). */
  readonly column: number;
  /** The header text as read. */
  readonly header: string;
  /**
   * The field, or part of one (First Name), the column feeds; for a `taken` column, the one it
   * would have fed. Absent for every other column left out.
   */
  readonly slot?: Slot;
  /** The column was matched by --mapping rather than by its header. */
  readonly mapped?: boolean;
  /** Why the column feeds nothing; absent when it feeds `slot`. */
  readonly leftOut?: LeftOut;
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
  /** The column of the contact's `Id` in Nexudus (`Id`, `Contact Id`), when the file has one. */
  readonly idColumn?: number;
  /** The column naming the row's contract by its customer (`Customer`, `Company`, …). */
  readonly customerColumn?: number;
  /** The column narrowing the customer's contracts by plan (`Plan`, `Tariff`, …). */
  readonly planColumn?: number;
  /**
   * The header has `Id` and every one of export's context columns: the file is an export (or a
   * copy of one). An exported CSV quotes formula-like cells as our reports do (src/formula.ts).
   */
  readonly exportLayout?: true;
  /** The source's own columns (all but `Row`, `Errors`, `Result`), in order: what reports echo. */
  readonly sourceColumns: readonly number[];
  /** Every column of the header, in order, with what it feeds or why it feeds nothing. */
  readonly uses: readonly ColumnUse[];
}

export const DATE_ORDERS = ['DMY', 'MDY', 'YMD'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

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
   * True for a CSV file: one in `export`'s layout (ColumnMap.exportLayout) then had its
   * formula-like cells written with a leading `'`, which the import takes off again.
   */
  readonly csv?: boolean;
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
  /** The contact's Id in Nexudus, from the `Id` column; absent when the file has none or it is blank. */
  readonly id?: number;
  /**
   * The row's contract named by its customer (and plan), when its Customer cell is not blank:
   * preflight finds the contract. Without a CoworkerContractId the payload has none until then
   * (0 stands in; see settleRow).
   */
  readonly customer?: CustomerCell;
  /**
   * The fields that have a column in the file and a blank cell in this row (a required enum's
   * default in the payload came from such a blank). An update leaves them as they are, unless
   * `--clear-blank`.
   */
  readonly blanks: readonly FieldName[];
}

export interface MappedFailed extends MappedBase {
  readonly ok: false;
  /** Every problem of the row at once. */
  readonly problems: readonly RowProblem[];
}

export type MappedRow = MappedOk | MappedFailed;

/** A row's Customer and Plan cells as read (text, trimmed; Plan absent when blank). */
export interface CustomerCell {
  readonly customer: string;
  readonly plan?: string;
}
