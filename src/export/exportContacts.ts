import { countryRecord } from '../nexudus/replies.js';
import type { NexudusClient } from '../nexudus/client.js';
import { countryChoices } from '../template/countryNames.js';
import { contactPages } from './contactPages.js';
import type { ExportSink } from './exportSink.js';
import { exportRow, type ExportLookups } from './exportValues.js';
import { selectContracts, type Selection } from './selection.js';

/** Which contacts to export: `--contract` Ids and `--customer` texts (none of either: all). */
export interface ExportFilters {
  readonly contracts: readonly number[];
  readonly customers: readonly string[];
}

/** What an export tells the screen as it goes. */
export interface ExportListener {
  /** The contracts are read and the selection settled, before the first contact is read. */
  selected?(selection: Selection): void;
  /** A page was written: contacts so far, and how many in all when known. */
  page?(done: number, total: number | undefined): void;
}

/** What an export did. */
export interface ExportResult {
  readonly contacts: number;
  readonly selection: Selection;
}

/** The account's countries: Nexudus Id → the name the template's dropdown shows. */
async function countryNames(client: NexudusClient): Promise<Map<number, string>> {
  const byCode = new Map(countryChoices().map((c) => [c.code, c.name]));
  const names = new Map<number, string>();
  for (const record of await client.list('sys/countries')) {
    const parsed = countryRecord.safeParse(record);
    const code = parsed.success ? parsed.data.TwoDigitsCode?.toUpperCase() : undefined;
    const name = code === undefined ? undefined : byCode.get(code);
    if (parsed.success && name !== undefined) names.set(parsed.data.Id, name);
  }
  return names;
}

/**
 * Reads the contracts (once), the countries, then the contacts page by page into `sink`, one row
 * each, never holding more than a page: the client paces every request.
 */
export async function exportContacts(
  client: NexudusClient,
  filters: ExportFilters,
  sink: ExportSink,
  listener: ExportListener = {},
): Promise<ExportResult> {
  const selection = await selectContracts(client, filters);
  listener.selected?.(selection);
  const countries = await countryNames(client);
  const lookups: ExportLookups = {
    contract: (id) => selection.contracts.get(id),
    countryName: (id) => countries.get(id),
  };
  let contacts = 0;
  for await (const page of contactPages(client, selection.contractIds)) {
    for (const record of page.records) sink.add(exportRow(record, lookups));
    contacts += page.records.length;
    listener.page?.(contacts, page.total);
  }
  return { contacts, selection };
}
