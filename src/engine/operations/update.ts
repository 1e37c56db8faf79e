import { FIELDS, field, type FieldName } from '../../fields.js';
import type { NexudusClient, UpdateBody, WriteAttempt } from '../../nexudus/client.js';
import { contactRecord, type ContactRecord } from '../../nexudus/replies.js';
import { fetchByIds } from '../../preflight/byIds.js';
import {
  dateTimeOf,
  recordValue,
  sameValue,
  type FieldChange,
  type FieldValue,
} from '../../preflight/fieldChanges.js';
import type { SendingAbout } from '../../upload/journal.js';
import type { Operation } from './operation.js';

/** A row to update: its contact as read, and the fields the row changes (preflight's Verdict). */
export interface UpdateInput {
  readonly record: ContactRecord;
  readonly changes: readonly FieldChange[];
}

/** The PUT of one row: the contact's Id, the whole body, and what it changes. */
export interface UpdateRequest {
  readonly id: number;
  readonly body: UpdateBody;
  readonly changes: readonly FieldChange[];
}

/**
 * Updates a row's contact: `PUT billing/contractcontacts` with the record as read (its writable
 * fields, the ones FIELDS lists, and its Id) with the row's changes applied. Nexudus does not
 * document what a PUT does with a field it leaves out, so nothing is left out: a field the file
 * has no column for is sent as it was read, and survives a server that clears what is omitted.
 *
 * An unanswered PUT is settled by reading the record back: when every changed field holds what
 * was sent, it took effect. A PUT is idempotent, so one that did not is simply sent again after
 * the grace (the Writer's rule for every operation).
 */
export class UpdateOperation implements Operation<UpdateInput, UpdateRequest, 'updated'> {
  readonly name = 'update';
  readonly done = 'updated';

  constructor(private readonly options: { readonly client: NexudusClient }) {}

  request(input: UpdateInput): UpdateRequest {
    return {
      id: input.record.Id,
      body: updateBody(input.record, input.changes),
      changes: input.changes,
    };
  }

  journaled(request: UpdateRequest): SendingAbout {
    return { update: { id: request.id, changes: request.changes } };
  }

  async prepare(): Promise<void> {}

  send(request: UpdateRequest, onSend: () => void): Promise<WriteAttempt> {
    return this.options.client.update(request.body, onSend);
  }

  async look(request: UpdateRequest): Promise<number | undefined> {
    const read = await fetchByIds(
      this.options.client,
      'billing/contractcontacts',
      [request.id],
      contactRecord,
    );
    const record = read.get(request.id);
    return record && tookEffect(record, request.changes) ? request.id : undefined;
  }

  async idle(): Promise<void> {}
}

/**
 * The body of a PUT: the record's Id and every writable field it holds (dates without the
 * offset a reply adds, as the tool sends every date: Nexudus keeps local date-times), with the
 * changes applied; a cleared field is sent as `null`, so that a server keeping omitted fields
 * clears it too.
 */
export function updateBody(record: ContactRecord, changes: readonly FieldChange[]): UpdateBody {
  const body: Record<string, FieldValue> = {};
  const held = record as Readonly<Record<string, unknown>>;
  for (const def of FIELDS) {
    const value = recordValue(held[def.name]);
    if (value === null) continue;
    body[def.name] = def.kind === 'date' ? dateTimeOf(value) : value;
  }
  for (const change of changes) body[change.field] = change.after;
  return { ...body, Id: record.Id };
}

/** Whether the record holds every change's `after` (read back after an unanswered PUT). */
export function tookEffect(
  record: Readonly<Record<string, unknown>>,
  changes: readonly FieldChange[],
): boolean {
  return changes.every(({ field: name, after }) => holds(record, name, after));
}

function holds(record: Readonly<Record<string, unknown>>, name: FieldName, after: FieldValue) {
  const value = recordValue(record[name]);
  if (after === null) return value === null || String(value).trim() === '';
  return sameValue(field(name), value, after);
}
