import type { CoworkerContractRecord } from './account.js';
import { stableUuid } from './ids.js';

/**
 * The customers of option `customerContracts`: contracts 7201–7213, made to try naming a contract
 * by its customer (a Customer column) in every way it can go. Their coworkers (2101–2108) are
 * not in the coworkers list: a contract names its customer itself, which is all matching reads.
 *
 * | Contract | Customer (email)                   | Company            | Plan                | Start      | State     |
 * |----------|------------------------------------|--------------------|---------------------|------------|-----------|
 * | 7201     | Jane Acme (jane@acme.example)      | Acme Ltd           | Virtual Office Gold | 2024-03-01 | active    |
 * | 7202     | Jane Acme                          | Acme Ltd           | Mail Handling       | 2024-06-10 | active    |
 * | 7203     | Jane Acme                          | Acme Ltd           | Meeting Rooms       | 2023-01-01 | ended     |
 * | 7204     | Élise Fabre (elise@lumiere.example) | Café Lumière SARL | Virtual Office      | 2024-05-01 | active    |
 * | 7205     | Nordwind (info@nordwind.example)   | Nordwind GmbH      | Virtual Office      | 2022-02-01 | ended     |
 * | 7206     | Nordwind                           | Nordwind GmbH      | Mail Handling       | 2023-02-01 | ended     |
 * | 7207     | Tom Hale (tom@bright.example)      | Bright Ideas Ltd   | Virtual Office      | 2024-01-15 | active    |
 * | 7208     | Ana Ruiz (ana@bright-es.example)   | Bright Ideas Ltd   | Virtual Office      | 2024-07-01 | active    |
 * | 7209     | Ana Ruiz                           | Bright Ideas Ltd   | Virtual Office      | 2025-02-01 | active    |
 * | 7210     | Søren Dahl (soren@dahl.example)    | Dahl & Co ApS      | Virtual Office Gold | 2024-09-01 | active    |
 * | 7211     | Søren Dahl                         | Dahl & Co ApS      | Virtual Office Gold | 2023-09-01 | cancelled |
 * | 7212     | Mei Lin (mei@lin.example)          | (billing: Lin Trading Co) | Virtual Office | 2025-04-01 | active |
 * | 7213     | Old Mill (hello@oldmill.example)   | Old Mill Co        | Virtual Office      | 2024-02-01 | cancelled |
 *
 * Billing names are the company's, except Mei Lin's (no company; billed as Lin Trading Co).
 */
interface Customer {
  readonly coworker: number;
  readonly name: string;
  readonly email: string;
  readonly company: string;
  readonly billing: string;
}

const ACME: Customer = {
  coworker: 2101,
  name: 'Jane Acme',
  email: 'jane@acme.example',
  company: 'Acme Ltd',
  billing: 'Acme Ltd',
};
const FABRE: Customer = {
  coworker: 2102,
  name: 'Élise Fabre',
  email: 'elise@lumiere.example',
  company: 'Café Lumière SARL',
  billing: 'Café Lumière SARL',
};
const NORDWIND: Customer = {
  coworker: 2103,
  name: 'Nordwind',
  email: 'info@nordwind.example',
  company: 'Nordwind GmbH',
  billing: 'Nordwind GmbH',
};
const HALE: Customer = {
  coworker: 2104,
  name: 'Tom Hale',
  email: 'tom@bright.example',
  company: 'Bright Ideas Ltd',
  billing: 'Bright Ideas Ltd',
};
const RUIZ: Customer = {
  coworker: 2105,
  name: 'Ana Ruiz',
  email: 'ana@bright-es.example',
  company: 'Bright Ideas Ltd',
  billing: 'Bright Ideas Ltd',
};
const DAHL: Customer = {
  coworker: 2106,
  name: 'Søren Dahl',
  email: 'soren@dahl.example',
  company: 'Dahl & Co ApS',
  billing: 'Dahl & Co ApS',
};
const LIN: Customer = {
  coworker: 2107,
  name: 'Mei Lin',
  email: 'mei@lin.example',
  company: '',
  billing: 'Lin Trading Co',
};

const OLD_MILL: Customer = {
  coworker: 2108,
  name: 'Old Mill',
  email: 'hello@oldmill.example',
  company: 'Old Mill Co',
  billing: 'Old Mill Co',
};

type State = 'active' | 'ended' | 'cancelled';

function contract(
  Id: number,
  customer: Customer,
  TariffName: string,
  start: string,
  state: State,
): CoworkerContractRecord {
  return {
    Id,
    CoworkerId: customer.coworker,
    CoworkerFullName: customer.name,
    CoworkerEmail: customer.email,
    CoworkerCompanyName: customer.company,
    CoworkerBillingName: customer.billing,
    TariffName,
    // A cancelled contract runs until its CancellationDate; these have passed it or not, either
    // way the import takes only active, not cancelled ones.
    Active: state !== 'ended',
    Cancelled: state === 'cancelled',
    CancellationDate: state === 'cancelled' ? '2026-12-31T00:00:00Z' : null,
    StartDate: `${start}T00:00:00Z`,
    CreatedOn: `${start}T09:00:00Z`,
    UpdatedOn: `${start}T09:00:00Z`,
    UniqueId: stableUuid(`coworkercontract:${Id}`),
  };
}

export const CUSTOMER_CONTRACTS: readonly CoworkerContractRecord[] = [
  contract(7201, ACME, 'Virtual Office Gold', '2024-03-01', 'active'),
  contract(7202, ACME, 'Mail Handling', '2024-06-10', 'active'),
  contract(7203, ACME, 'Meeting Rooms', '2023-01-01', 'ended'),
  contract(7204, FABRE, 'Virtual Office', '2024-05-01', 'active'),
  contract(7205, NORDWIND, 'Virtual Office', '2022-02-01', 'ended'),
  contract(7206, NORDWIND, 'Mail Handling', '2023-02-01', 'ended'),
  contract(7207, HALE, 'Virtual Office', '2024-01-15', 'active'),
  contract(7208, RUIZ, 'Virtual Office', '2024-07-01', 'active'),
  contract(7209, RUIZ, 'Virtual Office', '2025-02-01', 'active'),
  contract(7210, DAHL, 'Virtual Office Gold', '2024-09-01', 'active'),
  contract(7211, DAHL, 'Virtual Office Gold', '2023-09-01', 'cancelled'),
  contract(7212, LIN, 'Virtual Office', '2025-04-01', 'active'),
  contract(7213, OLD_MILL, 'Virtual Office', '2024-02-01', 'cancelled'),
];
