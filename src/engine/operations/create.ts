import type { Logger } from 'pino';
import type { WriteAttempt } from '../../nexudus/client.js';
import type { Payload } from '../../payload.js';
import type { SendingAbout } from '../../upload/journal.js';
import { CreatedLookup, type CreatedLookupOptions } from './createdLookup.js';
import { createSent } from './createSent.js';
import type { Operation } from './operation.js';

/** A row to create: the payload preflight completed. */
export interface CreateRequest {
  readonly payload: Payload;
  /**
   * The row was sent by an earlier run before its contract's contacts were recorded (a version
   * that did not record them), so those cannot rule out a record (see CreatedLookup.find).
   */
  readonly unguarded?: boolean;
}

export interface CreateOptions extends CreatedLookupOptions {
  readonly logger: Logger;
}

/**
 * Creates a row's contact: POST billing/contractcontacts with the payload. An unanswered POST
 * is settled by looking for the record it may have made among its contract's contacts, never
 * one that existed before the run or belongs to another row (see CreatedLookup).
 */
export class CreateOperation implements Operation<CreateRequest, CreateRequest, 'created'> {
  readonly name = 'create';
  readonly done = 'created';
  private readonly lookup: CreatedLookup;

  constructor(private readonly options: CreateOptions) {
    this.lookup = new CreatedLookup(options);
  }

  /** Marks an Id as taken (a contact that existed before, or one a row of the folder created). */
  claim(id: number): void {
    this.lookup.claimed.add(id);
  }

  request(input: CreateRequest): CreateRequest {
    return input;
  }

  journaled(request: CreateRequest): SendingAbout {
    // what undo needs of the record (createSent.ts), besides the contract a resume needs
    return {
      contractId: request.payload.CoworkerContractId,
      create: createSent(request.payload),
    };
  }

  /** The contract's contacts are known (and journaled) before its first create, never after. */
  async prepare(request: CreateRequest): Promise<void> {
    await this.lookup.contactsBefore(request.payload.CoworkerContractId);
  }

  async send(request: CreateRequest, onSend: () => void): Promise<WriteAttempt> {
    const answered = this.lookup.sending(request.payload);
    let reply: WriteAttempt;
    try {
      reply = await this.options.client.create(request.payload, onSend);
    } finally {
      answered();
    }
    if (reply.kind === 'done') {
      if (this.lookup.claimed.has(reply.id))
        this.options.logger.error(
          { id: reply.id },
          'a created record was already claimed by another row',
        );
      this.lookup.claimed.add(reply.id);
    }
    return reply;
  }

  look(request: CreateRequest): Promise<number | 'busy' | undefined> {
    return this.lookup.find(request.payload, request.unguarded);
  }

  idle(request: CreateRequest): Promise<void> {
    return this.lookup.idle(request.payload);
  }
}
