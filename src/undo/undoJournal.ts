import { closeSync, openSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { scrubText } from '../secrets.js';
import { cutTornTail, readJournalLines } from '../upload/journal.js';
import { UNDO_RESULTS, type UndoResult } from './undoResult.js';

/** One contact's end in an undo, as its journal and undo.csv keep it. */
export interface UndoOutcome {
  /** Absent for a create the run sent without an answer and that made no record. */
  readonly id?: number;
  readonly row: number;
  readonly result: UndoResult;
  readonly reason: string;
  readonly name?: string;
  readonly contractId?: number;
}

const id = z.number().int().positive();
const at = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a time');
const entry = z.union([
  z.object({ event: z.literal('sending'), id, at }),
  z.object({ event: z.enum(['throttled', 'not-sent']), id, at }),
  z.object({
    event: z.literal('outcome'),
    id,
    at,
    row: z.number().int().positive(),
    result: z.enum(UNDO_RESULTS),
    reason: z.string(),
    name: z.string().optional(),
    contractId: z.number().int().positive().optional(),
  }),
]);
type Entry = z.infer<typeof entry>;

/**
 * An undo's journal.ndjson, like an import's (upload/journal.ts) but keyed by the contact's Id:
 * `sending` right before each DELETE or PUT, `throttled`/`not-sent` when the server did not
 * process it, `outcome` once the contact is done. Each line is written synchronously before the
 * next request is counted, so a kill -9 loses at most the line being written.
 */
export class UndoJournal implements Disposable {
  private readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a+', 0o600);
    cutTornTail(this.fd);
  }

  sending(id: number): void {
    this.append({ event: 'sending', id, at: new Date().toISOString() });
  }

  notProcessed(id: number, why: 'throttled' | 'not-sent'): void {
    this.append({ event: why, id, at: new Date().toISOString() });
  }

  /** A contact's end; one without an Id (no record was ever made) has nothing to resume. */
  outcome(outcome: UndoOutcome): void {
    const { id, ...rest } = outcome;
    if (id !== undefined)
      this.append({ event: 'outcome', at: new Date().toISOString(), id, ...rest });
  }

  private append(line: Entry): void {
    const text = JSON.stringify(line, (_key, value: unknown) =>
      typeof value === 'string' ? scrubText(value) : value,
    );
    writeSync(this.fd, `${text}\n`);
  }

  [Symbol.dispose](): void {
    closeSync(this.fd);
  }
}

/** What an undo folder's journal says, for `undo --resume`. */
export interface UndoJournalState {
  /** Contacts deleted or restored: never sent again; their outcomes stay in the report. */
  readonly done: ReadonlyMap<number, UndoOutcome>;
  /** Contacts whose last request went out with no answer recorded. */
  readonly unanswered: ReadonlySet<number>;
  /** When each write the server may have counted was sent (for the daily limit). */
  readonly writeTimes: readonly number[];
}

/**
 * Reads an undo journal: a last line cut by a crash is left out; any other line that is not one
 * this tool writes is damage, and the undo is refused (exit 2) rather than carried on on a guess.
 */
export function readUndoJournal(path: string): UndoJournalState {
  const done = new Map<number, UndoOutcome>();
  const pending = new Map<number, number[]>();
  const times: (number | undefined)[] = [];
  const entries = readJournalLines(
    path,
    entry,
    "this undo cannot be resumed safely; run the undo again from the import's folder (what is gone already is found gone)",
  );
  for (const e of entries) {
    if (e.event === 'sending') {
      times.push(Date.parse(e.at));
      pending.set(e.id, [...(pending.get(e.id) ?? []), times.length - 1]);
    } else if (e.event === 'throttled' || e.event === 'not-sent') {
      const index = pending.get(e.id)?.pop();
      if (index !== undefined) times[index] = undefined;
    } else if (e.event === 'outcome') {
      pending.delete(e.id);
      const { event: _event, at: _at, ...outcome } = e;
      // only what took effect is done; anything else is looked at again
      if (outcome.result === 'deleted' || outcome.result === 'restored') done.set(e.id, outcome);
      else done.delete(e.id);
    }
  }
  const unanswered = new Set<number>();
  for (const [contact, sent] of pending) if (sent.length > 0) unanswered.add(contact);
  return {
    done,
    unanswered,
    writeTimes: times.filter((t): t is number => t !== undefined),
  };
}
