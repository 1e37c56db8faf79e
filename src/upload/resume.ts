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
  for (const entry of entries) {
    if (entry.event === 'sending') {
      writeTimes.push(Date.parse(entry.at));
      if (!done.has(entry.sourceRow)) ambiguous.add(entry.sourceRow);
      continue;
    }
    ambiguous.delete(entry.sourceRow);
    const { event: _event, at: _at, ...outcome } = entry;
    if (outcome.result === 'failed') done.delete(entry.sourceRow);
    else done.set(entry.sourceRow, outcome);
  }
  return { done, ambiguous, writeTimes };
}
