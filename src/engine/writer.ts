import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ImportError } from '../errors.js';
import type { RowProblem } from '../map/types.js';
import type { NexudusClient } from '../nexudus/client.js';
import { backoffMs } from '../nexudus/retry.js';
import type { DailyQuota } from '../upload/quota.js';
import type { Operation } from './operations/operation.js';
import type { PaceListener } from './events.js';

/** The grace after an unanswered write, in request timeouts (at least two: see settle). */
export const GRACE_TIMEOUTS = 2;

/**
 * Why a write request did not count as a write: the server answered that it was throttled
 * (409/429: not processed), or the connection failed before the request was sent.
 */
export type NotProcessed = 'throttled' | 'not-sent';

/** An operation, whatever a row is before it becomes a request (that is not the Writer's part). */
type AnyOperation<Request, Done extends string> = Operation<never, Request, Done>;

export interface WriterOptions {
  readonly client: NexudusClient;
  readonly logger: Logger;
  /** How long the client waits for an answer (default 30 s); the grace is counted in it. */
  readonly requestTimeoutMs?: number;
  /** Tries for one row that keeps failing with 5xx or a connection error (SPEC: 5). */
  readonly tries?: number;
  /** Rows in a row that end in server or network failure before the run stops (exit 3). */
  readonly maxConsecutiveFailures?: number;
  /**
   * The daily write limit: one write is taken before each write request (which may wait or stop
   * the run), and given back when the server did not process it.
   */
  readonly quota?: Pick<DailyQuota, 'take' | 'giveBack'>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Ctrl-C or SIGTERM: a row waiting to settle stops waiting, and stays unsettled. */
  readonly signal?: AbortSignal;
  /** Told when Nexudus throttles the writes, and when they flow again (the screen says why). */
  readonly pace?: PaceListener;
}

/** What the run lends one row. */
export interface RowHooks {
  /**
   * Waits for `wait` without holding the row's place among the rows in flight, so that a row
   * waiting for its grace does not hold up the others. Default: just waits.
   */
  readonly park?: <T>(wait: Promise<T>) => Promise<T>;
}

/** How a row's write ended: its operation's result and the record's Id, or failed. */
export type WriteResult<Done extends string> =
  | { readonly result: Done; readonly id: number }
  | { readonly result: 'failed'; readonly problems: readonly RowProblem[] };

/**
 * Carries out one row's write, of any operation, exactly once. Throttled requests wait and go
 * again; server errors and refused connections back off and go again (5 tries); a request that
 * went out with no answer is settled (see settle) before anything is sent again. One Writer
 * serves the whole run: a server failing row after row stops it, whatever the operation.
 */
export class Writer {
  private consecutiveFailures = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  /** While throttled: when the wait Nexudus asked for ends (epoch ms); else undefined. */
  private throttledUntil: number | undefined;

  constructor(private readonly options: WriterOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /**
   * Tells the pace listener of a throttled reply (`retryAfterMs`), or of the first reply after the
   * wait ended: a reply to a request sent before the wait (concurrency) does not mean the writes
   * flow again, the pacer holds every request until the wait is over.
   */
  private tellPace(retryAfterMs: number | undefined): void {
    const { pace } = this.options;
    const now = Date.now();
    if (retryAfterMs !== undefined) {
      this.throttledUntil = Math.max(this.throttledUntil ?? 0, now + retryAfterMs);
      pace?.throttled?.(this.throttledUntil);
    } else if (this.throttledUntil !== undefined && now >= this.throttledUntil) {
      this.throttledUntil = undefined;
      pace?.flowing?.();
    }
  }

  /**
   * Writes one row's `request` with `op`. `beforeSend` runs right before each request (the
   * journal's `sending` line);
   * `notProcessed` after a request the server did not process, which does not count as a write
   * (the journal's `throttled` or `not-sent` line). Every other answer counts: a 5xx, a reset or
   * a timeout may have been counted (and a 5xx processed) by the server, and a write the limit
   * counts short would be met by 409s instead of a clean stop.
   */
  async write<Request, Done extends string>(
    op: AnyOperation<Request, Done>,
    request: Request,
    beforeSend: () => void = () => {},
    notProcessed?: (why: NotProcessed) => void,
    row: RowHooks = {},
  ): Promise<WriteResult<Done>> {
    const { client, logger, quota } = this.options;
    const tries = this.options.tries ?? 5;
    let lastError = '';
    await op.prepare(request);
    for (let attempt = 1; attempt <= tries;) {
      const taken = await quota?.take();
      // beforeSend runs once the pacer hands out the turn: a turn refused by a stop sent nothing.
      const reply = await op.send(request, beforeSend);
      this.tellPace(reply.kind === 'throttled' ? reply.retryAfterMs : undefined);
      if (reply.kind === 'throttled' || reply.kind === 'not-sent') {
        if (taken !== undefined) quota?.giveBack(taken);
        notProcessed?.(reply.kind);
      }
      switch (reply.kind) {
        case 'done':
          this.consecutiveFailures = 0;
          return { result: op.done, id: reply.id };
        case 'rejected':
          this.consecutiveFailures = 0;
          return { result: 'failed', problems: reply.problems };
        case 'throttled':
          await client.onThrottled(reply.retryAfterMs);
          continue; // not a failed try: the row was not processed
        case 'ambiguous': {
          lastError = reply.error;
          logger.warn({ error: reply.error }, `unanswered ${op.name}; settling it`);
          const found = await this.settle(op, request, Date.now(), row);
          if (found !== undefined) {
            logger.info({ id: found }, `unanswered ${op.name} settled: it took effect`);
            this.consecutiveFailures = 0;
            return { result: op.done, id: found };
          }
          logger.warn(
            { graceMs: GRACE_TIMEOUTS * this.timeoutMs, lastTry: attempt >= tries },
            `the unanswered ${op.name} did not take effect within the grace`,
          );
          break;
        }
        case 'failed':
        case 'not-sent':
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
          Message: `not ${op.done} after ${tries} tries: ${lastError}`,
          columns: [],
        },
      ],
    };
  }

  /**
   * Settles a request that went out and got no answer: returns the Id of its record once the
   * operation's look finds that it took effect, or undefined once the grace is over without.
   * `since`: when the answer was given up (the timeout, or the reset); for a row a resume finds
   * unsettled, when its last request would have timed out. Told for a create below; every
   * operation is settled the same way, by its own look.
   *
   * Such a request may have made its record, may still make it (a server can hold a request in
   * a queue for minutes, and goes on with it when the client has given up), or may never. To
   * send again at once is to race it: a server taking 31 s to answer a 30 s timeout stores the
   * record after the look, and both requests create. So nothing is sent again for the row until
   * its record is found or a grace of GRACE_TIMEOUTS request timeouts (T) has passed with the
   * lookup still empty:
   * 1. Look at once: the record of a reply that was merely slow, or of a reset after storing, is
   *    usually there, and the row is done.
   * 2. Else the row is parked: it gives up its place among the rows in flight, so the others go
   *    on and a slow server does not stall the upload, and looks again T later (the common slow
   *    reply settles here), then at the end of the grace, 2T after the answer was given up (3T
   *    after a timed-out request went out). While another row's create of the same contact
   *    awaits its answer, a look waits for that answer first (see CreatedLookup).
   * 3. Still nothing: the request is taken as lost and the row sent again, as a new try.
   * The run ends only when every parked row has settled (the upload waits for them).
   *
   * Stopped while parked (Ctrl-C, SIGTERM, kill -9): the journal holds the row's `sending` with
   * no outcome, and a resume settles it the same way, its grace counted from that `sending`: a
   * resume right after a kill does not race a request the server may still be working on, and
   * one a day later looks once and sends.
   *
   * What no grace can rule out: a server that holds a request longer than the grace and then
   * carries it out anyway. The tool cannot call a sent request back; after 3T of silence it must
   * send again or give the row up, and a row never created is the worse of the two for someone
   * importing it. Such a server ends with two records for that row. The grace follows
   * --request-timeout, so a longer timeout widens every window for a server known to be slow.
   */
  async settle<Request>(
    op: AnyOperation<Request, string>,
    request: Request,
    since: number,
    row: RowHooks = {},
  ): Promise<number | undefined> {
    const t = this.timeoutMs;
    const looks = [since, since + t, since + GRACE_TIMEOUTS * t];
    for (let i = 0; i < looks.length; i += 1) {
      const next = looks[i + 1];
      if (next !== undefined && next <= Date.now()) continue; // a later look is due already
      const wait = (looks[i] ?? 0) - Date.now();
      if (wait > 0) await this.park(row, (signal) => delay(wait, undefined, { signal }));
      for (;;) {
        const found = await op.look(request);
        if (found !== 'busy') {
          if (found !== undefined) return found;
          break;
        }
        await this.park(row, () => op.idle(request));
      }
    }
    return undefined;
  }

  /**
   * A row an earlier run sent at `sentAt` (ms) with no answer recorded: settled as above, its
   * grace counted from when that request would have timed out.
   */
  settleEarlier<Request>(
    op: AnyOperation<Request, string>,
    request: Request,
    sentAt: number,
    row: RowHooks = {},
  ): Promise<number | undefined> {
    return this.settle(op, request, sentAt + this.timeoutMs, row);
  }

  /** Waits, parked, until `wait` ends; an interruption ends it at once. */
  private async park(
    row: RowHooks,
    wait: (signal: AbortSignal) => Promise<unknown>,
  ): Promise<void> {
    const { signal } = this.options;
    if (signal?.aborted) throw interrupted();
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const waited = new Promise<void>((resolve, reject) => {
      stop.signal.addEventListener('abort', () => reject(interrupted()), { once: true });
      // only an abort ends `wait` early, and the listener above has said so already
      wait(stop.signal).then(
        () => resolve(),
        () => undefined,
      );
    });
    try {
      await (row.park ? row.park(waited) : waited);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      stop.abort(); // cancels a timer still running
    }
  }
}

function interrupted(): ImportError {
  return new ImportError('interrupted', 'Interrupted: nothing new was sent after Ctrl-C.');
}
