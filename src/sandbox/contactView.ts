import type { CoworkerContractRecord, CoworkerRecord } from './account.js';
import type { CountryRecord } from './countries.js';
import type { ContractContactRecord, ContractContactView } from './types.js';
import { CONTACT_FIELD_NAMES } from './validate.js';

/** The records a contact's read-only fields are read from. */
export interface ViewLookups {
  contract(id: number): CoworkerContractRecord | undefined;
  coworker(id: number): CoworkerRecord | undefined;
  country(id: number): CountryRecord | undefined;
}

/**
 * The read-only fields of a read contract contact, in the order a GET shows them (after `Id` and
 * the writable fields). A create or update that sends them has them ignored.
 */
export const READ_ONLY_FIELDS = [
  'UniqueId',
  'CreatedOn',
  'UpdatedOn',
  'UpdatedBy',
  'CountryName',
  'CoworkerContractTariffName',
  'CoworkerFullName',
  'CoworkerCompanyName',
  'CoworkerBillingName',
  'CoworkerEmail',
  'CoworkerActive',
  'IsNew',
  'SystemId',
] as const;

/**
 * A stored contact as GET shows it: `Id`, every writable field (`null` when not held, as Nexudus
 * serialises a record), then the read-only fields, the linked records' ones looked up now (a
 * coworker's name is the coworker's, whatever it was when the contact was written).
 */
export function contactView(
  record: ContractContactRecord,
  lookups: ViewLookups,
): ContractContactView {
  const stored = record as unknown as Record<string, string | number | undefined>;
  const view: ContractContactView = { Id: record.Id };
  for (const name of CONTACT_FIELD_NAMES) view[name] = stored[name] ?? null;
  const coworker =
    record.CoworkerId === undefined ? undefined : lookups.coworker(record.CoworkerId);
  const country = record.CountryId === undefined ? undefined : lookups.country(record.CountryId);
  view.UniqueId = record.UniqueId;
  view.CreatedOn = record.CreatedOn;
  view.UpdatedOn = record.UpdatedOn;
  view.UpdatedBy = record.UpdatedBy ?? null;
  view.CountryName = country?.Name ?? null;
  view.CoworkerContractTariffName = lookups.contract(record.CoworkerContractId)?.TariffName ?? null;
  view.CoworkerFullName = coworker?.FullName ?? null;
  view.CoworkerCompanyName = coworker?.CompanyName ?? null;
  view.CoworkerBillingName = coworker?.CompanyName ?? null;
  view.CoworkerEmail = coworker?.Email ?? null;
  view.CoworkerActive = coworker?.Active ?? null;
  view.IsNew = false;
  view.SystemId = null;
  return view;
}
