import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { FIELD_NAMES, type FieldName } from '../fields.js';
import type { ColumnMap, FieldSource } from './types.js';
import { columnLetter, headerKey, slotOf, type Slot } from './slots.js';

/** Options of matchHeaders. */
export interface MatchOptions {
  /** The source file's path, named in messages ("contacts.csv has no column for …"). */
  readonly source?: string;
}

/** The result of matching a header row. */
export interface HeaderMatch {
  readonly columns: ColumnMap;
  /** Plain sentences for the user (unknown columns, columns that lost to another). */
  readonly warnings: string[];
}

const quote = (header: string): string => `"${header}"`;

/** Finds the column a `--mapping` key names: its exact text, else ignoring case and spacing. */
function mappedColumn(headers: readonly string[], key: string, file: string): number {
  const exact = headers.indexOf(key.trim());
  if (exact >= 0) return exact;
  const k = headerKey(key);
  const found = headers.flatMap((h, i) => (headerKey(h) === k ? [i] : []));
  if (found.length === 1 && found[0] !== undefined) return found[0];
  throw new ImportError(
    'bad-mapping',
    found.length === 0
      ? `--mapping names the column ${quote(key)}, which ${file} does not have. Its headers are: ${listHeaders(headers)}.`
      : `--mapping names the column ${quote(key)}, which matches several columns of ${file} (${found.map((i) => quote(headers[i] ?? '')).join(', ')}). Use the exact header text.`,
  );
}

function listHeaders(headers: readonly string[]): string {
  const shown = headers.filter((h) => h !== '');
  return shown.length > 0 ? shown.join(', ') : '(none)';
}

/** Where a column's header is, for messages: `"Phone" (column B)`. */
function describe(headers: readonly string[], column: number): string {
  return `${quote(headers[column] ?? '')} (column ${columnLetter(column)})`;
}

/**
 * Matches the header row to fields: ignoring case, spaces, `_`, `-` and `.`, by field name or
 * alias (fields.ts); First Name + Last Name make FullName, Address (Line 1) + Address Line 2
 * make Address. `mapping` ({"source header": "NexudusField"}) comes first; a column the
 * built-in matching would give the same field is then not used. A mapping target of `""` leaves
 * that column out. `Row` and `Errors` together (our errors file imported again) are not data.
 * @throws ImportError `missing-column` when CoworkerContractId, or FullName (or First/Last Name,
 *   or CoworkerId) has no column; `bad-mapping` for a mapping entry naming an unknown field or
 *   header, or two entries giving one field; `duplicate-header` for two columns that both match
 *   one field.
 */
export function matchHeaders(
  headers: readonly string[],
  mapping?: Readonly<Record<string, string>>,
  options: MatchOptions = {},
): HeaderMatch {
  const file = options.source ? basename(options.source) : 'The file';

  // Our own errors file imported again: Row and Errors are ours, not the source's data.
  const rowAt = headers.flatMap((h, i) => (headerKey(h) === 'row' ? [i] : []));
  const errorsAt = headers.flatMap((h, i) => (headerKey(h) === 'errors' ? [i] : []));
  let rowColumn = rowAt.length === 1 && errorsAt.length === 1 ? rowAt[0] : undefined;
  let errorsColumn = rowColumn === undefined ? undefined : errorsAt[0];

  const mapped = new Map<Slot, number>();
  const handled = new Set<number>();
  for (const [key, target] of Object.entries(mapping ?? {})) {
    const column = mappedColumn(headers, key, file);
    if (handled.has(column)) {
      throw new ImportError(
        'bad-mapping',
        `--mapping names the column ${describe(headers, column)} twice. Give each column once.`,
      );
    }
    handled.add(column);
    // A mapping entry for Row or Errors means they are the user's own columns after all.
    if (column === rowColumn || column === errorsColumn) rowColumn = errorsColumn = undefined;
    if (target.trim() === '') continue;
    const slot = slotOf(target);
    if (slot === undefined) throw unknownField(target);
    const other = mapped.get(slot);
    if (other !== undefined) {
      throw new ImportError(
        'bad-mapping',
        `--mapping gives ${slot} two columns, ${describe(headers, other)} and ${describe(headers, column)}. Map one of them only.`,
      );
    }
    mapped.set(slot, column);
  }

  const found = new Map<Slot, number>();
  const unknown: number[] = [];
  const unused: number[] = [];
  headers.forEach((header, column) => {
    if (handled.has(column) || column === rowColumn || column === errorsColumn) return;
    // A column without a header holds nothing we could name (a trailing delimiter, mostly).
    if (header === '') return;
    const slot = slotOf(header);
    if (slot === undefined) {
      unknown.push(column);
      return;
    }
    if (mapped.has(slot)) {
      unused.push(column);
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
    unused.push(...nameParts);
  } else if (nameParts.length > 0) {
    if (fields.FullName) unused.push(...fields.FullName.columns);
    fields.FullName = { columns: nameParts, joiner: ' ' };
  }
  const addressLines = [at('Address'), at('AddressLine2')].filter((c) => c !== undefined);
  if (addressLines.length > 0) fields.Address = { columns: addressLines, joiner: ', ' };

  checkRequired(fields, headers, file);

  const warnings: string[] = [];
  if (unknown.length > 0) {
    const names = unknown.map((c) => quote(headers[c] ?? '')).join(', ');
    warnings.push(
      unknown.length === 1
        ? `Ignoring the column ${names}: it matches no Nexudus field. Rename it or pass --mapping if it should be imported.`
        : `Ignoring ${unknown.length} columns that match no Nexudus field: ${names}. Rename them or pass --mapping if they should be imported.`,
    );
  }
  if (unused.length > 0) {
    unused.sort((a, b) => a - b);
    warnings.push(
      `Not using ${unused.map((c) => quote(headers[c] ?? '')).join(', ')}: other columns give ${unused.length === 1 ? 'its field' : 'their fields'}.`,
    );
  }

  const ignored = [...unknown, ...unused].sort((a, b) => a - b).map((c) => headers[c] ?? '');
  const sourceColumns = headers
    .map((_, i) => i)
    .filter((i) => i !== rowColumn && i !== errorsColumn);
  const columns: ColumnMap = {
    fields,
    sourceColumns,
    ignored,
    ...(rowColumn !== undefined && errorsColumn !== undefined ? { rowColumn, errorsColumn } : {}),
  };
  return { columns, warnings };
}

export function unknownField(target: string): ImportError {
  return new ImportError(
    'bad-mapping',
    `--mapping names the field ${quote(target)}, which is not a Nexudus ContractContact field. Use one of: ${FIELD_NAMES.join(', ')} (or FirstName, LastName, AddressLine2).`,
  );
}

function checkRequired(
  fields: Partial<Record<FieldName, FieldSource>>,
  headers: readonly string[],
  file: string,
): void {
  const missing: string[] = [];
  if (!fields.CoworkerContractId) missing.push("CoworkerContractId (the contract's Id)");
  if (!fields.FullName && !fields.CoworkerId) {
    missing.push("FullName (the contact's name, or First Name and Last Name, or a CoworkerId)");
  }
  if (missing.length === 0) return;
  throw new ImportError(
    'missing-column',
    `${file} has no column for ${missing.join(' nor for ')}. Its headers are: ${listHeaders(headers)}. Rename a column or pass --mapping.`,
  );
}
