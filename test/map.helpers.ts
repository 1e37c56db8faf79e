import { FIELD_NAMES, type FieldName } from '../src/fields.js';
import { matchHeaders } from '../src/map/index.js';
import type { Country, MapContext } from '../src/map/types.js';
import type { CellValue, SourceRow } from '../src/read/types.js';

/** A header row with every field under its own name, in fields.ts order. */
export const ALL_HEADERS: readonly string[] = FIELD_NAMES;

/** A small account: Ids that are not 1..N, as in a real account. */
export const COUNTRIES: readonly Country[] = [
  { Id: 1001, Name: 'United Kingdom', TwoDigitsCode: 'GB' },
  { Id: 1002, Name: 'France', TwoDigitsCode: 'FR' },
  { Id: 1003, Name: 'United States', TwoDigitsCode: 'US' },
  { Id: 1004, Name: 'Netherlands', TwoDigitsCode: 'NL' },
  { Id: 1005, Name: 'Korea, Republic of', TwoDigitsCode: 'KR' },
  { Id: 1006, Name: 'Russian Federation', TwoDigitsCode: 'RU' },
  { Id: 1007, Name: 'Czechia', TwoDigitsCode: 'CZ' },
  { Id: 1008, Name: "Côte d'Ivoire", TwoDigitsCode: 'CI' },
  { Id: 1009, Name: 'Germany', TwoDigitsCode: 'DE' },
  { Id: 1010, Name: 'Ireland', TwoDigitsCode: 'IE' },
  { Id: 1011, Name: 'Deutsche Demokratische Republik', TwoDigitsCode: 'XD' },
];

/** 15 January 2026, noon, local time. */
export const NOW = new Date(2026, 0, 15, 12, 0, 0);

/** A context over ALL_HEADERS: DateOfBirth day-first, AmlCheckDate month-first, AmlClearedOn unsettled. */
export function context(overrides: Partial<MapContext> = {}): MapContext {
  return {
    columns: matchHeaders(ALL_HEADERS).columns,
    dateOrders: { DateOfBirth: 'DMY', AmlCheckDate: 'MDY' },
    decimalComma: false,
    countries: COUNTRIES,
    now: NOW,
    ...overrides,
  };
}

/** A row over ALL_HEADERS: a valid contract and name unless `values` says otherwise. */
export function rowOf(values: Partial<Record<FieldName, CellValue>>, row = 2): SourceRow {
  const all: Partial<Record<FieldName, CellValue>> = {
    CoworkerContractId: '7101',
    FullName: 'Ann Lee',
    ...values,
  };
  return { row, cells: FIELD_NAMES.map((name) => all[name] ?? null) };
}

/** Column position of a field in ALL_HEADERS. */
export function col(name: FieldName): number {
  return FIELD_NAMES.indexOf(name);
}
