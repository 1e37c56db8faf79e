import type { Logger } from 'pino';
import type { NexudusClient } from '../nexudus/client.js';
import {
  contactRecord,
  coworkerRecord,
  idRecord,
  type ContactRecord,
  type CoworkerRecord,
} from '../nexudus/replies.js';
import type { FieldName } from '../fields.js';
import { pageReply } from '../nexudus/replies.js';
import { fetchByIds } from './byIds.js';
import { Fingerprints } from './fingerprints.js';
import { contactKey } from './keys.js';

/** The references the checked rows name, gathered while checking the file. */
export interface References {
  readonly contractIds: ReadonlySet<number>;
  readonly coworkerIds: ReadonlySet<number>;
  /** Contact Ids the `Id` column names (none without one). */
  readonly contactIds?: ReadonlySet<number>;
}

/**
 * What preflight keeps of an existing contact: its Id and contract, and where its fingerprints
 * are (AccountFacts.fingerprints), never the whole record (see Fingerprints).
 */
export interface KnownContact {
  readonly Id: number;
  readonly CoworkerContractId: number | undefined;
  /** Its slot in AccountFacts.fingerprints (with --update). */
  readonly slot: number;
}

/** What Nexudus already holds, read with GETs before the first write. */
export interface AccountFacts {
  readonly contracts: ReadonlySet<number>;
  readonly coworkers: ReadonlyMap<number, CoworkerRecord>;
  /** Existing contacts by contactKey, per referenced contract (empty with --allow-duplicates). */
  readonly existing: ReadonlyMap<string, KnownContact>;
  /** Every contact Id read, per referenced contract (none with --allow-duplicates). */
  readonly contactIds: ReadonlyMap<number, ReadonlySet<number>>;
  /**
   * The contacts the `Id` column names, by Id, as read (any contract's: a row checks that its
   * contact is of its own contract); an Id of no contact is absent. Empty without an Id column.
   */
  readonly named: ReadonlyMap<number, KnownContact>;
  /** With --update: each known contact's fingerprints, to tell `unchanged` from a change. */
  readonly fingerprints?: Fingerprints;
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
  options: {
    checkDuplicates: boolean;
    logger: Logger;
    /** --update: the fields the file has columns for, fingerprinted for the comparison. */
    compared?: ReadonlySet<FieldName>;
  },
): Promise<AccountFacts> {
  const fingerprints = options.compared ? new Fingerprints(options.compared) : undefined;
  const known = (record: ContactRecord): KnownContact => ({
    Id: record.Id,
    CoworkerContractId: record.CoworkerContractId ?? undefined,
    slot: fingerprints ? fingerprints.add(record) : -1,
  });
  const before = client.counts.reads;
  // All at once: the run's pacer keeps them to the request pace and the concurrency.
  const [contracts, coworkers] = await Promise.all([
    fetchByIds(client, 'billing/coworkercontracts', refs.contractIds, idRecord),
    fetchByIds(client, 'spaces/coworkers', refs.coworkerIds, coworkerRecord),
  ]);
  const existing = new Map<string, KnownContact>();
  const contactIds = new Map<number, ReadonlySet<number>>();
  if (options.checkDuplicates) {
    // All contracts at once (the pacer keeps them to the pace), each a page at a time: a page's
    // records are kept as KnownContacts and dropped, never a whole account's records at once.
    await Promise.all(
      [...contracts.keys()].map(async (contractId) => {
        const ids = new Set<number>();
        contactIds.set(contractId, ids);
        await eachContactOf(client, contractId, (record) => {
          ids.add(record.Id);
          if (record.FullName == null || record.ContractContactType == null) return;
          const key = contactKey(contractId, record.FullName, record.ContractContactType);
          existing.set(key, known(record));
        });
      }),
    );
  }
  const named = new Map<number, KnownContact>();
  if (refs.contactIds && refs.contactIds.size > 0) {
    // The contacts the lists already hold cost nothing more; the others (another contract's,
    // or none at all) are read by Id, so a row can say which it is.
    const listed = new Map<number, KnownContact>();
    for (const contact of existing.values()) listed.set(contact.Id, contact);
    const missing: number[] = [];
    for (const id of refs.contactIds) {
      const contact = listed.get(id);
      if (contact) named.set(id, contact);
      else missing.push(id);
    }
    const read = await fetchByIds(client, CONTACTS, missing, contactRecord);
    for (const [id, record] of read) named.set(id, known(record));
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
    ...(fingerprints ? { fingerprints } : {}),
    requests,
  };
}

/** Each contact of one contract, a page at a time (the filter drops the `Id` suffix, API-FACTS). */
async function eachContactOf(
  client: NexudusClient,
  contractId: number,
  each: (record: ContactRecord) => void,
): Promise<void> {
  for (let page = 1; ; page += 1) {
    const reply = await client.get(CONTACTS, pageReply, {
      ContractContact_CoworkerContract: contractId,
      page,
      size: LIST_PAGE,
    });
    for (const record of reply.Records) {
      const parsed = contactRecord.safeParse(record);
      // The filter's exact semantics are not documented: compare client-side as well.
      if (!parsed.success) continue;
      const owner = parsed.data.CoworkerContractId;
      if (owner == null || owner === contractId) each(parsed.data);
    }
    if (!reply.HasNextPage || reply.Records.length === 0) return;
  }
}

/** Records a list request asks for: Nexudus's largest page. */
const LIST_PAGE = 1000;

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
