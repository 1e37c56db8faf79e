import { paginate } from '../paging.js';
import { matchesFilter, parseIds, resolveProperty, sortRecords } from '../query.js';
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
  readonly get: (id: number) => T | undefined;
}

const INVALID_IDS: Reply = { status: 400, body: { Message: 'The request is invalid.' } };

/**
 * The two read routes every Nexudus entity has: the paged list (with `?id=[…]`, filters,
 * `orderBy`/`dir`, `page`/`size`) and one record by Id.
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
        const chosen = ids ? [...new Set(ids)].map((id) => source.get(id)) : source.all();
        // filter() copies, so sorting in place below never reorders the source.
        let records = chosen.filter((r) => r !== undefined) as unknown as Row[];
        for (const { property, value } of query.filters(source.entity)) {
          const key = resolveProperty(source.properties, property);
          if (key) records = records.filter((r) => matchesFilter(r, key, value));
        }
        const orderBy = query.get('orderBy');
        const key = orderBy === undefined ? undefined : resolveProperty(source.properties, orderBy);
        sortRecords(records, key, query.get('dir'));
        return { status: 200, body: paginate(records, query.get('page'), query.get('size')) };
      },
    },
    {
      method: 'GET',
      pattern: `${source.path}/{id}`,
      auth: true,
      handler({ id }) {
        const record = id !== undefined && /^\d+$/.test(id) ? source.get(Number(id)) : undefined;
        return record ? { status: 200, body: record } : NOT_FOUND;
      },
    },
  ];
}
