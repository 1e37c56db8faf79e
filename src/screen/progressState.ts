import type { ProgressListener, Tally } from '../engine/events.js';
import { noResults } from '../outcome.js';
import { Rate } from './rate.js';

/** What the screen shows at one moment. */
export type ProgressView =
  | { readonly phase: 'idle' }
  | {
      /** `checked`: the check pass read the whole file (preflight may follow). */
      readonly phase: 'checking' | 'checked';
      readonly rowsRead: number;
      /**
       * Rows read per second: the rows the pass reported over the time it took to read them, once
       * that time is long enough to measure (see MEASURABLE_MS); at the end, the pass's average.
       */
      readonly perSecond?: number;
    }
  | {
      readonly phase: 'uploading';
      /** The file's rows, as the summary counts them. */
      readonly total: number;
      /** Every row settled so far, those settled before the upload pass included. */
      readonly tally: Readonly<Tally>;
      /** Rows settled per minute, over the last minute. */
      readonly perMinute?: number;
      /** Seconds until the last row, at that pace. */
      readonly etaSeconds?: number;
      /**
       * Nexudus asked us to slow down and the writes wait: how many seconds are left of the wait
       * it asked for (absent once that time is up and no answer has come yet).
       */
      readonly throttled?: { readonly seconds?: number };
    };

/**
 * Rows per minute over a minute while uploading (a row every second at Nexudus's pace, so 5 s
 * without one is a wait).
 */
const UPLOAD_WINDOW_MS = 60_000;
/**
 * The shortest time a read rate is worked out over: the clock ticks in milliseconds, so over a
 * quarter of a second the rate is true to within 1%. Read faster than that, a file shows no rate
 * rather than a wrong one.
 */
export const MEASURABLE_MS = 250;

/**
 * The progress of a run as the callbacks report it, turned into what a renderer draws. Pure
 * bookkeeping: the clock is passed in, nothing is written anywhere.
 */
export class ProgressState implements ProgressListener {
  private phase: 'idle' | 'checking' | 'checked' | 'uploading' = 'idle';
  private rowsRead = 0;
  /** The first count of the pass over the file and when it came (its start, when it was 0). */
  private readFrom: { time: number; rows: number } | undefined;
  /** When the last count came. */
  private readAt = 0;
  private total = 0;
  private tally: Tally = { done: 0, ...noResults() };
  private readonly settling = new Rate(UPLOAD_WINDOW_MS, 5_000);
  /** While throttled: when the wait Nexudus asked for ends. */
  private throttledUntil: number | undefined;

  constructor(private readonly now: () => number) {}

  checking(rowsRead: number): void {
    const now = this.now();
    // A count going down is a new pass over the file: its rate starts again.
    if (this.phase !== 'checking' || rowsRead < this.rowsRead || !this.readFrom) {
      this.readFrom = { time: now, rows: rowsRead };
    }
    this.phase = 'checking';
    this.rowsRead = rowsRead;
    this.readAt = now;
  }

  checked(rows: number): void {
    if (this.phase !== 'checking' || rows < this.rowsRead) this.readFrom = undefined;
    this.phase = 'checked';
    this.rowsRead = rows;
    this.readAt = this.now();
  }

  uploading(total: number, settled?: Readonly<Tally>): void {
    this.phase = 'uploading';
    this.total = total;
    this.tally = settled ? { ...settled } : { done: 0, ...noResults() };
    this.settling.reset(this.now(), this.tally.done);
    this.throttledUntil = undefined;
  }

  rowDone(tally: Readonly<Tally>): void {
    if (this.phase !== 'uploading') return;
    this.tally = { ...tally };
    this.settling.add(this.now(), tally.done);
  }

  throttled(untilMs: number): void {
    this.throttledUntil = untilMs;
  }

  flowing(): void {
    this.throttledUntil = undefined;
  }

  finished(): void {
    this.phase = 'idle';
    this.throttledUntil = undefined;
  }

  view(): ProgressView {
    const now = this.now();
    if (this.phase === 'checking' || this.phase === 'checked') {
      const perSecond = this.readRate();
      return {
        phase: this.phase,
        rowsRead: this.rowsRead,
        ...(perSecond === undefined ? {} : { perSecond }),
      };
    }
    if (this.phase === 'uploading') {
      const perSecond = this.settling.perSecond(now);
      const left = Math.max(0, this.total - this.tally.done);
      const waitMs = this.throttledUntil === undefined ? undefined : this.throttledUntil - now;
      return {
        phase: 'uploading',
        total: this.total,
        tally: this.tally,
        ...(perSecond === undefined ? {} : { perMinute: perSecond * 60 }),
        ...(perSecond ? { etaSeconds: left / perSecond } : {}),
        ...(waitMs === undefined
          ? {}
          : { throttled: waitMs > 0 ? { seconds: Math.ceil(waitMs / 1000) } : {} }),
      };
    }
    return { phase: 'idle' };
  }

  /**
   * Rows read over the time spent reading them: from the pass's first count to its last, so a
   * count reported every few hundred rows is never set against time that has not been counted
   * yet (between two counts, or after the end while preflight runs).
   */
  private readRate(): number | undefined {
    const from = this.readFrom;
    if (!from) return undefined;
    const spent = this.readAt - from.time;
    if (spent < MEASURABLE_MS || this.rowsRead <= from.rows) return undefined;
    return ((this.rowsRead - from.rows) * 1000) / spent;
  }
}
