import type { ProgressListener, Tally } from '../engine/events.js';
import { noResults } from '../outcome.js';
import { Rate } from './rate.js';

/** What the screen shows at one moment. */
export type ProgressView =
  | { readonly phase: 'idle' }
  | {
      readonly phase: 'checking';
      readonly rowsRead: number;
      /** Rows read per second, once there is a second of history. */
      readonly perSecond?: number;
    }
  | {
      readonly phase: 'uploading';
      /** Rows this pass settles: sent, found existing, or failed by preflight. */
      readonly total: number;
      readonly tally: Readonly<Tally>;
      /** Rows settled per minute, over the last minute. */
      readonly perMinute?: number;
      /** Seconds until the last row, at that pace. */
      readonly etaSeconds?: number;
    };

/**
 * Rows per second over 5 s while reading (reported every 500 rows); rows per minute over a
 * minute while uploading (a row every second at Nexudus's pace, so 5 s without one is a wait).
 */
const READ_WINDOW_MS = 5_000;
const UPLOAD_WINDOW_MS = 60_000;

/**
 * The progress of a run as the callbacks report it, turned into what a renderer draws. Pure
 * bookkeeping: the clock is passed in, nothing is written anywhere.
 */
export class ProgressState implements ProgressListener {
  private phase: 'idle' | 'checking' | 'uploading' = 'idle';
  private rowsRead = 0;
  private total = 0;
  private tally: Tally = { done: 0, ...noResults() };
  private readonly readPace = new Rate(READ_WINDOW_MS, 2_000);
  private readonly settling = new Rate(UPLOAD_WINDOW_MS, 5_000);

  constructor(private readonly now: () => number) {}

  checking(rowsRead: number): void {
    // A count going down is a new pass over the file: its pace starts again.
    if (this.phase !== 'checking' || rowsRead < this.rowsRead) {
      this.readPace.reset(this.now(), rowsRead);
    } else {
      this.readPace.add(this.now(), rowsRead);
    }
    this.phase = 'checking';
    this.rowsRead = rowsRead;
  }

  uploading(total: number): void {
    this.phase = 'uploading';
    this.total = total;
    this.tally = { done: 0, ...noResults() };
    this.settling.reset(this.now(), 0);
  }

  rowDone(tally: Readonly<Tally>): void {
    if (this.phase !== 'uploading') return;
    this.tally = { ...tally };
    this.settling.add(this.now(), tally.done);
  }

  finished(): void {
    this.phase = 'idle';
  }

  view(): ProgressView {
    const now = this.now();
    if (this.phase === 'checking') {
      const perSecond = this.readPace.perSecond(now);
      return {
        phase: 'checking',
        rowsRead: this.rowsRead,
        ...(perSecond === undefined ? {} : { perSecond }),
      };
    }
    if (this.phase === 'uploading') {
      const perSecond = this.settling.perSecond(now);
      const left = Math.max(0, this.total - this.tally.done);
      return {
        phase: 'uploading',
        total: this.total,
        tally: this.tally,
        ...(perSecond === undefined ? {} : { perMinute: perSecond * 60 }),
        ...(perSecond ? { etaSeconds: left / perSecond } : {}),
      };
    }
    return { phase: 'idle' };
  }
}
