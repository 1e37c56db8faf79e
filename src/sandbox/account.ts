import { countryByCode } from './countries.js';
import { stableUuid } from './ids.js';
import type { ContractContactRecord } from './types.js';

/**
 * The sandbox's fake Nexudus account. The samples and the importer's tests name these Ids, so
 * change them only together.
 *
 * | Coworker | Name              | Email                        | Company                  |
 * |----------|-------------------|------------------------------|--------------------------|
 * | 2001     | Olivia Bennett    | olivia.bennett@example.com   | Bennett Design Ltd       |
 * | 2002     | Amélie Durand     | amelie.durand@example.com    | Durand Conseil SARL      |
 * | 2003     | Jürgen Weiß       | juergen.weiss@example.com    | Weiß Ingenieure GmbH     |
 * | 2004     | Siobhán O'Connor  | siobhan.oconnor@example.com  | O'Connor Legal Ltd       |
 * | 2005     | Rahul Mehta       | rahul.mehta@example.com      | Mehta Analytics Pvt Ltd  |
 * | 2006     | Chloé Martin      | chloe.martin@example.com     | Martin & Fils            |
 * | 2007     | Lars Østergaard   | lars.ostergaard@example.com  | Østergaard ApS           |
 * | 2008     | Sofia Rossi       | sofia.rossi@example.com      | Rossi Studio Srl         |
 *
 * | Contract | Coworker | Tariff         | Active | StartDate  |
 * |----------|----------|----------------|--------|------------|
 * | 7101     | 2001     | Virtual Office | yes    | 2024-02-01 |
 * | 7102     | 2002     | Virtual Office | yes    | 2024-04-15 |
 * | 7103     | 2003     | Virtual Office | yes    | 2024-09-01 |
 * | 7104     | 2004     | Virtual Office | yes    | 2025-01-06 |
 * | 7105     | 2005     | Virtual Office | yes    | 2025-03-01 |
 * | 7106     | 2006     | Virtual Office | **no** | 2023-06-01 |
 *
 * Coworkers 2007 and 2008 hold no contract (they can still be a contact's CoworkerId). The option
 * `extraContracts: n` adds contracts 8001..8000+n (see `accountContracts`); the option
 * `customerContracts` adds 7201–7213, customers with several contracts (see `customers.ts`).
 *
 * Contacts at the start (unless `existingContacts: false`); each new one gets the next Id
 * (87650003 on a fresh account, 87650001 with `existingContacts: false`):
 *
 * | Id       | Contract | FullName       | Type             | AmlCheckStatus | CoworkerId | Email                      | CreatedOn  | UpdatedOn  |
 * |----------|----------|----------------|------------------|----------------|------------|----------------------------|------------|------------|
 * | 87650001 | 7101     | Olivia Bennett | 1 Director       | 2 Clear        | 2001       | olivia.bennett@example.com | 2024-02-01 | 2025-03-14 |
 * | 87650002 | 7102     | Durand Conseil | 2 CompanyAlias   | 0 NotStarted   |            |                            | 2024-04-16 | 2024-04-16 |
 *
 * The option `extraContacts: n` adds n more after them (see `extraContacts.ts`).
 *
 * Countries: every ISO country, Id = 1000 + ISO numeric code (see `countries.ts`).
 */

/** A record of `GET /api/spaces/coworkers`. */
export interface CoworkerRecord {
  Id: number;
  FullName: string;
  Email: string;
  CompanyName: string;
  CityName: string;
  CountryId: number;
  Active: boolean;
  CreatedOn: string;
  UpdatedOn: string;
  UniqueId: string;
}

/** A record of `GET /api/billing/coworkercontracts`. */
export interface CoworkerContractRecord {
  Id: number;
  CoworkerId: number;
  CoworkerFullName: string;
  CoworkerEmail: string;
  CoworkerCompanyName: string;
  /** The name the customer is invoiced under: the company's, as the sandbox's customers are. */
  CoworkerBillingName: string;
  TariffName: string;
  Active: boolean;
  /** Cancelled (it may still be active until its CancellationDate): none in the sandbox. */
  Cancelled: boolean;
  CancellationDate: string | null;
  StartDate: string;
  CreatedOn: string;
  UpdatedOn: string;
  UniqueId: string;
}

/** The first Id a contract contact gets in an empty store (Nexudus Ids are large, never 1..N). */
export const FIRST_CONTACT_ID = 87650001;

const ACCOUNT_CREATED = '2023-05-02T08:30:00Z';

function coworker(
  Id: number,
  FullName: string,
  Email: string,
  CompanyName: string,
  CityName: string,
  country: string,
): CoworkerRecord {
  return {
    Id,
    FullName,
    Email,
    CompanyName,
    CityName,
    CountryId: countryByCode(country).Id,
    Active: true,
    CreatedOn: ACCOUNT_CREATED,
    UpdatedOn: ACCOUNT_CREATED,
    UniqueId: stableUuid(`coworker:${Id}`),
  };
}

export const COWORKERS: readonly CoworkerRecord[] = [
  coworker(
    2001,
    'Olivia Bennett',
    'olivia.bennett@example.com',
    'Bennett Design Ltd',
    'London',
    'GB',
  ),
  coworker(
    2002,
    'Amélie Durand',
    'amelie.durand@example.com',
    'Durand Conseil SARL',
    'Paris',
    'FR',
  ),
  coworker(
    2003,
    'Jürgen Weiß',
    'juergen.weiss@example.com',
    'Weiß Ingenieure GmbH',
    'München',
    'DE',
  ),
  coworker(
    2004,
    "Siobhán O'Connor",
    'siobhan.oconnor@example.com',
    "O'Connor Legal Ltd",
    'Dublin',
    'IE',
  ),
  coworker(
    2005,
    'Rahul Mehta',
    'rahul.mehta@example.com',
    'Mehta Analytics Pvt Ltd',
    'Mumbai',
    'IN',
  ),
  coworker(2006, 'Chloé Martin', 'chloe.martin@example.com', 'Martin & Fils', 'Lyon', 'FR'),
  coworker(
    2007,
    'Lars Østergaard',
    'lars.ostergaard@example.com',
    'Østergaard ApS',
    'København',
    'DK',
  ),
  coworker(2008, 'Sofia Rossi', 'sofia.rossi@example.com', 'Rossi Studio Srl', 'Milano', 'IT'),
];

function contract(
  Id: number,
  coworkerId: number,
  start: string,
  Active = true,
): CoworkerContractRecord {
  const owner = COWORKERS.find((c) => c.Id === coworkerId);
  if (!owner) throw new Error(`no coworker ${coworkerId}`);
  return {
    Id,
    CoworkerId: owner.Id,
    CoworkerFullName: owner.FullName,
    CoworkerEmail: owner.Email,
    CoworkerCompanyName: owner.CompanyName,
    CoworkerBillingName: owner.CompanyName,
    TariffName: 'Virtual Office',
    Active,
    Cancelled: false,
    CancellationDate: null,
    StartDate: `${start}T00:00:00Z`,
    CreatedOn: `${start}T09:00:00Z`,
    UpdatedOn: `${start}T09:00:00Z`,
    UniqueId: stableUuid(`coworkercontract:${Id}`),
  };
}

export const COWORKER_CONTRACTS: readonly CoworkerContractRecord[] = [
  contract(7101, 2001, '2024-02-01'),
  contract(7102, 2002, '2024-04-15'),
  contract(7103, 2003, '2024-09-01'),
  contract(7104, 2004, '2025-01-06'),
  contract(7105, 2005, '2025-03-01'),
  contract(7106, 2006, '2023-06-01', false),
];

/** Where the contracts of `extraContracts` start: 8001, 8002, … (clear of 7101–7106). */
export const FIRST_EXTRA_CONTRACT = 8001;

/**
 * The account's contracts with `extra` more (option `extraContracts`): 8001..8000+extra, active,
 * Virtual Office, owned in turn by coworkers 2001–2008. For benchmarks and tests that need a
 * file spread over many contracts (preflight reads each contract's contacts once).
 */
export function accountContracts(
  extra = 0,
  customers: readonly CoworkerContractRecord[] = [],
): readonly CoworkerContractRecord[] {
  if (extra === 0) return [...COWORKER_CONTRACTS, ...customers];
  const more = Array.from({ length: extra }, (_, i) =>
    contract(FIRST_EXTRA_CONTRACT + i, COWORKERS[i % COWORKERS.length]?.Id ?? 2001, '2025-06-02'),
  );
  return [...COWORKER_CONTRACTS, ...customers, ...more];
}

/** Who wrote the account's starting contacts: a member of the space's team, not the API user. */
export const TEAM_MEMBER = 'frontdesk@sandbox.test';

/** The contacts the account starts with (fresh copies on every call). */
export function initialContacts(): ContractContactRecord[] {
  return [
    {
      Id: FIRST_CONTACT_ID,
      CoworkerContractId: 7101,
      FullName: 'Olivia Bennett',
      ContractContactType: 1,
      AmlCheckStatus: 2,
      CoworkerId: 2001,
      Email: 'olivia.bennett@example.com',
      CreatedOn: '2024-02-01T10:12:00Z',
      UpdatedOn: '2025-03-14T16:40:00Z',
      UpdatedBy: TEAM_MEMBER,
      UniqueId: stableUuid(`contractcontact:${FIRST_CONTACT_ID}`),
    },
    {
      Id: FIRST_CONTACT_ID + 1,
      CoworkerContractId: 7102,
      FullName: 'Durand Conseil',
      ContractContactType: 2,
      AmlCheckStatus: 0,
      CreatedOn: '2024-04-16T09:05:00Z',
      UpdatedOn: '2024-04-16T09:05:00Z',
      UpdatedBy: TEAM_MEMBER,
      UniqueId: stableUuid(`contractcontact:${FIRST_CONTACT_ID + 1}`),
    },
  ];
}
