import type { JournalEntry } from './journal.js';
import type { Outcome } from './outcome.js';

/** What a results folder's journal says about the rows, for `--resume`. */
export interface ResumeState {
  /** Rows created or found existing: never sent again; their outcomes stay in the reports. */
  readonly done: ReadonlyMap<number, Outcome>;
  /**
   * Rows whose create request went out with no outcome recorded after it (the process died, or
   * the reply never came): the record may exist, so it is looked for before anything is sent.
   */
  readonly ambiguous: ReadonlySet<number>;
  /** When each create request was sent, for the rolling daily write limit. */
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
}

/**
 * Replays a journal. A row's last event decides: `outcome` created/existing → done; `outcome`
 * failed → checked again from scratch (the user may have fixed Nexudus since); `sending` with
 * nothing after it → ambiguous.
 */
export function resumeState(entries: readonly JournalEntry[]): ResumeState {
  const done = new Map<number, Outcome>();
  const ambiguous = new Set<number>();
  const writeTimes: number[] = [];
  const lastSent = new Map<number, number>();
  const contactsBefore = new Map<number, ReadonlySet<number>>();
  const unguarded = new Set<number>();
  for (const entry of entries) {
    if (entry.event === 'contacts') {
      if (!contactsBefore.has(entry.contractId))
        contactsBefore.set(entry.contractId, new Set(entry.ids));
      continue;
    }
    if (entry.event === 'sending') {
      const at = Date.parse(entry.at);
      writeTimes.push(at);
      lastSent.set(entry.sourceRow, at);
      if (entry.contractId === undefined || !contactsBefore.has(entry.contractId))
        unguarded.add(entry.sourceRow);
      if (!done.has(entry.sourceRow)) ambiguous.add(entry.sourceRow);
      continue;
    }
    if (entry.event !== 'outcome') continue; // a line this version does not know
    ambiguous.delete(entry.sourceRow);
    const { event: _event, at: _at, ...outcome } = entry;
    if (outcome.result === 'failed') done.delete(entry.sourceRow);
    else done.set(entry.sourceRow, outcome);
  }
  for (const row of lastSent.keys()) if (!ambiguous.has(row)) lastSent.delete(row);
  return { done, ambiguous, writeTimes, lastSent, contactsBefore, unguarded };
}
