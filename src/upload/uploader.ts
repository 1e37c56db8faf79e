import type { Logger } from 'pino';
import { ImportError } from '../errors.js';
import type { NexudusClient } from '../nexudus/client.js';
import { backoffMs } from '../nexudus/retry.js';
import type { Payload } from '../payload.js';
import { contactsOf } from '../preflight/preflight.js';
import { contactKey } from '../preflight/keys.js';
import type { RowProblem } from '../map/types.js';

export interface UploaderOptions {
  readonly client: NexudusClient;
  readonly logger: Logger;
  /** Tries for one row that keeps failing with 5xx or a connection error (SPEC: 5). */
  readonly tries?: number;
  /** Rows in a row that end in server or network failure before the run stops (exit 3). */
  readonly maxConsecutiveFailures?: number;
  /** Takes one write of the daily limit before each create request (may wait or stop the run). */
  readonly takeWrite?: () => Promise<void>;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type UploadResult =
  | { readonly result: 'created'; readonly id: number }
  | { readonly result: 'failed'; readonly problems: readonly RowProblem[] };

/**
 * Creates one row's record, exactly once. Throttled requests wait and go again; server errors
 * and refused connections back off and go again (5 tries); a request that went out with no
 * answer is settled by looking for the record before anything is sent again.
 */
export class Uploader {
  private consecutiveFailures = 0;
  /** Ids this run created or found, so an ambiguous lookup never claims a record twice. */
  private readonly claimed = new Set<number>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: UploaderOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Marks ids already taken (pre-existing contacts, or created by an earlier run of this folder). */
  claim(id: number): void {
    this.claimed.add(id);
  }

  /** `beforeSend` runs right before each create request (the journal's `sending` line). */
  async upload(payload: Payload, beforeSend?: () => void): Promise<UploadResult> {
    const { client, logger } = this.options;
    const tries = this.options.tries ?? 5;
    let lastError = '';
    for (let attempt = 1; attempt <= tries;) {
      await this.options.takeWrite?.();
      // beforeSend runs once the pacer hands out the turn: a turn refused by a stop sent nothing.
      const reply = await client.create(payload, beforeSend);
      switch (reply.kind) {
        case 'created':
          this.claimed.add(reply.id);
          this.consecutiveFailures = 0;
          return { result: 'created', id: reply.id };
        case 'rejected':
          this.consecutiveFailures = 0;
          return { result: 'failed', problems: reply.problems };
        case 'throttled':
          await client.onThrottled(reply.retryAfterMs);
          continue; // not a failed try: the row was not processed
        case 'ambiguous': {
          lastError = reply.error;
          const found = await this.findCreated(payload);
          if (found !== undefined) {
            logger.info({ id: found }, 'ambiguous reply settled: the record exists');
            this.consecutiveFailures = 0;
            return { result: 'created', id: found };
          }
          break;
        }
        case 'failed':
          lastError = reply.error;
          break;
      }
      client.counts.retries += attempt < tries ? 1 : 0;
      if (attempt < tries) await this.sleep(backoffMs(attempt));
      attempt += 1;
    }
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= (this.options.maxConsecutiveFailures ?? 10)) {
      throw new ImportError(
        'server-failing',
        `Nexudus failed ${this.consecutiveFailures} rows in a row (last: ${lastError}); the run stopped. Resume it later with --resume.`,
      );
    }
    return {
      result: 'failed',
      problems: [
        {
          PropertyName: 'Row',
          Message: `not created after ${tries} tries: ${lastError}`,
          columns: [],
        },
      ],
    };
  }

  /**
   * After a request that may have created the record: the contract's contact with this row's
   * name and type that no other row of the run has claimed. Preflight made sure none existed
   * before the run (or they are claimed), so such a record is this row's.
   */
  async findCreated(payload: Payload): Promise<number | undefined> {
    const key = contactKey(
      payload.CoworkerContractId,
      payload.FullName,
      payload.ContractContactType,
    );
    const contacts = await contactsOf(this.options.client, payload.CoworkerContractId);
    const match = contacts.find(
      (c) =>
        !this.claimed.has(c.Id) &&
        c.FullName != null &&
        c.ContractContactType != null &&
        contactKey(payload.CoworkerContractId, c.FullName, c.ContractContactType) === key,
    );
    if (match) this.claimed.add(match.Id);
    return match?.Id;
  }
}
