/**
 * The run's places for rows in flight (`--concurrency`). A row takes one before it is sent and
 * gives it back when it is done, or while it waits for an unanswered create to settle, so that
 * the waiting never holds up the other rows. Places are handed out in the order asked for.
 */
export class Slots {
  private readonly waiting: (() => void)[] = [];

  constructor(private free: number) {}

  async take(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }

  /**
   * One row's place, once taken: `park` gives it up while the row waits (an unanswered write
   * settling) and takes it again after; `release` gives it back at the end unless it is parked.
   */
  held(): Held {
    let holding = true;
    return {
      park: async <T>(wait: Promise<T>): Promise<T> => {
        this.give();
        holding = false;
        const value = await wait;
        await this.take();
        holding = true;
        return value;
      },
      release: () => {
        if (holding) this.give();
        holding = false;
      },
    };
  }
}

/** A row's place in flight, from Slots.held(). */
export interface Held {
  park<T>(wait: Promise<T>): Promise<T>;
  release(): void;
}
