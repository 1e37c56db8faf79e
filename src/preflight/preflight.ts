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
import { countedPageReply, pageReply } from '../nexudus/replies.js';
import type { ContractRecord } from '../contracts/contractRecord.js';
import { readContracts } from '../contracts/readContracts.js';
import { resolveCustomer, type CustomerContract } from '../contracts/resolveCustomer.js';
import type { CustomerCell } from '../map/types.js';
import { fetchByIds } from './byIds.js';
import { Fingerprints } from './fingerprints.js';
import { contactKey } from './keys.js';

/** The references the checked rows name, gathered while checking the file. */
export interface References {
  readonly contractIds: ReadonlySet<number>;
  readonly coworkerIds: ReadonlySet<number>;
  /** Contact Ids the `Id` column names (none without one). */
  readonly contactIds?: ReadonlySet<number>;
  /** The distinct Customer (+ Plan) cells, by customerCellKey (none without a Customer column). */
  readonly customers?: ReadonlyMap<string, CustomerCell>;
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
  /** Each Customer (+ Plan) cell's contract, or why it has none, by customerCellKey. */
  readonly customers: ReadonlyMap<string, CustomerContract>;
  /**
   * The referenced contracts as the account's list holds them, when it was read (a Customer
   * column): a row with both a CoworkerContractId and a Customer is checked against it.
   */
  readonly contractRecords?: ReadonlyMap<number, ContractRecord>;
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
  const customers = new Map<string, CustomerContract>();
  let contracts: ReadonlySet<number>;
  let contractRecords: Map<number, ContractRecord> | undefined;
  let coworkers: ReadonlyMap<number, CoworkerRecord>;
  if (refs.customers && refs.customers.size > 0) {
    // A Customer column: the account's contracts are read whole (pages of 1,000), which also
    // says which referenced contract Ids exist (SPEC "Finding the contract").
    const [all, read] = await Promise.all([
      readContracts(client),
      fetchByIds(client, 'spaces/coworkers', refs.coworkerIds, coworkerRecord),
    ]);
    coworkers = read;
    const found = new Set<number>();
    contractRecords = new Map();
    for (const id of refs.contractIds) {
      const record = all.get(id);
      if (!record) continue;
      found.add(id);
      contractRecords.set(id, record);
    }
    for (const [key, cell] of refs.customers) {
      const resolved = resolveCustomer(all.values(), cell.customer, cell.plan);
      customers.set(key, resolved);
      if ('id' in resolved) found.add(resolved.id);
    }
    contracts = found;
  } else {
    // All at once: the run's pacer keeps them to the request pace and the concurrency.
    const [read, readCoworkers] = await Promise.all([
      fetchByIds(client, 'billing/coworkercontracts', refs.contractIds, idRecord),
      fetchByIds(client, 'spaces/coworkers', refs.coworkerIds, coworkerRecord),
    ]);
    contracts = new Set(read.keys());
    coworkers = readCoworkers;
  }
  const existing = new Map<string, KnownContact>();
  const contactIds = new Map<number, Set<number>>();
  let wholeAccount = false;
  /** Contacts the `Id` column names, as the lists read them (another contract's too, read whole). */
  const listedNamed = new Map<number, KnownContact>();
  if (options.checkDuplicates && contracts.size > 0) {
    for (const contractId of contracts) contactIds.set(contractId, new Set());
    wholeAccount = await eachContactOf(client, contracts, refs.contactIds, (contractId, record) => {
      const isNamed = refs.contactIds?.has(record.Id) === true;
      const isKeyed =
        contracts.has(contractId) && record.FullName != null && record.ContractContactType != null;
      if (contracts.has(contractId)) contactIds.get(contractId)?.add(record.Id);
      if (!isNamed && !isKeyed) return;
      const contact = known(record);
      if (isNamed) listedNamed.set(record.Id, contact);
      if (isKeyed && record.FullName != null && record.ContractContactType != null) {
        existing.set(contactKey(contractId, record.FullName, record.ContractContactType), contact);
      }
    });
  }
  const named = new Map<number, KnownContact>();
  if (refs.contactIds && refs.contactIds.size > 0) {
    // The contacts the lists already hold cost nothing more; the others (another contract's,
    // or none at all) are read by Id, so a row can say which it is.
    const listed = listedNamed;
    const missing: number[] = [];
    for (const id of refs.contactIds) {
      const contact = listed.get(id);
      if (contact) named.set(id, contact);
      else missing.push(id);
    }
    // Read whole, the account's list held every contact: an Id it lacks is of no contact.
    const read = wholeAccount
      ? new Map<number, ContactRecord>()
      : await fetchByIds(client, CONTACTS, missing, contactRecord);
    for (const [id, record] of read) named.set(id, known(record));
  }
  const requests = client.counts.reads - before;
  options.logger.info(
    {
      contracts: contracts.size,
      customers: customers.size,
      coworkers: coworkers.size,
      existing: existing.size,
      wholeAccount,
      requests,
    },
    'preflight done',
  );
  return {
    contracts,
    coworkers,
    customers,
    ...(contractRecords ? { contractRecords } : {}),
    existing,
    contactIds,
    named,
    ...(fingerprints ? { fingerprints } : {}),
    requests,
  };
}

/**
 * Each existing contact of these contracts (and, read whole, each contact `named` lists,
 * whatever its contract), read the cheaper way (SPEC "Before the first write"):
 * one list per contract (`?ContractContact_CoworkerContract=…`), or the account's whole list in
 * pages of 1,000 when that takes fewer requests, told by the whole list's first page (its
 * TotalItems). So the GETs are never more than `min(contracts, pages of the account) + 1`
 * (plus a contract's second page when one holds over 1,000 contacts). Pages are processed as they
 * come and dropped: never a whole account's records at once. True when the whole list was read.
 */
async function eachContactOf(
  client: NexudusClient,
  contracts: ReadonlySet<number>,
  named: ReadonlySet<number> | undefined,
  each: (contractId: number, record: ContactRecord) => void,
): Promise<boolean> {
  const take = (records: readonly unknown[], only?: number) => {
    for (const record of records) {
      const parsed = contactRecord.safeParse(record);
      if (!parsed.success) continue;
      const owner = parsed.data.CoworkerContractId;
      // The filter's exact semantics are not documented: compare client-side as well.
      if (only !== undefined) {
        if (owner == null || owner === only) each(only, parsed.data);
      } else if (owner != null && (contracts.has(owner) || named?.has(parsed.data.Id))) {
        each(owner, parsed.data);
      }
    }
  };
  if (contracts.size > 1) {
    const first = await client.get(CONTACTS, countedPageReply, { page: 1, size: LIST_PAGE });
    const pages = Math.ceil((first.TotalItems ?? Infinity) / LIST_PAGE);
    if (pages <= contracts.size) {
      take(first.Records);
      if (first.HasNextPage && first.Records.length > 0) {
        // All at once: the run's pacer keeps them to the request pace and the concurrency.
        await Promise.all(
          Array.from({ length: pages - 1 }, async (_, i) => {
            const reply = await client.get(CONTACTS, pageReply, { page: i + 2, size: LIST_PAGE });
            take(reply.Records);
          }),
        );
      }
      return true;
    }
  }
  // All contracts at once (the pacer keeps them to the pace), each a page at a time.
  await Promise.all(
    [...contracts].map(async (contractId) => {
      for (let page = 1; ; page += 1) {
        const reply = await client.get(CONTACTS, pageReply, {
          ContractContact_CoworkerContract: contractId,
          page,
          size: LIST_PAGE,
        });
        take(reply.Records, contractId);
        if (!reply.HasNextPage || reply.Records.length === 0) return;
      }
    }),
  );
  return false;
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
