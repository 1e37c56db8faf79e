import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/errors.js';
import { backoffMs, parseRetryAfter } from '../src/nexudus/retry.js';
import { contactKey } from '../src/preflight/keys.js';
import type { JournalEntry } from '../src/upload/journal.js';
import type { ContactRecord } from '../src/nexudus/replies.js';
import type { Payload } from '../src/payload.js';
import {
  CREATED_ON_ALLOWANCE_MS,
  pickCreated,
  stampMs,
} from '../src/engine/operations/createdLookup.js';
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

describe('resumeState: what a lookup needs', () => {
  const at = '2026-11-30T12:02:00.000Z';
  it("keeps each contract's first recorded contacts, when each unsettled row was last sent, and which rows were sent unrecorded", () => {
    const entries: JournalEntry[] = [
      { event: 'sending', sourceRow: 2, at: '2026-11-30T11:00:00.000Z' }, // an older version
      { event: 'contacts', contractId: 7101, ids: [1, 2], at: '2026-11-30T12:00:00.000Z' },
      { event: 'sending', sourceRow: 3, at: '2026-11-30T12:00:01.000Z', contractId: 7101 },
      { event: 'sending', sourceRow: 3, at: '2026-11-30T12:00:09.000Z', contractId: 7101 },
      { event: 'contacts', contractId: 7101, ids: [1, 2, 3], at: '2026-11-30T12:01:00.000Z' },
      { event: 'sending', sourceRow: 4, at: '2026-11-30T12:01:01.000Z', contractId: 7102 },
      { event: 'sending', sourceRow: 5, at: '2026-11-30T12:01:02.000Z', contractId: 7101 },
      { event: 'outcome', at, sourceRow: 5, row: 5, result: 'created', id: 9 },
    ];
    const state = resumeState(entries);
    expect([...state.ambiguous]).toEqual([2, 3, 4]);
    expect(state.contactsBefore.get(7101)).toEqual(new Set([1, 2]));
    expect(state.lastSent.get(3)).toBe(Date.parse('2026-11-30T12:00:09.000Z'));
    expect(state.lastSent.has(5)).toBe(false);
    // row 2 carried no contract, row 4's contract had no contacts recorded before it was sent
    expect([...state.unguarded]).toEqual([2, 4]);
  });

  it('skips a line of a kind it does not know', () => {
    const entries = [
      { event: 'future', at },
      { event: 'sending', sourceRow: 2, at },
    ] as never;
    expect([...resumeState(entries).ambiguous]).toEqual([2]);
  });
});

describe('pickCreated: which record a lookup may take', () => {
  const start = Date.parse('2026-11-30T12:00:00Z');
  const payload = {
    CoworkerContractId: 7101,
    FullName: 'Ann Lee',
    ContractContactType: 1,
    AmlCheckStatus: 0,
  } as Payload;
  const record = (Id: number, extra: Partial<ContactRecord> = {}): ContactRecord => ({
    Id,
    CoworkerContractId: 7101,
    FullName: 'Ann  LEE',
    ContractContactType: 1,
    CreatedOn: '2026-11-30T12:00:05Z',
    ...extra,
  });
  const rules = { before: new Set([1]), claimed: new Set([2]), notBefore: start };

  it('takes the same contact, made after the run began, that no other row owns', () => {
    const records = [record(1), record(2), record(4), record(3)];
    expect(pickCreated(records, payload, rules)?.Id).toBe(3);
  });

  it("never takes a record the contract held before the first create, or another row's", () => {
    expect(pickCreated([record(1), record(2)], payload, rules)).toBeUndefined();
  });

  it('never takes another name, type or contract', () => {
    const others = [
      record(5, { FullName: 'Ann Leigh' }),
      record(6, { ContractContactType: 2 }),
      record(7, { CoworkerContractId: 7102 }),
    ];
    expect(pickCreated(others, payload, rules)?.Id).toBe(7); // filtered by contract upstream
    expect(pickCreated(others.slice(0, 2), payload, rules)).toBeUndefined();
  });

  it('rules out a record stamped as made before the run began, allowing for time zones and skew', () => {
    const notBefore = start - CREATED_ON_ALLOWANCE_MS;
    const old = record(8, { CreatedOn: '2025-11-03T09:15:00Z' });
    const thisMorning = record(9, { CreatedOn: '2026-11-30T00:30:00' }); // local time, 11.5 h early
    expect(pickCreated([old], payload, { ...rules, notBefore })).toBeUndefined();
    expect(pickCreated([thisMorning], payload, { ...rules, notBefore })?.Id).toBe(9);
    // without a readable stamp, only the Ids decide
    expect(pickCreated([record(10, { CreatedOn: null })], payload, rules)?.Id).toBe(10);
  });

  it('reads Nexudus stamps with or without a zone, and .NET dates', () => {
    expect(stampMs('2025-01-15T10:30:00Z')).toBe(Date.parse('2025-01-15T10:30:00Z'));
    expect(stampMs('2025-01-15T10:30:00')).toBe(Date.parse('2025-01-15T10:30:00Z'));
    expect(stampMs('2025-01-15T10:30:00.123+01:00')).toBe(Date.parse('2025-01-15T09:30:00.123Z'));
    expect(stampMs('/Date(1736937000000)/')).toBe(1736937000000);
    expect(stampMs('yesterday')).toBeUndefined();
    expect(stampMs(undefined)).toBeUndefined();
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
