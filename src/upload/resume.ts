import type { JournalEntry, UpdateSent } from './journal.js';
import type { Outcome } from '../outcome.js';

/** An update the folder's runs wrote, for changes.csv: the row as reports name it, the PUT's changes. */
export interface UpdateWritten extends UpdateSent {
  readonly row: number;
}

/** What a results folder's journal says about the rows, for `--resume`. */
export interface ResumeState {
  /** Rows created or found existing: never sent again; their outcomes stay in the reports. */
  readonly done: ReadonlyMap<number, Outcome>;
  /**
   * Rows whose create request went out with no outcome recorded after it (the process died, or
   * the reply never came): the record may exist, so it is looked for before anything is sent.
   */
  readonly ambiguous: ReadonlySet<number>;
  /**
   * When each create request the server may have processed was sent, for the rolling daily write
   * limit: every `sending` but those the server answered as throttled or that never left.
   */
  readonly writeTimes: readonly number[];
  /** When each ambiguous row's last create request was sent (ms): its grace counts from then. */
  readonly lastSent: ReadonlyMap<number, number>;
  /** Each contract's contacts before the folder's first create on it (the first record wins). */
  readonly contactsBefore: ReadonlyMap<number, ReadonlySet<number>>;
  /**
   * Rows sent before their contract's contacts were recorded (by a version that did not record
   * them): a lookup for them cannot rule out records by those Ids.
   */
  readonly unguarded: ReadonlySet<number>;
  /**
   * By source row, the update each row's contact took, as its last `sending` said: the row ended
   * `updated`, or `unchanged` right after an unanswered PUT (which then took effect). What
   * changes.csv lists, and undo puts back.
   */
  readonly updates: ReadonlyMap<number, UpdateWritten>;
  /** Ambiguous rows whose last request was an update: the contact and the changes it sent. */
  readonly ambiguousUpdates: ReadonlyMap<number, UpdateSent>;
}

/**
 * Replays a journal. A row's last event decides: `outcome` created/existing → done; `outcome`
 * failed → checked again from scratch (the user may have fixed Nexudus since); `sending` with
 * nothing after it → ambiguous. A `throttled` or `not-sent` line takes back the row's `sending`
 * before it (a row's requests go one at a time): that request was not processed, so it is no
 * write, and the row is ambiguous only if an earlier request of it went unanswered.
 */
export function resumeState(entries: readonly JournalEntry[]): ResumeState {
  const done = new Map<number, Outcome>();
  /** Per row since its last outcome: the indexes (in `times`) of its requests that may count. */
  const pending = new Map<number, number[]>();
  const times: (number | undefined)[] = [];
  const contactsBefore = new Map<number, ReadonlySet<number>>();
  const unguarded = new Set<number>();
  /** Per row: its last update `sending` not taken back by a `throttled` or `not-sent`. */
  const lastUpdate = new Map<number, UpdateSent>();
  const updates = new Map<number, UpdateWritten>();
  for (const entry of entries) {
    if (entry.event === 'contacts') {
      if (!contactsBefore.has(entry.contractId))
        contactsBefore.set(entry.contractId, new Set(entry.ids));
      continue;
    }
    if (entry.event === 'sending') {
      times.push(Date.parse(entry.at));
      if (entry.update) lastUpdate.set(entry.sourceRow, entry.update);
      else lastUpdate.delete(entry.sourceRow);
      if (entry.contractId === undefined || !contactsBefore.has(entry.contractId))
        unguarded.add(entry.sourceRow);
      if (done.has(entry.sourceRow)) continue; // a late duplicate of a done row: a write, no doubt
      const sent = pending.get(entry.sourceRow) ?? [];
      sent.push(times.length - 1);
      pending.set(entry.sourceRow, sent);
      continue;
    }
    if (entry.event === 'throttled' || entry.event === 'not-sent') {
      const index = pending.get(entry.sourceRow)?.pop();
      if (index !== undefined) times[index] = undefined;
      if (!pending.get(entry.sourceRow)?.length) lastUpdate.delete(entry.sourceRow);
      continue;
    }
    if (entry.event !== 'outcome') continue; // a line this version does not know
    pending.delete(entry.sourceRow);
    const sent = lastUpdate.get(entry.sourceRow);
    lastUpdate.delete(entry.sourceRow);
    if (sent && (entry.result === 'updated' || entry.result === 'unchanged'))
      updates.set(entry.sourceRow, { ...sent, row: entry.row });
    const { event: _event, at: _at, ...outcome } = entry;
    if (outcome.result === 'failed') done.delete(entry.sourceRow);
    else done.set(entry.sourceRow, outcome);
  }
  const ambiguous = new Set<number>();
  /** When each ambiguous row's last request that may have been processed was sent. */
  const lastSent = new Map<number, number>();
  const ambiguousUpdates = new Map<number, UpdateSent>();
  for (const [row, sent] of pending) {
    const last = sent.at(-1);
    const at = last === undefined ? undefined : times[last];
    if (at === undefined) continue;
    ambiguous.add(row);
    lastSent.set(row, at);
    const update = lastUpdate.get(row);
    if (update) ambiguousUpdates.set(row, update);
  }
  const writeTimes = times.filter((t): t is number => t !== undefined);
  return {
    done,
    ambiguous,
    writeTimes,
    lastSent,
    contactsBefore,
    unguarded,
    updates,
    ambiguousUpdates,
  };
}
