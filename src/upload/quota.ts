import { ImportError } from '../errors.js';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The daily write limit over a rolling 24 hours, counted from every create request this results
 * folder's journal recorded (so resumed runs count together) plus those of this run. A write the
 * server did not process (throttled, or never sent) is given back.
 */
export class DailyQuota {
  private readonly times: number[];

  constructor(
    private readonly limit: number,
    earlierWrites: readonly number[],
    private readonly wait: boolean,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((r) => setTimeout(r, ms)),
  ) {
    this.times = [...earlierWrites].sort((a, b) => a - b);
  }

  /** Writes used in the last 24 hours. */
  used(): number {
    this.forget();
    return this.times.length;
  }

  /**
   * Takes one write, waiting for the window to move (--wait-for-quota) or stopping the run.
   * Returns when it was taken, for {@link giveBack}.
   */
  async take(): Promise<number> {
    for (;;) {
      this.forget();
      if (this.times.length < this.limit) {
        const at = this.now();
        this.times.push(at);
        return at;
      }
      if (!this.wait) {
        throw new ImportError(
          'quota-reached',
          `The daily write limit (${this.limit} in 24 hours) is reached. Continue later with --resume, or pass --wait-for-quota to wait.`,
        );
      }
      const oldest = this.times[0] ?? this.now();
      await this.sleep(Math.max(1000, oldest + DAY_MS - this.now()));
    }
  }

  /** A write taken at `at` that the server did not process: it does not count. */
  giveBack(at: number): void {
    const index = this.times.lastIndexOf(at);
    if (index >= 0) this.times.splice(index, 1);
  }

  private forget(): void {
    const since = this.now() - DAY_MS;
    while (this.times.length > 0 && (this.times[0] ?? 0) <= since) this.times.shift();
  }
}
