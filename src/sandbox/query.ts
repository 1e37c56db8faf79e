/**
 * The query string of a list request. .NET binds parameter names ignoring case, so lookups here
 * ignore case too.
 */
export class ListQuery {
  private readonly params: [string, string][];

  constructor(search: URLSearchParams) {
    this.params = [...search.entries()];
  }

  /** The last value of a parameter, its name matched ignoring case. */
  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    let value: string | undefined;
    for (const [key, v] of this.params) if (key.toLowerCase() === lower) value = v;
    return value;
  }

  /** `Entity_Property=value` filters for this entity, e.g. `ContractContact_CoworkerContract`. */
  filters(entity: string): { property: string; value: string }[] {
    const prefix = `${entity.toLowerCase()}_`;
    return this.params
      .filter(([key]) => key.toLowerCase().startsWith(prefix))
      .map(([key, value]) => ({ property: key.slice(prefix.length), value }));
  }
}

/**
 * The Ids of `?id=[1,2,3]`; `id=1,2,3`, `id=1&id=2` and a single `id=5` are tolerated too.
 * Undefined when no `id` is given; `'invalid'` when one of them is not a whole number.
 */
export function parseIds(search: URLSearchParams): number[] | 'invalid' | undefined {
  const values = [...search.entries()].filter(([k]) => k.toLowerCase() === 'id').map(([, v]) => v);
  if (values.length === 0) return undefined;
  const ids: number[] = [];
  for (const value of values) {
    const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
    for (const part of inner.split(',')) {
      const text = part.trim();
      if (text === '') continue;
      if (!/^-?\d+$/.test(text)) return 'invalid';
      ids.push(Number(text));
    }
  }
  return ids;
}

type Row = Record<string, unknown>;

/**
 * The record property a filter or `orderBy` names, among an entity's `known` properties,
 * ignoring case. A link filter drops the Id suffix (`ContractContact_CoworkerContract` is
 * `CoworkerContractId`), so that form matches too. Undefined when the entity has no such property.
 */
export function resolveProperty(known: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return (
    known.find((k) => k.toLowerCase() === lower) ??
    known.find((k) => k.toLowerCase() === `${lower}id`)
  );
}

/**
 * Whether a record passes a filter on `property` (already resolved): numbers and booleans must be
 * equal; text must contain the value, ignoring case. Nexudus does not document exact vs
 * substring; substring returns the superset, so a client that compares exactly on its side (as
 * API-FACTS tells it to) works against either. A record without the property never matches.
 */
export function matchesFilter(record: Row, property: string, wanted: string): boolean {
  const value = record[property];
  if (value === undefined || value === null) return false;
  if (typeof value === 'number') return wanted.trim() !== '' && Number(wanted) === value;
  if (typeof value === 'boolean') return wanted.trim().toLowerCase() === String(value);
  return String(value).toLowerCase().includes(wanted.toLowerCase());
}

/**
 * Sort in place by `property` (already resolved; Id when undefined), `dir` = `Ascending` /
 * `Descending` (also `asc` / `desc`). Records without the property come first; ties by Id.
 */
export function sortRecords<T extends Row>(
  records: T[],
  property: string | undefined,
  dir: string | undefined,
): T[] {
  const sign = isDescending(dir) ? -1 : 1;
  const key = property ?? 'Id';
  return records.sort((a, b) => sign * compare(a[key], b[key]) || compare(a.Id, b.Id));
}

/** Whether `dir` asks for descending order (`Descending` or `desc`, any case). */
export function isDescending(dir: string | undefined): boolean {
  return /^desc(ending)?$/i.test(dir?.trim() ?? '');
}

function compare(x: unknown, y: unknown): number {
  if (x === y) return 0;
  if (x === undefined || x === null) return -1;
  if (y === undefined || y === null) return 1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y));
}
