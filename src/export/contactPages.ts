import type { ListPage, NexudusClient } from '../nexudus/client.js';

const CONTACTS = 'billing/contractcontacts';
const PAGE_SIZE = 1000;

/** A page of contacts with the number of contacts the export will hold, when known. */
export interface ContactPage {
  readonly records: readonly Record<string, unknown>[];
  /** How many contacts the export holds in all; known only when it takes every contact. */
  readonly total: number | undefined;
}

const isRecord = (r: unknown): r is Record<string, unknown> =>
  typeof r === 'object' && r !== null && typeof (r as { Id?: unknown }).Id === 'number';

/**
 * The contacts to export, a page at a time, none twice (a record created while the pages are
 * read can shift a later page by one: its first record would come again). Every contact: the
 * account's list, 1,000 a page. Some contracts: the cheaper of the account's list filtered here
 * and one list per contract (`?ContractContact_CoworkerContract=…`), told by the first page of
 * the account's list, whose records are used when it wins.
 */
export async function* contactPages(
  client: NexudusClient,
  contractIds: readonly number[] | undefined,
): AsyncGenerator<ContactPage, void, undefined> {
  const seen = new Set<number>();
  const fresh = (records: readonly unknown[], keep: (r: Record<string, unknown>) => boolean) =>
    records.filter(isRecord).filter((r) => {
      if (!keep(r) || seen.has(r.Id as number)) return false;
      seen.add(r.Id as number);
      return true;
    });
  const whole = client.pages(CONTACTS);
  if (contractIds === undefined) {
    for await (const page of whole)
      yield { records: fresh(page.records, () => true), total: page.total };
    return;
  }
  const wanted = new Set(contractIds);
  const inSelection = (r: Record<string, unknown>) => wanted.has(r.CoworkerContractId as number);
  const first = await whole.next();
  if (first.done) return;
  const pagesOfWhole = Math.ceil((first.value.total ?? Infinity) / PAGE_SIZE);
  if (pagesOfWhole <= contractIds.length) {
    let page: ListPage | undefined = first.value;
    while (page) {
      yield { records: fresh(page.records, inSelection), total: undefined };
      const next = await whole.next();
      page = next.done ? undefined : next.value;
    }
    return;
  }
  await whole.return();
  for (const id of contractIds) {
    for await (const page of client.pages(CONTACTS, { ContractContact_CoworkerContract: id })) {
      // Compared here too: how exactly Nexudus matches a filter is not documented.
      yield { records: fresh(page.records, inSelection), total: undefined };
    }
  }
}
