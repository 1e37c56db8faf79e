import type { FieldChange } from '../preflight/fieldChanges.js';
import type { CreateSent, JournalEntry, UpdateSent } from '../upload/journal.js';

/** A contact the run created: undo deletes it. */
export interface CreatedContact {
  readonly kind: 'created';
  /** The row as the run's reports name it. */
  readonly row: number;
  readonly id: number;
  /** What the create sent (journals of earlier versions: unknown). */
  readonly sent?: CreateSent;
}

/** A contact the run updated: undo puts back each changed field's Before. */
export interface UpdatedContact {
  readonly kind: 'updated';
  readonly row: number;
  readonly id: number;
  readonly changes: readonly FieldChange[];
}

/**
 * A create the run sent and heard nothing back from (it stopped, or was killed, before the row
 * was settled): the record it may have made is looked for among its contract's contacts.
 */
export interface UnansweredCreate {
  readonly kind: 'unanswered';
  readonly row: number;
  readonly contractId?: number;
  readonly sent?: CreateSent;
}

export type RunWrite = CreatedContact | UpdatedContact | UnansweredCreate;

/** What the run recorded in a results folder wrote, from its journal. */
export interface RunWrites {
  readonly writes: readonly RunWrite[];
  /** The contract's contacts before the run's first create on it (the journal's `contacts`). */
  readonly contactsBefore: ReadonlyMap<number, ReadonlySet<number>>;
  /** Every Id the run's rows ended with (created, existing, updated, unchanged). */
  readonly claimed: ReadonlySet<number>;
}

type Sending = Extract<JournalEntry, { event: 'sending' }>;

/**
 * The writes of a run, read from its journal the way a resume reads it (upload/resume.ts): a row
 * whose outcome is `created` made its record; one `updated` (or `unchanged` right after an
 * unanswered PUT, which then took effect) changed its contact as its last `sending` says; a row
 * whose last `sending` has no outcome (and no `throttled` or `not-sent` after it) is unanswered.
 * Rows that ended `existing` or `unchanged` without a PUT wrote nothing, and are never touched.
 * A contact both created and updated by the folder's runs is listed once, as created.
 */
export function runWrites(entries: readonly JournalEntry[]): RunWrites {
  const pending = new Map<number, Sending[]>();
  const contactsBefore = new Map<number, ReadonlySet<number>>();
  const claimed = new Set<number>();
  const created = new Map<number, CreatedContact>();
  const updated = new Map<number, UpdatedContact>();
  for (const entry of entries) {
    switch (entry.event) {
      case 'contacts':
        if (!contactsBefore.has(entry.contractId))
          contactsBefore.set(entry.contractId, new Set(entry.ids));
        break;
      case 'sending': {
        const sent = pending.get(entry.sourceRow) ?? [];
        sent.push(entry);
        pending.set(entry.sourceRow, sent);
        break;
      }
      case 'throttled':
      case 'not-sent':
        pending.get(entry.sourceRow)?.pop();
        break;
      case 'outcome': {
        const last = pending.get(entry.sourceRow)?.at(-1);
        pending.delete(entry.sourceRow);
        if (entry.result === 'failed') break;
        claimed.add(entry.id);
        if (entry.result === 'created') {
          created.set(entry.id, {
            kind: 'created',
            row: entry.row,
            id: entry.id,
            ...(last?.create ? { sent: last.create } : {}),
          });
        } else if (
          (entry.result === 'updated' || entry.result === 'unchanged') &&
          last?.update !== undefined
        ) {
          updated.set(last.update.id, updatedContact(entry.row, last.update));
        }
        break;
      }
    }
  }
  const unanswered: RunWrite[] = [];
  for (const [sourceRow, sent] of pending) {
    const last = sent.at(-1);
    if (!last) continue;
    if (last.update) {
      // an unanswered PUT: undo reads the contact and puts back what it finds it took
      if (!created.has(last.update.id))
        updated.set(last.update.id, updatedContact(sourceRow, last.update));
      continue;
    }
    unanswered.push({
      kind: 'unanswered',
      row: sourceRow,
      ...(last.contractId !== undefined ? { contractId: last.contractId } : {}),
      ...(last.create ? { sent: last.create } : {}),
    });
  }
  for (const id of created.keys()) updated.delete(id);
  const writes = [...created.values(), ...updated.values(), ...unanswered].sort(
    (a, b) => a.row - b.row,
  );
  return { writes, contactsBefore, claimed };
}

function updatedContact(row: number, update: UpdateSent): UpdatedContact {
  return { kind: 'updated', row, id: update.id, changes: update.changes };
}
