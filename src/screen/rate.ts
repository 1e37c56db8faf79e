/**
 * How fast a count grows, over the last `windowMs` (the upload's pace): recent enough that a
 * pause (a throttled server) shows soon, long enough not to jump about. Samples older
 * than the window are dropped, so memory stays a handful of numbers.
 */
export class Rate {
  private samples: [time: number, count: number][] = [];

  /**
   * @param stallMs with no new count for longer than this, the window runs on to now, so the
   *   rate falls while nothing happens; shorter gaps are just the time between two reports.
   */
  constructor(
    private readonly windowMs: number,
    private readonly stallMs: number,
  ) {}

  /** Forgets everything: counts from `count` at `time` again. */
  reset(time: number, count: number): void {
    this.samples = [[time, count]];
  }

  add(time: number, count: number): void {
    this.samples.push([time, count]);
    // Keep one sample at or beyond the window's start, so the window is always covered.
    while (this.samples.length > 2 && (this.samples[1]?.[0] ?? time) <= time - this.windowMs) {
      this.samples.shift();
    }
  }

  /** Counts per second up to `now`; undefined until there is a second of history to go on. */
  perSecond(now: number): number | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return undefined;
    const end = now - last[0] > this.stallMs ? now : last[0];
    const elapsed = end - first[0];
    if (elapsed < 1000) return undefined;
    return ((last[1] - first[1]) * 1000) / elapsed;
  }
}
