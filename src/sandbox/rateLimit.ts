/**
 * At most `limit` accepted events in any `windowMs`: a sliding window over the accept times
 * (Nexudus counts "per minute" this way as far as clients can tell; a fixed window would let a
 * burst of 2N through around the minute's edge).
 */
export class SlidingWindow {
  private readonly accepted: number[] = [];
  private head = 0;

  constructor(
    private readonly limit: number | false,
    private readonly windowMs = 60_000,
  ) {}

  /** Whether one more event at `now` would stay within the limit. Does not record it. */
  allows(now: number): boolean {
    if (this.limit === false) return true;
    this.expire(now);
    return this.accepted.length - this.head < this.limit;
  }

  /** Record an accepted event. */
  record(now: number): void {
    if (this.limit === false) return;
    this.accepted.push(now);
  }

  private expire(now: number): void {
    while (this.head < this.accepted.length && this.accepted[this.head]! <= now - this.windowMs) {
      this.head++;
    }
    // Compact now and then so a long benchmark does not keep every timestamp.
    if (this.head > 1024 && this.head * 2 > this.accepted.length) {
      this.accepted.splice(0, this.head);
      this.head = 0;
    }
  }
}
