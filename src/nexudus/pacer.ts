import { setTimeout as delay } from 'node:timers/promises';
import { HOUR_MS } from './limits.js';

/** The limits one run keeps to (SPEC "Uploading"). Infinity turns a limit off. */
export interface PaceLimits {
  readonly writesPerMinute: number;
  readonly requestsPerMinute: number;
  /** All requests over an hour (Nexudus: 5,000). Default: no hourly limit. */
  readonly requestsPerHour?: number;
  /** How long that hour is, in ms: an hour, shortened only by tests and benchmarks. */
  readonly hourMs?: number;
  /** Requests in flight at most. */
  readonly concurrency: number;
}

export type RequestKind = 'read' | 'write';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => delay(ms) };

/**
 * Spacing kept above the exact limit. Nexudus counts requests as they arrive; ours leave evenly
 * spaced, but arrive with a few milliseconds of jitter. At 1% slower than the limit, 61 writes
 * would have to bunch up by 0.6 s to fit into one minute, which loopback and real networks never
 * do; the pace stays at 99% of the limit.
 */
const SAFETY = 1.01;
/** Each throttled reply slows the pace by this factor, up to MAX_SLOWDOWN; successes recover it. */
const SLOWDOWN_STEP = 1.1;
const MAX_SLOWDOWN = 4;
const RECOVER_AFTER = 30;
/** A turn taken later than this after it was due is counted from when it was taken. */
const LATE_MS = 25;

/**
 * The one pacer every request of a run goes through: writes evenly at writesPerMinute, all
 * requests evenly at the tighter of requestsPerMinute and requestsPerHour, at most `concurrency`
 * in flight. Turns are handed out in the order they were asked for, so a slow read never starves
 * behind a stream of writes.
 *
 * The hourly limit is kept by spacing, not by counting: every request waits at least an hour ÷
 * requestsPerHour after the one before (720 ms at 5,000), so any hour, wherever its window is
 * slid, holds fewer than requestsPerHour requests, a big preflight followed by the uploads
 * included. Letting the first 5,000 go at the per-minute pace would have a long run stall for the
 * rest of the hour, and the hour after it repeat the burst. Writes alone (3,600 an hour at 60 a
 * minute) stay under it; reads fill the rest.
 */
export class Pacer {
  private nextRequestAt = 0;
  private nextWriteAt = 0;
  private pausedUntil = 0;
  private slowdown = 1;
  private successes = 0;
  private inFlight = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** Set by stop(): every turn asked for or waiting is refused with it. */
  private stopped: Error | undefined;
  private readonly onStop = new Set<(reason: Error) => void>();

  constructor(
    private readonly limits: PaceLimits,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Runs `task` when the pace and the concurrency allow a request of this kind. After stop(),
   * rejects with its reason at once, without running `task`.
   */
  async run<T>(kind: RequestKind, task: () => Promise<T>): Promise<T> {
    if (this.stopped) throw this.stopped;
    const turn = this.queue.then(() => this.takeTurn(kind));
    this.queue = turn.catch(() => undefined);
    await turn;
    try {
      return await task();
    } finally {
      this.releaseSlot();
    }
  }

  /**
   * No more turns (Ctrl-C, SIGTERM, or a run that stopped): every request waiting for its turn,
   * or asking for one later, is refused at once with `reason`. Tasks already running go on;
   * aborting them is their owner's choice (see NexudusClient.stop).
   */
  stop(reason: Error): void {
    if (this.stopped) return;
    this.stopped = reason;
    for (const refuse of this.onStop) refuse(reason);
    this.onStop.clear();
  }

  /** The server said "wait" (409/429 with Retry-After): pause everything and slow down. */
  throttled(retryAfterMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + retryAfterMs);
    this.slowdown = Math.min(MAX_SLOWDOWN, this.slowdown * SLOWDOWN_STEP);
    this.successes = 0;
  }

  /** A request went through unthrottled; enough of them in a row restore the full pace. */
  succeeded(): void {
    if (this.slowdown === 1) return;
    this.successes += 1;
    if (this.successes >= RECOVER_AFTER) {
      this.slowdown = Math.max(1, this.slowdown / SLOWDOWN_STEP);
      this.successes = 0;
    }
  }

  /** The gap between two turns kept to `limit` per `windowMs`; 0 for no limit. */
  private interval(limit: number | undefined, windowMs: number): number {
    return limit !== undefined && Number.isFinite(limit) && limit > 0
      ? (windowMs / limit) * SAFETY * this.slowdown
      : 0;
  }

  /** The tightest of the limits on all requests wins. */
  private requestInterval(): number {
    const { requestsPerMinute, requestsPerHour, hourMs = HOUR_MS } = this.limits;
    return Math.max(
      this.interval(requestsPerMinute, 60_000),
      this.interval(requestsPerHour, hourMs),
    );
  }

  private async takeTurn(kind: RequestKind): Promise<void> {
    await this.unlessStopped(this.acquireSlot());
    let at = 0;
    try {
      for (;;) {
        const now = this.clock.now();
        at = Math.max(
          this.nextRequestAt,
          this.pausedUntil,
          kind === 'write' ? this.nextWriteAt : 0,
        );
        if (at <= now) break;
        await this.unlessStopped(this.clock.sleep(at - now));
      }
      if (this.stopped) throw this.stopped;
    } catch (error) {
      this.releaseSlot();
      throw error;
    }
    // The next turn is counted from when this one was due, not from when the timer fired: a
    // timer a millisecond late on every write would otherwise cost 2% of the pace at 20 writes a
    // second. After a real gap (idle, or a long event-loop stall) it counts from now, so no burst.
    const now = this.clock.now();
    const start = now - at < LATE_MS ? at : now;
    this.nextRequestAt = start + this.requestInterval();
    if (kind === 'write') {
      this.nextWriteAt = start + this.interval(this.limits.writesPerMinute, 60_000);
    }
  }

  /** `wait`, or the stop reason as soon as stop() is called (a refused turn never runs). */
  private unlessStopped<T>(wait: Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise<T>((resolve, reject) => {
      this.onStop.add(reject);
      wait.then(resolve, reject).finally(() => this.onStop.delete(reject));
    });
  }

  private async acquireSlot(): Promise<void> {
    if (this.inFlight < this.limits.concurrency) {
      this.inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.slotWaiters.shift();
    if (next) next();
    else this.inFlight -= 1;
  }
}
