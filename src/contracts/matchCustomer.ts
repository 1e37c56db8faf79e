import { isRunning, type ContractRecord } from './contractRecord.js';

const ACCENTS = /[\u0300-\u036f]/g;
const SPACES = /\s+/gu;

/**
 * A customer's text as SPEC "Finding the contract" compares it: ignoring case, accents and
 * spacing (`Jurgen  WEISS` is not `Jürgen Weiß`, but `jurgen weiß` is). ß and ø are letters of
 * their own, not accented ones, so they stay.
 */
export function customerKey(text: string): string {
  return text.normalize('NFD').replace(ACCENTS, '').toLowerCase().replace(SPACES, '');
}

/** The names a contract's customer is known by, as Nexudus holds them on the contract. */
export function customerNames(contract: ContractRecord): string[] {
  return [
    contract.CoworkerEmail,
    contract.CoworkerFullName,
    contract.CoworkerCompanyName,
    contract.CoworkerBillingName,
  ].filter((name): name is string => typeof name === 'string' && name.trim() !== '');
}

/** The contracts whose customer a text names, running ones and ended or cancelled ones apart. */
export interface CustomerMatch {
  readonly text: string;
  /** Active and not cancelled, in Id order. */
  readonly running: readonly ContractRecord[];
  /** Ended or cancelled, in Id order. */
  readonly ended: readonly ContractRecord[];
}

/**
 * The contracts of the customer `text` names (by email, full name, company name or billing name,
 * ignoring case, accents and spacing). Import takes one running contract from it; export takes
 * them all.
 */
export function matchCustomer(contracts: Iterable<ContractRecord>, text: string): CustomerMatch {
  const key = customerKey(text);
  const running: ContractRecord[] = [];
  const ended: ContractRecord[] = [];
  if (key !== '') {
    for (const contract of contracts) {
      if (!customerNames(contract).some((name) => customerKey(name) === key)) continue;
      (isRunning(contract) ? running : ended).push(contract);
    }
  }
  const byId = (a: ContractRecord, b: ContractRecord) => a.Id - b.Id;
  return { text, running: running.sort(byId), ended: ended.sort(byId) };
}

/**
 * Who a contract's customer is, in one cell (export's Customer column): the full name Nexudus
 * shows for the customer, else the company, billing name or email, whichever it holds. Each of
 * these is one a Customer cell is matched on.
 */
export function customerOf(contract: ContractRecord): string {
  const names = [
    contract.CoworkerFullName,
    contract.CoworkerCompanyName,
    contract.CoworkerBillingName,
    contract.CoworkerEmail,
  ];
  return names.find((name) => typeof name === 'string' && name.trim() !== '')?.trim() ?? '';
}
