import type { NexudusClient, WriteAttempt } from '../../nexudus/client.js';
import { contactRecord } from '../../nexudus/replies.js';
import { fetchByIds } from '../../preflight/byIds.js';
import type { SendingAbout } from '../../upload/journal.js';
import type { Operation } from './operation.js';

/** A contact to delete (undo of a create): its Id. */
export interface RemoveRequest {
  readonly id: number;
}

/**
 * Deletes a contact: `DELETE billing/contractcontacts/{id}` (undo of a create). An unanswered
 * DELETE is settled by reading the record by Id: gone means it took effect. A DELETE sent twice
 * ends the same way (the second is answered 404, which the client takes as done), so one that
 * did not take effect within the grace is simply sent again.
 */
export class RemoveOperation implements Operation<RemoveRequest, RemoveRequest, 'deleted'> {
  readonly name = 'delete';
  readonly done = 'deleted';

  constructor(private readonly options: { readonly client: NexudusClient }) {}

  request(input: RemoveRequest): RemoveRequest {
    return input;
  }

  /** The undo journal keys its lines by the contact's Id: nothing more to say. */
  journaled(): SendingAbout {
    return {};
  }

  async prepare(): Promise<void> {}

  send(request: RemoveRequest, onSend: () => void): Promise<WriteAttempt> {
    return this.options.client.remove(request.id, onSend);
  }

  async look(request: RemoveRequest): Promise<number | undefined> {
    const read = await fetchByIds(
      this.options.client,
      'billing/contractcontacts',
      [request.id],
      contactRecord,
    );
    return read.has(request.id) ? undefined : request.id;
  }

  async idle(): Promise<void> {}
}
