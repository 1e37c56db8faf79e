import { describe, expect, it } from 'vitest';
import { Pacer, type Clock } from '../src/nexudus/pacer.js';

/** A clock that jumps ahead when the pacer sleeps: minutes of pacing in milliseconds. */
function virtualClock(): Clock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

function maxInWindow(times: readonly number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('Pacer', () => {
  it('keeps writes evenly at the limit and never more than the limit in any minute', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ writesPerMinute: 60, requestsPerMinute: 120, concurrency: 4 }, clock);
    const sent: number[] = [];
    await Promise.all(
      Array.from({ length: 300 }, () =>
        pacer.run('write', async () => {
          sent.push(clock.now());
        }),
      ),
    );
    expect(maxInWindow(sent, 60_000)).toBeLessThanOrEqual(60);
    const perMinute = (sent.length - 1) / (((sent.at(-1) ?? 0) - (sent[0] ?? 0)) / 60_000);
    expect(perMinute / 60).toBeGreaterThan(0.97);
    expect(perMinute / 60).toBeLessThanOrEqual(1);
  });

  it('shares the request budget between reads and writes', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ writesPerMinute: 60, requestsPerMinute: 120, concurrency: 2 }, clock);
    const all: number[] = [];
    const writes: number[] = [];
    await Promise.all(
      Array.from({ length: 240 }, (_, i) =>
        pacer.run(i % 2 ? 'read' : 'write', async () => {
          all.push(clock.now());
          if (i % 2 === 0) writes.push(clock.now());
        }),
      ),
    );
    expect(maxInWindow(all, 60_000)).toBeLessThanOrEqual(120);
    expect(maxInWindow(writes, 60_000)).toBeLessThanOrEqual(60);
  });

  it('keeps to the hourly limit over a long run, a big preflight followed by the writes', async () => {
    const clock = virtualClock();
    const pacer = new Pacer(
      { writesPerMinute: 60, requestsPerMinute: 120, requestsPerHour: 5000, concurrency: 2 },
      clock,
    );
    const all: number[] = [];
    const writes: number[] = [];
    // 4,000 GETs of preflight (at 120 a minute alone they would be 4,000 in 33 minutes), then
    // 4,000 writes, with a lookup now and then.
    const reads = Array.from({ length: 4000 }, () =>
      pacer.run('read', async () => {
        all.push(clock.now());
      }),
    );
    await Promise.all(reads);
    const readsEnd = clock.now();
    await Promise.all(
      Array.from({ length: 4000 }, (_, i) =>
        pacer.run(i % 20 === 19 ? 'read' : 'write', async () => {
          all.push(clock.now());
          if (i % 20 !== 19) writes.push(clock.now());
        }),
      ),
    );
    expect(maxInWindow(all, 3_600_000)).toBeLessThanOrEqual(5000);
    expect(maxInWindow(all, 60_000)).toBeLessThanOrEqual(120);
    expect(maxInWindow(writes, 60_000)).toBeLessThanOrEqual(60);
    // Evenly, at the tightest limit: the reads at 5,000 an hour, not in bursts with stalls.
    const readsPerHour = ((4000 - 1) / readsEnd) * 3_600_000;
    expect(readsPerHour / 5000).toBeGreaterThan(0.97);
    expect(maxInWindow(all.slice(0, 4000), 60_000)).toBeLessThanOrEqual(Math.ceil(5000 / 60));
  });

  it('lets the tightest limit win: the per-minute one when the hourly one is looser', async () => {
    const clock = virtualClock();
    const pacer = new Pacer(
      { writesPerMinute: 60, requestsPerMinute: 120, requestsPerHour: 100_000, concurrency: 2 },
      clock,
    );
    const all: number[] = [];
    await Promise.all(
      Array.from({ length: 600 }, () =>
        pacer.run('read', async () => {
          all.push(clock.now());
        }),
      ),
    );
    const perMinute = ((all.length - 1) / (all.at(-1) ?? 1)) * 60_000;
    expect(perMinute / 120).toBeGreaterThan(0.97);
    expect(maxInWindow(all, 60_000)).toBeLessThanOrEqual(120);
  });

  it('keeps an hour shortened by hourMs (tests and benchmarks compress time)', async () => {
    const clock = virtualClock();
    const pacer = new Pacer(
      {
        writesPerMinute: Infinity,
        requestsPerMinute: Infinity,
        requestsPerHour: 50,
        hourMs: 10_000,
        concurrency: 4,
      },
      clock,
    );
    const all: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, () =>
        pacer.run('write', async () => {
          all.push(clock.now());
        }),
      ),
    );
    expect(maxInWindow(all, 10_000)).toBeLessThanOrEqual(50);
    const perHour = ((all.length - 1) / (all.at(-1) ?? 1)) * 10_000;
    expect(perHour / 50).toBeGreaterThan(0.97);
  });

  it('never has more than `concurrency` tasks in flight', async () => {
    const pacer = new Pacer({
      writesPerMinute: Infinity,
      requestsPerMinute: Infinity,
      concurrency: 3,
    });
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        pacer.run('write', async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((r) => setTimeout(r, 2));
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('pauses everything for Retry-After and slows down after a throttled reply', async () => {
    const clock = virtualClock();
    const pacer = new Pacer({ writesPerMinute: 60, requestsPerMinute: 120, concurrency: 1 }, clock);
    await pacer.run('write', async () => undefined);
    const before = clock.now();
    pacer.throttled(5_000);
    await pacer.run('write', async () => undefined);
    expect(clock.now() - before).toBeGreaterThanOrEqual(5_000);
    const t1 = clock.now();
    await pacer.run('write', async () => undefined);
    expect(clock.now() - t1).toBeGreaterThan(1_010);
  });

  it('after stop(), refuses every waiting and later turn at once, and lets running tasks finish', async () => {
    // A clock that never wakes: a turn waiting for its time would wait for ever unless refused.
    const clock: Clock = { now: () => 0, sleep: () => new Promise<void>(() => {}) };
    const pacer = new Pacer({ writesPerMinute: 60, requestsPerMinute: 120, concurrency: 2 }, clock);
    let finishFirst: (value: string) => void = () => {};
    const ran: string[] = [];
    const first = pacer.run('write', () => {
      ran.push('first');
      return new Promise<string>((resolve) => (finishFirst = resolve));
    });
    const waitingForTime = pacer.run('write', async () => ran.push('second'));
    const waitingInQueue = pacer.run('read', async () => ran.push('third'));
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual(['first']);

    const reason = new Error('stopped by Ctrl-C');
    pacer.stop(reason);
    const settled = await Promise.race([
      Promise.allSettled([waitingForTime, waitingInQueue]),
      new Promise((r) => setTimeout(() => r('still waiting'), 100)),
    ]);
    expect(settled).toEqual([
      { status: 'rejected', reason },
      { status: 'rejected', reason },
    ]);
    await expect(pacer.run('read', async () => ran.push('later'))).rejects.toBe(reason);

    finishFirst('answered');
    await expect(first).resolves.toBe('answered');
    expect(ran).toEqual(['first']);
  });

  it('after stop(), refuses a request waiting for a free slot', async () => {
    const pacer = new Pacer({
      writesPerMinute: Infinity,
      requestsPerMinute: Infinity,
      concurrency: 1,
    });
    let release: () => void = () => {};
    const holding = pacer.run('write', () => new Promise<void>((r) => (release = r)));
    const waiting = pacer.run('write', async () => 'sent');
    await new Promise((r) => setTimeout(r, 10));
    const reason = new Error('stopped');
    pacer.stop(reason);
    await expect(waiting).rejects.toBe(reason);
    release();
    await holding;
  });
});
