import { ImportError } from '../errors.js';
import { CUSTOMER_COLUMN, FIELD_NAMES, PLAN_COLUMN } from '../fields.js';
import { columnLetter, headerKey, slotOf, type Slot } from './slots.js';
import type { LeftOut } from './types.js';

/** The columns the user named on the command line: by `--mapping` and by `--ignore-column`. */
export interface NamedColumns {
  /** The slot each `--mapping` entry gives, and its column. */
  readonly mapped: ReadonlyMap<Slot, number>;
  /**
   * Every column named: `mapping` (mapped to `""`), `ignore-column`, or undefined (mapped to a
   * field).
   */
  readonly handled: ReadonlyMap<number, LeftOut | undefined>;
  /** The columns `--mapping` gives the contract's Customer and Plan (`{"Client": "Customer"}`). */
  readonly contractNames: ReadonlyMap<ContractName, number>;
}

/** What `--mapping` may name besides the fields: the columns naming the row's contract. */
export type ContractName = typeof CUSTOMER_COLUMN | typeof PLAN_COLUMN;
const CONTRACT_NAMES: readonly ContractName[] = [CUSTOMER_COLUMN, PLAN_COLUMN];

/** Whether a `--mapping` target names Customer or Plan (matched as headers are). */
export function isContractName(target: string): boolean {
  return CONTRACT_NAMES.some((n) => headerKey(n) === headerKey(target));
}

const quote = (header: string): string => `"${header}"`;

/**
 * Finds the column a `--mapping` key or an `--ignore-column` name names: its exact text, else
 * ignoring case and spacing.
 */
function namedColumn(
  headers: readonly string[],
  key: string,
  file: string,
  flag: '--mapping' | '--ignore-column',
): number {
  const exact = key.trim() === '' ? -1 : headers.indexOf(key.trim());
  if (exact >= 0) return exact;
  const k = headerKey(key);
  const found = k === '' ? [] : headers.flatMap((h, i) => (headerKey(h) === k ? [i] : []));
  if (found.length === 1 && found[0] !== undefined) return found[0];
  throw new ImportError(
    flag === '--mapping' ? 'bad-mapping' : 'usage',
    found.length === 0
      ? `${flag} names the column ${quote(key)}, which ${file} does not have. Its headers are: ${listHeaders(headers)}.`
      : `${flag} names the column ${quote(key)}, which matches several columns of ${file} (${found.map((i) => quote(headers[i] ?? '')).join(', ')}). Use the exact header text.`,
  );
}

export function listHeaders(headers: readonly string[]): string {
  const shown = headers.filter((h) => h !== '');
  return shown.length > 0 ? shown.join(', ') : '(none)';
}

/** Where a column's header is, for messages: `"Phone" (column B)`. */
export function describe(headers: readonly string[], column: number): string {
  return `${quote(headers[column] ?? '')} (column ${columnLetter(column)})`;
}

/**
 * Resolves `--mapping` ({"source header": "NexudusField"}, `""` leaving the column out) and the
 * `--ignore-column` names against the header row.
 * @throws ImportError `bad-mapping` for a mapping entry naming an unknown field or header, a
 *   column twice, or two columns for one field; `usage` for an `--ignore-column` naming no
 *   header, or a column --mapping names too.
 */
export function namedColumns(
  headers: readonly string[],
  mapping: Readonly<Record<string, string>>,
  ignore: readonly string[],
  file: string,
): NamedColumns {
  const mapped = new Map<Slot, number>();
  const handled = new Map<number, LeftOut | undefined>();
  const contractNames = new Map<ContractName, number>();
  for (const [key, target] of Object.entries(mapping)) {
    const column = namedColumn(headers, key, file, '--mapping');
    if (handled.has(column)) {
      throw new ImportError(
        'bad-mapping',
        `--mapping names the column ${describe(headers, column)} twice. Give each column once.`,
      );
    }
    if (target.trim() === '') {
      handled.set(column, 'mapping');
      continue;
    }
    handled.set(column, undefined);
    const name = CONTRACT_NAMES.find((n) => headerKey(n) === headerKey(target));
    if (name !== undefined) {
      const other = contractNames.get(name);
      if (other !== undefined) {
        throw new ImportError(
          'bad-mapping',
          `--mapping gives ${name} two columns, ${describe(headers, other)} and ${describe(headers, column)}. Map one of them only.`,
        );
      }
      contractNames.set(name, column);
      handled.set(column, name === CUSTOMER_COLUMN ? 'customer' : 'plan');
      continue;
    }
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
  for (const name of ignore) {
    const column = namedColumn(headers, name, file, '--ignore-column');
    const already = handled.get(column);
    if (already === 'ignore-column') continue; // the same name twice: no harm
    if (handled.has(column)) {
      throw new ImportError(
        'usage',
        `--ignore-column and --mapping both name the column ${describe(headers, column)}. Use one of them.`,
      );
    }
    handled.set(column, 'ignore-column');
  }

  return { mapped, handled, contractNames };
}

export function unknownField(target: string): ImportError {
  return new ImportError(
    'bad-mapping',
    `--mapping names the field ${quote(target)}, which is not a Nexudus ContractContact field. Use one of: ${FIELD_NAMES.join(', ')} (or FirstName, LastName, AddressLine2; or Customer, Plan).`,
  );
}
