import { fetchByIds } from '../preflight/byIds.js';
import type { NexudusClient } from '../nexudus/client.js';
import { contractRecord, type ContractRecord } from './contractRecord.js';

const CONTRACTS = 'billing/coworkercontracts';

/**
 * The account's contracts, read once: every page of the list (1,000 a page), or with `ids` only
 * those, in batches of `?id=[…]`. Records the tool cannot read (no Id) are left out.
 */
export async function readContracts(
  client: NexudusClient,
  ids?: Iterable<number>,
): Promise<Map<number, ContractRecord>> {
  if (ids) return fetchByIds(client, CONTRACTS, ids, contractRecord);
  const contracts = new Map<number, ContractRecord>();
  for (const record of await client.list(CONTRACTS)) {
    const parsed = contractRecord.safeParse(record);
    if (parsed.success) contracts.set(parsed.data.Id, parsed.data);
  }
  return contracts;
}
