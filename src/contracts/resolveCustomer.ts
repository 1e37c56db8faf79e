import type { ContractRecord } from './contractRecord.js';
import { customerKey, matchCustomer } from './matchCustomer.js';

/** What a row's Customer (and Plan) cells come to: one contract's Id, or why there is none. */
export type CustomerContract =
  { readonly id: number } | { readonly problem: string; readonly property: 'Customer' | 'Plan' };

/** The key a (customer, plan) pair is resolved under: rows that name it alike share it. */
export function customerCellKey(customer: string, plan: string | undefined): string {
  return `${customerKey(customer)}\u0000${plan === undefined ? '' : customerKey(plan)}`;
}

/** `7201 (Virtual Office Gold, since 2024-03-01)`: a contract as a person recognises it. */
export function describeContract(contract: ContractRecord): string {
  const plan = contract.TariffName?.trim() || 'no plan';
  const start = contract.StartDate?.slice(0, 10);
  return `${contract.Id} (${plan}${start ? `, since ${start}` : ''})`;
}

const listed = (contracts: readonly ContractRecord[]) => contracts.map(describeContract).join(', ');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The one active, not cancelled contract of the customer `customer` names, narrowed by `plan`
 * (its TariffName, ignoring case, accents and spacing) when given (SPEC "Finding the contract").
 * None or several: the problem, in words that say what to change.
 */
export function resolveCustomer(
  contracts: Iterable<ContractRecord>,
  customer: string,
  plan: string | undefined,
): CustomerContract {
  const match = matchCustomer(contracts, customer);
  const { running, ended } = match;
  if (running.length === 0) {
    // Not running: ended (no longer active), or cancelled (active until its cancellation date).
    const cancelled = ended.filter((c) => c.Active === true).length;
    const over = ended.length - cancelled;
    const kinds =
      cancelled === 0
        ? plural(over, 'ended contract')
        : over === 0
          ? plural(cancelled, 'cancelled contract')
          : `${over} ended and ${plural(cancelled, 'cancelled contract')}`;
    const why = ended.length > 0 ? `: it has ${kinds}` : '';
    const hint =
      ended.length > 0
        ? ''
        : ": check the customer's email or name as Nexudus holds it, or give CoworkerContractId";
    return {
      property: 'Customer',
      problem: `no active contract for customer '${customer}'${why}${hint}`,
    };
  }
  let candidates = running;
  if (plan !== undefined) {
    const key = customerKey(plan);
    candidates = running.filter((c) => customerKey(c.TariffName ?? '') === key);
    if (candidates.length === 0) {
      return {
        property: 'Plan',
        problem: `customer '${customer}' has no active contract on plan '${plan}'; its active ${running.length === 1 ? 'contract is' : 'contracts are'} ${listed(running)}: correct the Plan or give CoworkerContractId`,
      };
    }
  }
  const [only] = candidates;
  if (candidates.length === 1 && only) return { id: only.Id };
  const what = plan === undefined ? '' : ` on plan '${plan}'`;
  const fix =
    plan === undefined ? 'add a Plan column or give CoworkerContractId' : 'give CoworkerContractId';
  return {
    property: 'Customer',
    problem: `customer '${customer}' has ${candidates.length} active contracts${what}: ${listed(candidates)}: ${fix}`,
  };
}

/**
 * Whether a row's CoworkerContractId agrees with its Customer (and Plan) cells: the contract is
 * one of the customer's (running or not: an export lists ended contracts' contacts too) and on
 * that plan. Undefined when they agree, else the problem.
 */
export function disagreement(
  contract: ContractRecord | undefined,
  customer: string,
  plan: string | undefined,
): string | undefined {
  if (!contract) return undefined; // "no coworker contract with Id …" says it already
  const match = matchCustomer([contract], customer);
  if (match.running.length + match.ended.length === 0) {
    return `contract ${contract.Id} is not a contract of customer '${customer}': correct the CoworkerContractId or the Customer, or leave one of them blank`;
  }
  if (plan !== undefined && customerKey(contract.TariffName ?? '') !== customerKey(plan)) {
    return `contract ${contract.Id} is on plan '${contract.TariffName ?? ''}', not '${plan}': correct the Plan or the CoworkerContractId`;
  }
  return undefined;
}
