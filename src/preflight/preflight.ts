import type { Logger } from 'pino';
import type { NexudusClient } from '../nexudus/client.js';
import {
  contactRecord,
  coworkerRecord,
  idRecord,
  type ContactRecord,
  type CoworkerRecord,
} from '../nexudus/replies.js';
import { fetchByIds } from './byIds.js';
import { contactKey } from './keys.js';

/** The references the checked rows name, gathered while checking the file. */
export interface References {
  readonly contractIds: ReadonlySet<number>;
  readonly coworkerIds: ReadonlySet<number>;
  /** Contact Ids the `Id` column names (none without one). */
  readonly contactIds?: ReadonlySet<number>;
}

/** What Nexudus already holds, read with GETs before the first write. */
export interface AccountFacts {
  readonly contracts: ReadonlySet<number>;
  readonly coworkers: ReadonlyMap<number, CoworkerRecord>;
  /** Existing contacts by contactKey, per referenced contract (empty with --allow-duplicates). */
  readonly existing: ReadonlyMap<string, ContactRecord>;
  /** Every contact Id read, per referenced contract (none with --allow-duplicates). */
  readonly contactIds: ReadonlyMap<number, ReadonlySet<number>>;
  /**
   * The contacts the `Id` column names, by Id, as read (any contract's: a row checks that its
   * contact is of its own contract); an Id of no contact is absent. Empty without an Id column.
   */
  readonly named: ReadonlyMap<number, ContactRecord>;
  /** GET requests spent. */
  readonly requests: number;
}

const CONTACTS = 'billing/contractcontacts';

/**
 * SPEC "Before the first write", steps 2 and 3: which referenced contracts and coworkers exist
 * (batched by id), and which contacts each referenced contract already has (fetched once per
 * contract), so that no write is spent on a row that cannot or need not be created.
 */
export async function readAccountFacts(
  client: NexudusClient,
  refs: References,
  options: { checkDuplicates: boolean; logger: Logger },
): Promise<AccountFacts> {
  const before = client.counts.reads;
  // All at once: the run's pacer keeps them to the request pace and the concurrency.
  const [contracts, coworkers] = await Promise.all([
    fetchByIds(client, 'billing/coworkercontracts', refs.contractIds, idRecord),
    fetchByIds(client, 'spaces/coworkers', refs.coworkerIds, coworkerRecord),
  ]);
  const existing = new Map<string, ContactRecord>();
  const contactIds = new Map<number, ReadonlySet<number>>();
  if (options.checkDuplicates) {
    const lists = await Promise.all(
      [...contracts.keys()].map(async (id) => [id, await contactsOf(client, id)] as const),
    );
    for (const [contractId, records] of lists) {
      contactIds.set(contractId, new Set(records.map((r) => r.Id)));
      for (const record of records) {
        if (record.FullName == null || record.ContractContactType == null) continue;
        existing.set(contactKey(contractId, record.FullName, record.ContractContactType), record);
      }
    }
  }
  const named = new Map<number, ContactRecord>();
  if (refs.contactIds && refs.contactIds.size > 0) {
    // The contacts the lists already hold cost nothing more; the others (another contract's,
    // or none at all) are read by Id, so a row can say which it is.
    const listed = new Map<number, ContactRecord>();
    for (const record of existing.values()) listed.set(record.Id, record);
    const missing: number[] = [];
    for (const id of refs.contactIds) {
      const record = listed.get(id);
      if (record) named.set(id, record);
      else missing.push(id);
    }
    const read = await fetchByIds(client, CONTACTS, missing, contactRecord);
    for (const [id, record] of read) named.set(id, record);
  }
  const requests = client.counts.reads - before;
  options.logger.info(
    { contracts: contracts.size, coworkers: coworkers.size, existing: existing.size, requests },
    'preflight done',
  );
  return {
    contracts: new Set(contracts.keys()),
    coworkers,
    existing,
    contactIds,
    named,
    requests,
  };
}

/** Every contact of one contract (the list filter drops the `Id` suffix, API-FACTS). */
export async function contactsOf(
  client: NexudusClient,
  contractId: number,
): Promise<ContactRecord[]> {
  const records = await client.list(CONTACTS, { ContractContact_CoworkerContract: contractId });
  const contacts: ContactRecord[] = [];
  for (const record of records) {
    const parsed = contactRecord.safeParse(record);
    // The filter's exact semantics are not documented: compare client-side as well.
    if (!parsed.success) continue;
    const owner = parsed.data.CoworkerContractId;
    if (owner == null || owner === contractId) contacts.push(parsed.data);
  }
  return contacts;
}
