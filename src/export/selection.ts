import { ImportError } from '../errors.js';
import type { ContractRecord } from '../contracts/contractRecord.js';
import { matchCustomer, type CustomerMatch } from '../contracts/matchCustomer.js';
import { readContracts } from '../contracts/readContracts.js';
import type { NexudusClient } from '../nexudus/client.js';

/** Which contacts an export takes, and the contracts that say whose they are. */
export interface Selection {
  /** The contracts whose contacts are exported, in Id order; undefined: every contact. */
  readonly contractIds: readonly number[] | undefined;
  /** The contracts read (every one, or those selected): for the Customer and Plan columns. */
  readonly contracts: ReadonlyMap<number, ContractRecord>;
  /** Each --customer with the contracts it matched (several are all exported). */
  readonly customers: readonly CustomerMatch[];
}

/**
 * Reads the contracts once and settles the selection: `--contract` Ids (each must exist) and
 * `--customer` texts (matched as "Finding the contract" does, among every contract of the
 * account, ended and cancelled ones too: an export shows what Nexudus holds), together the union
 * of both. Without either, every contact.
 * @throws ImportError `usage` for a contract Id or customer text that names nothing.
 */
export async function selectContracts(
  client: NexudusClient,
  filters: { readonly contracts: readonly number[]; readonly customers: readonly string[] },
): Promise<Selection> {
  const { contracts: ids, customers: texts } = filters;
  const onlyIds = ids.length > 0 && texts.length === 0;
  const contracts = await readContracts(client, onlyIds ? ids : undefined);
  const missing = ids.filter((id) => !contracts.has(id));
  if (missing.length > 0) {
    throw new ImportError(
      'usage',
      `${missing.length === 1 ? 'Contract' : 'Contracts'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in this Nexudus account: check the Id given to --contract.`,
    );
  }
  if (ids.length === 0 && texts.length === 0) {
    return { contractIds: undefined, contracts, customers: [] };
  }
  const customers = texts.map((text) => matchCustomer(contracts.values(), text));
  const unknown = customers.filter((m) => m.running.length + m.ended.length === 0);
  if (unknown.length > 0) {
    const named = unknown.map((m) => `'${m.text}'`).join(', ');
    throw new ImportError(
      'usage',
      `No contract in this Nexudus account has the customer ${named}: give the customer's email, full name, company name or billing name as Nexudus holds it.`,
    );
  }
  const selected = new Set(ids);
  for (const match of customers) {
    for (const contract of [...match.running, ...match.ended]) selected.add(contract.Id);
  }
  return { contractIds: [...selected].sort((a, b) => a - b), contracts, customers };
}
