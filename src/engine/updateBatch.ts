import type { FieldName } from '../fields.js';
import type { NexudusClient } from '../nexudus/client.js';
import { contactRecord, type ContactRecord } from '../nexudus/replies.js';
import type { Payload } from '../payload.js';
import { fetchByIds, ID_BATCH } from '../preflight/byIds.js';
import { fieldChanges, type FieldChange } from '../preflight/fieldChanges.js';

/** A row preflight found changing its contact, waiting for the contact to be read again. */
export interface PendingUpdate {
  readonly sourceRow: number;
  readonly row: number;
  readonly payload: Payload;
  readonly id: number;
  readonly blanks: readonly FieldName[];
}

/** What the fresh record says of a pending row. */
export type ReadUpdate = PendingUpdate &
  (
    | { readonly kind: 'gone' }
    | { readonly kind: 'moved'; readonly contractId: number }
    | { readonly kind: 'unchanged' }
    | {
        readonly kind: 'update';
        readonly record: ContactRecord;
        readonly changes: readonly FieldChange[];
      }
  );

/**
 * The rows to update, read again by Id a batch at a time (`?id=[…]`, 100 a request) right before
 * their PUTs: preflight kept only fingerprints of the contacts (see Fingerprints), and the fresh
 * record is both where the exact changes are found and the "record as read" a PUT sends, as
 * recent as it can be. A batch is read when it is full or the file is done, so the GETs this
 * costs are ⌈rows to update / 100⌉.
 */
export class UpdateBatch {
  private pending: PendingUpdate[] = [];

  constructor(
    private readonly client: NexudusClient,
    private readonly clearBlank: boolean,
  ) {}

  /** Adds a row; true when the batch is full and should be read. */
  add(row: PendingUpdate): boolean {
    this.pending.push(row);
    return this.pending.length >= ID_BATCH;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Reads the batch's contacts and says what each row changes; the batch is then empty. */
  async read(): Promise<ReadUpdate[]> {
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return [];
    const records = await fetchByIds(
      this.client,
      'billing/contractcontacts',
      rows.map((r) => r.id),
      contactRecord,
    );
    return rows.map((row): ReadUpdate => {
      const record = records.get(row.id);
      if (!record) return { ...row, kind: 'gone' };
      const owner = record.CoworkerContractId;
      if (owner != null && owner !== row.payload.CoworkerContractId) {
        return { ...row, kind: 'moved', contractId: owner };
      }
      const changes = fieldChanges(row.payload, record, {
        blanks: row.blanks,
        clearBlank: this.clearBlank,
      });
      return changes.length === 0
        ? { ...row, kind: 'unchanged' }
        : { ...row, kind: 'update', record, changes };
    });
  }
}
