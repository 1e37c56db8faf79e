import { COWORKER_CONTRACTS, COWORKERS } from '../account.js';
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

/** The read-only lists of the fake account: countries, coworker contracts, coworkers. */
export const referenceRoutes: readonly Route[] = [
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
    properties: keysOf(COWORKER_CONTRACTS),
    all: () => COWORKER_CONTRACTS,
    get: byId(COWORKER_CONTRACTS),
  }),
  ...listRoutes({
    entity: 'Coworker',
    path: '/api/spaces/coworkers',
    properties: keysOf(COWORKERS),
    all: () => COWORKERS,
    get: byId(COWORKERS),
  }),
];
