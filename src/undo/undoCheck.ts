import type { NexudusClient } from '../nexudus/client.js';
import { contactRecord, type ContactRecord } from '../nexudus/replies.js';
import type { Payload } from '../payload.js';
import { fetchByIds } from '../preflight/byIds.js';
import type { FieldChange } from '../preflight/fieldChanges.js';
import { contactsOf } from '../preflight/preflight.js';
import {
  CREATED_ON_ALLOWANCE_MS,
  pickCreated,
  stampMs,
} from '../engine/operations/createdLookup.js';
import { stillAsCreated } from '../engine/operations/createSent.js';
import { reversed } from '../engine/operations/restore.js';
import { tookEffect } from '../engine/operations/update.js';
import type { RunWrite, RunWrites } from './runWrites.js';
import type { UndoResult } from './undoResult.js';

/** What undo does with one contact the run wrote, once the contact was read. */
export type UndoStep = StepOf<
  | { readonly kind: 'delete'; readonly id: number }
  | {
      readonly kind: 'restore';
      readonly id: number;
      readonly record: ContactRecord;
      readonly written: readonly FieldChange[];
    }
  /** Nothing to send: the step ends with `result` (gone, changed since, restored, failed). */
  | { readonly kind: 'settled'; readonly id?: number; readonly result: UndoResult }
>;

type StepOf<T> = T & {
  /** The row as the run's reports name it. */
  readonly row: number;
  readonly name?: string;
  readonly contractId?: number;
  /** Why, in a few words, for undo.csv (empty when it says nothing more than the result). */
  readonly reason: string;
};

export interface CheckOptions {
  /** `--force`: a contact changed since the run is taken back all the same. */
  readonly force: boolean;
  /** When the run's folder was first run (run.json): no record made before it is the run's. */
  readonly runStarted: Date;
  /**
   * Contacts this undo (an earlier run of its folder) sent a request for and heard nothing
   * back: one gone now, or holding its Before values, was taken back by that request.
   */
  readonly unanswered: ReadonlySet<number>;
}

/**
 * Reads the contacts the run wrote (`?id=[…]`, 100 a request: ⌈N/100⌉ GETs; and, for a create
 * the run sent without hearing back, one list of its contract's contacts) and says what undo
 * does with each (docs/undo.md):
 * - gone already: `gone`, nothing sent;
 * - created by the run: deleted, unless changed since: a field the create sent no longer holds
 *   what it sent, or its UpdatedOn is later than its CreatedOn (edited after it was made);
 * - updated by the run: each changed field put back, when every one still holds what the run
 *   wrote; all already holding their Before: `restored`, nothing sent; else changed since. A
 *   field the run did not change is not looked at: the PUT sends the record as read, so an edit
 *   made since to another field is kept.
 * With `force`, a contact changed since is taken back all the same (its fields as they are
 * now, with the Before values of the fields the run changed).
 */
export async function checkWrites(
  client: NexudusClient,
  writes: readonly RunWrite[],
  run: Pick<RunWrites, 'contactsBefore' | 'claimed'>,
  options: CheckOptions,
): Promise<UndoStep[]> {
  const ids = writes.flatMap((w) => (w.kind === 'unanswered' ? [] : [w.id]));
  const records = await fetchByIds(client, 'billing/contractcontacts', ids, contactRecord);
  const found = await findUnanswered(client, writes, run, options.runStarted);
  return writes.map((write): UndoStep => {
    switch (write.kind) {
      case 'created':
        return deleteStep(write, records.get(write.id), options);
      case 'updated':
        return restoreStep(write, records.get(write.id), options);
      case 'unanswered': {
        const record = found.get(write);
        if (!write.sent || write.contractId === undefined) {
          return {
            kind: 'settled',
            result: 'failed',
            row: write.row,
            ...(write.contractId !== undefined ? { contractId: write.contractId } : {}),
            reason:
              'sent without an answer by a version that did not record its contact: find it in Nexudus by the name in this row of the file, and delete it there if it was made',
          };
        }
        if (!record) {
          return {
            kind: 'settled',
            result: 'gone',
            row: write.row,
            name: write.sent.name,
            contractId: write.contractId,
            reason: 'sent without an answer, and no record of it was made',
          };
        }
        return deleteStep({ ...write, kind: 'created', id: record.Id }, record, options);
      }
    }
  });
}

function deleteStep(
  write: Extract<RunWrite, { kind: 'created' }>,
  record: ContactRecord | undefined,
  options: CheckOptions,
): UndoStep {
  const about = {
    row: write.row,
    id: write.id,
    ...named(record, write.sent?.name),
  };
  if (!record) {
    return options.unanswered.has(write.id)
      ? { kind: 'settled', result: 'deleted', ...about, reason: '' }
      : { kind: 'settled', result: 'gone', ...about, reason: 'already deleted' };
  }
  const changed = changedSinceCreate(record, write);
  if (changed && !options.force)
    return { kind: 'settled', result: 'changed since', ...about, reason: changed };
  return {
    kind: 'delete',
    ...about,
    reason: changed ? `${changed}; taken back with --force` : '',
  };
}

function restoreStep(
  write: Extract<RunWrite, { kind: 'updated' }>,
  record: ContactRecord | undefined,
  options: CheckOptions,
): UndoStep {
  const about = { row: write.row, id: write.id, ...named(record) };
  const fields = write.changes.map((c) => c.field).join(', ');
  if (!record) return { kind: 'settled', result: 'gone', ...about, reason: 'deleted since' };
  if (tookEffect(record, reversed(write.changes)))
    return {
      kind: 'settled',
      result: 'restored',
      ...about,
      reason: options.unanswered.has(write.id) ? '' : `${fields} already as before the run`,
    };
  if (tookEffect(record, write.changes))
    return { kind: 'restore', ...about, record, written: write.changes, reason: fields };
  const moved = write.changes
    .filter((c) => !tookEffect(record, [c]))
    .map((c) => c.field)
    .join(', ');
  const why = `${moved} changed since the run`;
  if (!options.force) return { kind: 'settled', result: 'changed since', ...about, reason: why };
  return {
    kind: 'restore',
    ...about,
    record,
    written: write.changes,
    reason: `${why}; taken back with --force`,
  };
}

/**
 * How much later than CreatedOn a record's UpdatedOn may be and still be the create's own stamp:
 * a server may stamp the two a moment apart when it makes a record; a person's edit comes later.
 */
const STAMP_SLACK_MS = 5_000;

/** Why a record the run created counts as changed since; undefined when it does not. */
function changedSinceCreate(
  record: ContactRecord,
  write: Extract<RunWrite, { kind: 'created' }>,
): string | undefined {
  // the journal keeps a hash of the values sent, not the values: which field differs is not known
  if (write.sent && !stillAsCreated(record, write.sent))
    return 'its fields differ from what the run wrote';
  const created = stampMs(record.CreatedOn);
  const updated = stampMs(record.UpdatedOn);
  if (created !== undefined && updated !== undefined && updated > created + STAMP_SLACK_MS)
    return `edited in Nexudus since the run (UpdatedOn ${String(record.UpdatedOn)})`;
  return undefined;
}

/** The FullName and contract of a record (or the name the run sent, when it is gone). */
function named(record: ContactRecord | undefined, sentName?: string) {
  const name = record?.FullName ?? sentName;
  const contractId = record?.CoworkerContractId ?? undefined;
  return {
    ...(name ? { name } : {}),
    ...(contractId !== undefined ? { contractId } : {}),
  };
}

/**
 * The record each unanswered create made, found as the engine finds it (CreatedLookup's
 * pickCreated): among its contract's contacts, same name and type, not one the contract held
 * before the run's first create on it, not one another row of the run holds, not created
 * before the run began.
 */
async function findUnanswered(
  client: NexudusClient,
  writes: readonly RunWrite[],
  run: Pick<RunWrites, 'contactsBefore' | 'claimed'>,
  runStarted: Date,
): Promise<Map<RunWrite, ContactRecord>> {
  const found = new Map<RunWrite, ContactRecord>();
  const claimed = new Set(run.claimed);
  const lists = new Map<number, ContactRecord[]>();
  for (const write of writes) {
    if (write.kind !== 'unanswered' || !write.sent || write.contractId === undefined) continue;
    let records = lists.get(write.contractId);
    if (!records) {
      records = await contactsOf(client, write.contractId);
      lists.set(write.contractId, records);
    }
    const payload = {
      CoworkerContractId: write.contractId,
      FullName: write.sent.name,
      ContractContactType: write.sent.type,
    } as Payload;
    const match = pickCreated(records, payload, {
      before: run.contactsBefore.get(write.contractId),
      claimed,
      notBefore: runStarted.getTime() - CREATED_ON_ALLOWANCE_MS,
    });
    if (match) {
      claimed.add(match.Id);
      found.set(write, match);
    }
  }
  return found;
}
