import type { FieldDef } from '../fields.js';
import type { ContractRecord } from '../contracts/contractRecord.js';
import { customerOf } from '../contracts/matchCustomer.js';
import { EXPORT_COLUMNS } from './columns.js';

/**
 * One cell of an export, typed as a person entering it in the template leaves it: a number (Ids,
 * scores), a date (its UTC fields are the wall clock Nexudus shows), text, or nothing.
 */
export type ExportValue = string | number | Date | undefined;

/** What turns a contact's Ids into words: its contract (Customer, Plan) and its country's name. */
export interface ExportLookups {
  contract(id: number): ContractRecord | undefined;
  /** The template's dropdown name of a Nexudus country Id. */
  countryName(id: number): string | undefined;
}

/**
 * A date as Nexudus writes it (`2025-01-15T10:30:00Z`, `1980-12-31T00:00:00`): its wall clock,
 * the offset ignored as the importer ignores it (Nexudus reads dates as the space's local time).
 */
const NEXUDUS_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export function wallClockDate(text: string): Date | undefined {
  const m = NEXUDUS_DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(
    Date.UTC(year, month - 1, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)),
  );
  // 2025-02-30 is not a date: kept as the text it is rather than shown as 2 March.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date;
}

/** Whether a date carries a time of day (it is shown, so the file says what Nexudus holds). */
export function hasTime(date: Date): boolean {
  return date.getTime() % 86_400_000 !== 0;
}

function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A field's value as the template takes it, so that importing it gives back the same value. */
function fieldValue(def: FieldDef, value: unknown, lookups: ExportLookups): ExportValue {
  if (value === null || value === undefined || value === '') return undefined;
  switch (def.kind) {
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : textOf(value);
    case 'enum': {
      const known = def.values?.find((v) => v.value === value || v.name === value);
      return known ? known.label : textOf(value);
    }
    case 'country':
      return typeof value === 'number' ? (lookups.countryName(value) ?? value) : textOf(value);
    case 'date':
      return typeof value === 'string' ? (wallClockDate(value) ?? value) : textOf(value);
    default:
      return textOf(value);
  }
}

/** One contact as a row of an export, a value per EXPORT_COLUMNS entry. */
export function exportRow(record: Record<string, unknown>, lookups: ExportLookups): ExportValue[] {
  const contractId = record.CoworkerContractId;
  const contract = typeof contractId === 'number' ? lookups.contract(contractId) : undefined;
  return EXPORT_COLUMNS.map((column): ExportValue => {
    switch (column.kind) {
      case 'id':
        return typeof record.Id === 'number' ? record.Id : undefined;
      case 'field':
        return fieldValue(column.def, record[column.header], lookups);
      case 'context':
        switch (column.header) {
          case 'Customer':
            return contract ? customerOf(contract) || undefined : undefined;
          case 'Plan':
            return textOf(contract?.TariffName ?? record.CoworkerContractTariffName);
          default: {
            const text = textOf(record[column.header]);
            return text === undefined ? undefined : (wallClockDate(text) ?? text);
          }
        }
    }
  });
}
