import { COWORKERS, type CoworkerContractRecord } from '../account.js';
import { COUNTRIES } from '../countries.js';
import { listRoutes } from './list.js';
import type { Route } from './types.js';

function byId<T extends { Id: number }>(records: readonly T[]): (id: number) => T | undefined {
  const map = new Map(records.map((r) => [r.Id, r]));
  return (id) => map.get(id);
}

function keysOf(records: readonly object[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r)))];
}

/**
 * The read-only lists of the fake account: countries, coworker contracts (the account's, with
 * any `extraContracts`), coworkers.
 */
export function referenceRoutes(contracts: readonly CoworkerContractRecord[]): Route[] {
  return [
    ...listRoutes({
      entity: 'Country',
      path: '/api/sys/countries',
      properties: keysOf(COUNTRIES),
      all: () => COUNTRIES,
      get: byId(COUNTRIES),
    }),
    ...listRoutes({
      entity: 'CoworkerContract',
      path: '/api/billing/coworkercontracts',
      properties: keysOf(contracts),
      all: () => contracts,
      get: byId(contracts),
    }),
    ...listRoutes({
      entity: 'Coworker',
      path: '/api/spaces/coworkers',
      properties: keysOf(COWORKERS),
      all: () => COWORKERS,
      get: byId(COWORKERS),
    }),
  ];
}
