import { paginate } from '../paging.js';
import { isDescending, matchesFilter, parseIds, resolveProperty, sortRecords } from '../query.js';
import { NOT_FOUND, type Reply } from '../reply.js';
import type { Route } from './types.js';

type Row = Record<string, unknown>;

/** How to read one entity: its name in filters, its URL, its records and their properties. */
export interface ListSource<T extends object> {
  /** The filter prefix, e.g. `ContractContact` in `ContractContact_CoworkerContract=7101`. */
  readonly entity: string;
  /** e.g. `/api/billing/contractcontacts`. */
  readonly path: string;
  /** Every property a record of this entity can have (stored records leave nulls out). */
  readonly properties: readonly string[];
  readonly all: () => readonly T[];
  /** Whether `all()` is in Id order already (the list's default order needs no sort then). */
  readonly inIdOrder?: boolean;
  readonly get: (id: number) => T | undefined;
  /**
   * How a record is shown, when that is more than it is stored as (filters and `orderBy` see
   * the stored record). Default: as stored.
   */
  readonly view?: (record: T) => object;
}

const INVALID_IDS: Reply = { status: 400, body: { Message: 'The request is invalid.' } };

/**
 * The two read routes every Nexudus entity has: the paged list (with `?id=[…]`, filters,
 * `orderBy`/`dir`, `page`/`size`) and one record by Id (`404 "Not found"` when there is none).
 * `?id=[…]` is paged like any list (25 a page unless `size` says more, up to 1000); Ids of no
 * record are left out, repeated ones shown once.
 */
export function listRoutes<T extends object>(source: ListSource<T>): Route[] {
  return [
    {
      method: 'GET',
      pattern: source.path,
      auth: true,
      handler({ search, query }) {
        const ids = parseIds(search);
        if (ids === 'invalid') return INVALID_IDS;
        let records = (ids
          ? [...new Set(ids)].map((id) => source.get(id)).filter((r) => r !== undefined)
          : source.all()) as unknown as Row[];
        let copied = ids !== undefined;
        for (const { property, value } of query.filters(source.entity)) {
          const key = resolveProperty(source.properties, property);
          if (key) {
            records = records.filter((r) => matchesFilter(r, key, value));
            copied = true;
          }
        }
        const orderBy = query.get('orderBy');
        const key = orderBy === undefined ? undefined : resolveProperty(source.properties, orderBy);
        const dir = query.get('dir');
        // A large account's list is read page by page: spare each page a sort of every record.
        const sorted = source.inIdOrder && !ids && key === undefined && !isDescending(dir);
        if (!sorted) records = sortRecords(copied ? records : [...records], key, dir);
        const page = paginate(records, query.get('page'), query.get('size'));
        const { view } = source;
        if (view) page.Records = page.Records.map((r) => view(r as unknown as T) as Row);
        return { status: 200, body: page };
      },
    },
    {
      method: 'GET',
      pattern: `${source.path}/{id}`,
      auth: true,
      handler({ id }) {
        const record = id !== undefined && /^\d+$/.test(id) ? source.get(Number(id)) : undefined;
        if (!record) return NOT_FOUND;
        return { status: 200, body: source.view ? source.view(record) : record };
      },
    },
  ];
}
