import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/errors.js';
import { backoffMs, parseRetryAfter } from '../src/nexudus/retry.js';
import { contactKey } from '../src/preflight/keys.js';
import type { JournalEntry } from '../src/upload/journal.js';
import { DailyQuota } from '../src/upload/quota.js';
import { resumeState } from '../src/upload/resume.js';

describe('DailyQuota', () => {
  it('counts the writes of the last 24 hours, earlier runs included, and stops at the limit', async () => {
    let now = Date.parse('2026-11-30T12:00:00Z');
    const earlier = [now - 25 * 3600_000, now - 3600_000, now - 60_000];
    const quota = new DailyQuota(4, earlier, false, () => now);
    expect(quota.used()).toBe(2);
    await quota.take();
    await quota.take();
    await expect(quota.take()).rejects.toMatchObject({ code: 'quota-reached' });
    now += 23 * 3600_000 + 1000; // the write of an hour before the start leaves the window
    await quota.take();
    expect(quota.used()).toBe(4);
  });

  it('waits for the window to move with --wait-for-quota', async () => {
    let now = 0;
    const slept: number[] = [];
    const quota = new DailyQuota(
      1,
      [0],
      true,
      () => now,
      async (ms) => {
        slept.push(ms);
        now += ms;
      },
    );
    await quota.take();
    expect(slept).toEqual([24 * 3600_000]);
  });

  it('takes back a write the server did not process', async () => {
    let now = 1000;
    const quota = new DailyQuota(2, [], false, () => now);
    const first = await quota.take();
    now += 10;
    await quota.take();
    quota.giveBack(first); // throttled
    expect(quota.used()).toBe(1);
    await quota.take();
    await expect(quota.take()).rejects.toMatchObject({ code: 'quota-reached' });
  });
});

describe('retry timing', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 1)).toBe(500);
    expect(backoffMs(3, () => 1)).toBe(2000);
    expect(backoffMs(20, () => 1)).toBe(30_000);
  });

  it('reads Retry-After as seconds or a date, defaulting to 1 s', () => {
    expect(parseRetryAfter('1')).toBe(1000);
    expect(parseRetryAfter(undefined)).toBe(1000);
    expect(parseRetryAfter('soon')).toBe(1000);
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(parseRetryAfter('Mon, 30 Nov 2026 12:00:05 GMT', now)).toBe(5000);
  });
});

describe('resumeState', () => {
  const at = '2026-11-30T12:00:00.000Z';
  it('keeps created/existing rows, re-checks failed ones, and finds the unanswered ones', () => {
    const entries: JournalEntry[] = [
      { event: 'sending', sourceRow: 2, at },
      { event: 'outcome', at, sourceRow: 2, row: 2, result: 'created', id: 11 },
      { event: 'outcome', at, sourceRow: 3, row: 3, result: 'existing', id: 5 },
      { event: 'sending', sourceRow: 4, at },
      { event: 'outcome', at, sourceRow: 4, row: 4, result: 'failed', problems: [] },
      { event: 'sending', sourceRow: 5, at },
      { event: 'sending', sourceRow: 6, at },
      { event: 'sending', sourceRow: 6, at },
    ];
    const state = resumeState(entries);
    expect([...state.done.keys()]).toEqual([2, 3]);
    expect([...state.ambiguous]).toEqual([5, 6]);
    expect(state.writeTimes).toHaveLength(5);
  });

  it('drops a request the server throttled or that never left: no write, no doubt', () => {
    const t = (s: number) => `2026-11-30T12:00:0${s}.000Z`;
    const entries: JournalEntry[] = [
      // throttled, then created
      { event: 'sending', sourceRow: 2, at: t(0) },
      { event: 'throttled', sourceRow: 2, at: t(0) },
      { event: 'sending', sourceRow: 2, at: t(1) },
      { event: 'outcome', at: t(1), sourceRow: 2, row: 2, result: 'created', id: 11 },
      // throttled, then the process died before sending again: not sent, not ambiguous
      { event: 'sending', sourceRow: 3, at: t(2) },
      { event: 'throttled', sourceRow: 3, at: t(2) },
      // refused before it left
      { event: 'sending', sourceRow: 4, at: t(3) },
      { event: 'not-sent', sourceRow: 4, at: t(3) },
      // unanswered, then a resend throttled: the first may have made the record
      { event: 'sending', sourceRow: 5, at: t(4) },
      { event: 'sending', sourceRow: 5, at: t(5) },
      { event: 'throttled', sourceRow: 5, at: t(5) },
    ];
    const state = resumeState(entries);
    expect([...state.done.keys()]).toEqual([2]);
    expect([...state.ambiguous]).toEqual([5]);
    expect(state.writeTimes).toEqual([Date.parse(t(1)), Date.parse(t(4))]);
  });
});

describe('contactKey', () => {
  it('ignores case and spacing of the name, not the contract or type', () => {
    expect(contactKey(1, 'Amélie  Durand', 1)).toBe(contactKey(1, ' amélie durand', 1));
    expect(contactKey(1, 'Amélie Durand', 1)).not.toBe(contactKey(1, 'Amélie Durand', 2));
    expect(contactKey(1, 'Amélie Durand', 1)).not.toBe(contactKey(2, 'Amélie Durand', 1));
    expect(contactKey(1, 'Ame\u0301lie Durand', 1)).toBe(contactKey(1, 'Amélie Durand', 1));
  });
});

it('ImportError carries a stable code', () => {
  expect(new ImportError('usage', 'x').code).toBe('usage');
});
