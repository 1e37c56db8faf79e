import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import {
  CONTEXT_COLUMNS,
  CUSTOMER_COLUMN,
  FIELD_NAMES,
  ID_COLUMN,
  PLAN_COLUMN,
  type FieldName,
} from '../fields.js';
import { describe, listHeaders, namedColumns } from './namedColumns.js';
import { headerKey, slotOf, type Slot } from './slots.js';
import type { ColumnMap, ColumnUse, FieldSource, LeftOut } from './types.js';

/** Options of matchHeaders. */
export interface MatchOptions {
  /** The source file's path, named in messages ("contacts.csv has no column for …"). */
  readonly source?: string;
  /**
   * `--ignore-column`: headers of columns to leave out on purpose, matched like `--mapping`'s
   * keys (the exact text, else ignoring case and spacing).
   */
  readonly ignore?: readonly string[];
}

/** The result of matching a header row. */
export interface HeaderMatch {
  readonly columns: ColumnMap;
  /**
   * Columns whose header matches no field and that nothing left out on purpose (`unmatched` in
   * `columns.uses`): settleUnmatched must look at their cells before any row is mapped.
   */
  readonly unmatched: readonly number[];
}

/** Our own reports' columns: never data (errors.csv: Row … Errors; created.csv: Row … Result). */
type ReportRole = 'row' | 'errors' | 'result';
const REPORT_ROLES: readonly string[] = ['row', 'errors', 'result'] satisfies ReportRole[];

/** Headers of the contact's Id column: what `export` writes, and what people call it. */
const ID_HEADERS: ReadonlySet<string> = new Set(
  [ID_COLUMN, 'Contact Id', 'ContractContact Id'].map(headerKey),
);
/**
 * `export`'s read-only context columns: recognised, echoed in the reports, never sent. Customer
 * and Plan are not among them: they name the row's contract (see CUSTOMER_HEADERS).
 */
const CONTEXT_HEADERS: ReadonlySet<string> = new Set(
  CONTEXT_COLUMNS.filter((c) => c !== CUSTOMER_COLUMN && c !== PLAN_COLUMN).map(headerKey),
);
/** Headers of the column naming the row's contract by its customer (SPEC "Columns"). */
const CUSTOMER_HEADERS: ReadonlySet<string> = new Set(
  [
    CUSTOMER_COLUMN,
    'Customer Email',
    'Customer Name',
    'Company',
    'Company Name',
    'Member',
    'Member Email',
  ].map(headerKey),
);
/** Headers of the column narrowing a customer's contracts by plan (TariffName). */
const PLAN_HEADERS: ReadonlySet<string> = new Set(
  [PLAN_COLUMN, 'Tariff', 'Plan Name', 'Tariff Name'].map(headerKey),
);

/**
 * Matches the header row to fields: ignoring case, spaces, `_`, `-` and `.`, by field name or
 * alias (fields.ts); First Name + Last Name make FullName, Address (Line 1) + Address Line 2
 * make Address. `mapping` ({"source header": "NexudusField"}) comes first; a column the
 * built-in matching would give the same field is then not used. A mapping target of `""`, or
 * `options.ignore`, leaves that column out on purpose. `Row`, `Errors` and `Result` (our own
 * reports' columns) are never data; `Row` gives the original row number only beside `Errors`
 * (our errors file imported again). A column whose header matches no field is `unmatched`:
 * whether it stops the run depends on its cells, which settleUnmatched reads.
 * @throws ImportError `missing-column` when CoworkerContractId, or FullName (or First/Last Name,
 *   or CoworkerId) has no column; `bad-mapping` for a mapping entry naming an unknown field or
 *   header, or two entries giving one field; `usage` for an `--ignore-column` naming no header,
 *   or a column --mapping names too; `duplicate-header` for two columns that both match one field.
 */
export function matchHeaders(
  headers: readonly string[],
  mapping?: Readonly<Record<string, string>>,
  options: MatchOptions = {},
): HeaderMatch {
  const file = options.source ? basename(options.source) : 'The file';

  const reports = new Map<number, ReportRole>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (REPORT_ROLES.includes(key)) reports.set(i, key as ReportRole);
  });

  const { mapped, handled, contractNames } = namedColumns(
    headers,
    mapping ?? {},
    options.ignore ?? [],
    file,
  );
  // A column named by --mapping or --ignore-column is the user's own, whatever its header.
  for (const column of handled.keys()) reports.delete(column);

  const rowsAt = [...reports].filter(([, role]) => role === 'row');
  const errorsAt = [...reports].filter(([, role]) => role === 'errors');
  const reimport = rowsAt.length === 1 && errorsAt.length === 1;
  const rowColumn = reimport ? rowsAt[0]?.[0] : undefined;
  const errorsColumn = reimport ? errorsAt[0]?.[0] : undefined;

  const leftOut = new Map<number, LeftOut>();
  for (const [column, why] of handled) if (why) leftOut.set(column, why);
  for (const column of reports.keys()) leftOut.set(column, 'report');

  const found = new Map<Slot, number>();
  const slotAt = new Map<number, Slot>();
  for (const [slot, column] of mapped) slotAt.set(column, slot);
  let idColumn: number | undefined;
  // --mapping's Customer and Plan come first; a column whose header says the same is then taken.
  let customerColumn: number | undefined = contractNames.get(CUSTOMER_COLUMN);
  let planColumn: number | undefined = contractNames.get(PLAN_COLUMN);
  const mappedCustomer = customerColumn !== undefined;
  const mappedPlan = planColumn !== undefined;
  const single = (at: number | undefined, column: number, what: string): number => {
    if (at !== undefined) {
      throw new ImportError(
        'duplicate-header',
        `${file} has two columns for ${what}: ${describe(headers, at)} and ${describe(headers, column)}. Delete or rename one.`,
      );
    }
    return column;
  };
  headers.forEach((header, column) => {
    if (handled.has(column) || reports.has(column)) return;
    const key = headerKey(header);
    if (ID_HEADERS.has(key)) {
      if (idColumn !== undefined) {
        throw new ImportError(
          'duplicate-header',
          `${file} has two columns for the contact's Id: ${describe(headers, idColumn)} and ${describe(headers, column)}. Delete or rename one.`,
        );
      }
      idColumn = column;
      leftOut.set(column, 'id');
      return;
    }
    if (CUSTOMER_HEADERS.has(key)) {
      if (mappedCustomer) {
        leftOut.set(column, 'taken');
        return;
      }
      customerColumn = single(customerColumn, column, "the contract's customer");
      leftOut.set(column, 'customer');
      return;
    }
    if (PLAN_HEADERS.has(key)) {
      if (mappedPlan) {
        leftOut.set(column, 'taken');
        return;
      }
      planColumn = single(planColumn, column, "the contract's plan");
      leftOut.set(column, 'plan');
      return;
    }
    if (CONTEXT_HEADERS.has(key)) {
      leftOut.set(column, 'context');
      return;
    }
    // An empty header between named columns (trailing ones are dropped by the reader): a value
    // under it has nowhere to go, and fails its row (see mapRow).
    if (header === '') {
      leftOut.set(column, 'no-header');
      return;
    }
    const slot = slotOf(header);
    if (slot === undefined) {
      leftOut.set(column, 'unmatched');
      return;
    }
    slotAt.set(column, slot);
    if (mapped.has(slot)) {
      leftOut.set(column, 'taken');
      return;
    }
    const other = found.get(slot);
    if (other !== undefined) {
      throw new ImportError(
        'duplicate-header',
        `${file} has two columns for ${slot}: ${describe(headers, other)} and ${describe(headers, column)}. Delete or rename one, or choose one with --mapping.`,
      );
    }
    found.set(slot, column);
  });

  const at = (slot: Slot): number | undefined => mapped.get(slot) ?? found.get(slot);
  const fields: Partial<Record<FieldName, FieldSource>> = {};
  for (const name of FIELD_NAMES) {
    const column = at(name);
    if (column !== undefined) fields[name] = { columns: [column], joiner: ' ' };
  }

  // FullName: its own column, unless --mapping asked for First/Last Name and not for FullName.
  const nameParts = [at('FirstName'), at('LastName')].filter((c) => c !== undefined);
  const partsMapped = mapped.has('FirstName') || mapped.has('LastName');
  if (fields.FullName && (mapped.has('FullName') || !partsMapped)) {
    for (const c of nameParts) leftOut.set(c, 'taken');
  } else if (nameParts.length > 0) {
    for (const c of fields.FullName?.columns ?? []) leftOut.set(c, 'taken');
    fields.FullName = { columns: nameParts, joiner: ' ' };
  }
  const addressLines = [at('Address'), at('AddressLine2')].filter((c) => c !== undefined);
  if (addressLines.length > 0) fields.Address = { columns: addressLines, joiner: ', ' };

  checkRequired(fields, headers, file, customerColumn !== undefined);

  const mappedColumns = new Set([...mapped.values(), ...contractNames.values()]);
  const uses: ColumnUse[] = headers.map((header, column) => {
    const slot = slotAt.get(column);
    const why = leftOut.get(column);
    return {
      column,
      header,
      ...(slot === undefined ? {} : { slot }),
      ...(mappedColumns.has(column) ? { mapped: true } : {}),
      ...(why === undefined ? {} : { leftOut: why }),
    };
  });
  const columns: ColumnMap = {
    fields,
    sourceColumns: uses.filter((u) => u.leftOut !== 'report').map((u) => u.column),
    uses,
    ...(rowColumn !== undefined && errorsColumn !== undefined ? { rowColumn, errorsColumn } : {}),
    ...(idColumn !== undefined ? { idColumn } : {}),
    ...(customerColumn !== undefined ? { customerColumn } : {}),
    ...(planColumn !== undefined ? { planColumn } : {}),
    ...(idColumn !== undefined &&
    CONTEXT_COLUMNS.every((c) => headers.some((h) => headerKey(h) === headerKey(c)))
      ? { exportLayout: true as const }
      : {}),
  };
  const unmatched = uses.filter((u) => u.leftOut === 'unmatched').map((u) => u.column);
  return { columns, unmatched };
}

function checkRequired(
  fields: Partial<Record<FieldName, FieldSource>>,
  headers: readonly string[],
  file: string,
  customer: boolean,
): void {
  const missing: string[] = [];
  if (!fields.CoworkerContractId && !customer) {
    missing.push("CoworkerContractId (the contract's Id, or a Customer column naming it)");
  }
  if (!fields.FullName && !fields.CoworkerId) {
    missing.push("FullName (the contact's name, or First Name and Last Name, or a CoworkerId)");
  }
  if (missing.length === 0) return;
  throw new ImportError(
    'missing-column',
    `${file} has no column for ${missing.join(' nor for ')}. Its headers are: ${listHeaders(headers)}. Rename a column or pass --mapping.`,
  );
}
