import type { NexudusClient, WriteAttempt } from '../../nexudus/client.js';
import type { ContactRecord } from '../../nexudus/replies.js';
import type { FieldChange } from '../../preflight/fieldChanges.js';
import type { SendingAbout } from '../../upload/journal.js';
import type { Operation } from './operation.js';
import { UpdateOperation, type UpdateRequest } from './update.js';

/** A contact an update run changed, as read now, and the changes that run wrote. */
export interface RestoreInput {
  readonly record: ContactRecord;
  /** As the run wrote them (changes.csv, the journal): `before` is what is put back. */
  readonly written: readonly FieldChange[];
}

/**
 * Puts back what an update run changed (undo): the same PUT as an update (the record as read,
 * every writable field, so nothing else is lost), with each changed field's `Before` as the new
 * value. Sending, the journal line and settling are the update's (a PUT read back holding every
 * value it sent took effect; one sent twice ends the same way).
 */
export class RestoreOperation implements Operation<RestoreInput, UpdateRequest, 'restored'> {
  readonly name = 'restore';
  readonly done = 'restored';
  private readonly update: UpdateOperation;

  constructor(options: { readonly client: NexudusClient }) {
    this.update = new UpdateOperation(options);
  }

  request(input: RestoreInput): UpdateRequest {
    return this.update.request({ record: input.record, changes: reversed(input.written) });
  }

  journaled(request: UpdateRequest): SendingAbout {
    return this.update.journaled(request);
  }

  async prepare(): Promise<void> {}

  send(request: UpdateRequest, onSend: () => void): Promise<WriteAttempt> {
    return this.update.send(request, onSend);
  }

  look(request: UpdateRequest): Promise<number | undefined> {
    return this.update.look(request);
  }

  async idle(): Promise<void> {}
}

/** The changes that take `written` back: each field from its After to its Before. */
export function reversed(written: readonly FieldChange[]): FieldChange[] {
  return written.map((c) => ({ field: c.field, before: c.after, after: c.before }));
}
