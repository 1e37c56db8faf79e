import { describe, expect, it } from 'vitest';
import { runWrites } from '../src/undo/runWrites.js';
import type { JournalEntry } from '../src/upload/journal.js';

const at = '2026-11-30T10:00:00.000Z';
const create = { name: 'Ann', type: 3, fields: [], hash: '0' } as const;
const update = {
  id: 900,
  changes: [{ field: 'CityName', before: 'York', after: 'Leeds' }],
} as const;

describe('what a run wrote, read from its journal', () => {
  it('takes created rows and updates that took effect; never existing or plain unchanged rows', () => {
    const entries: JournalEntry[] = [
      { event: 'contacts', contractId: 7101, ids: [1, 2], at },
      { event: 'outcome', at, sourceRow: 2, row: 2, result: 'existing', id: 1 },
      { event: 'sending', sourceRow: 3, at, contractId: 7101, create },
      { event: 'outcome', at, sourceRow: 3, row: 3, result: 'created', id: 10 },
      { event: 'outcome', at, sourceRow: 4, row: 4, result: 'unchanged', id: 2 },
      { event: 'sending', sourceRow: 5, at, update },
      { event: 'outcome', at, sourceRow: 5, row: 5, result: 'updated', id: 900 },
      // an unanswered PUT that a resume then found unchanged: it took effect
      { event: 'sending', sourceRow: 6, at, update: { ...update, id: 901 } },
      { event: 'outcome', at, sourceRow: 6, row: 6, result: 'unchanged', id: 901 },
      // a throttled create, sent again and created
      { event: 'sending', sourceRow: 7, at, contractId: 7101, create },
      { event: 'throttled', sourceRow: 7, at },
      { event: 'sending', sourceRow: 7, at, contractId: 7101, create },
      { event: 'outcome', at, sourceRow: 7, row: 7, result: 'created', id: 11 },
      // failed after its tries: nothing written
      { event: 'sending', sourceRow: 8, at, contractId: 7101, create },
      {
        event: 'outcome',
        at,
        sourceRow: 8,
        row: 8,
        result: 'failed',
        problems: [{ PropertyName: 'Email', Message: 'bad', columns: [] }],
      },
    ];
    const { writes, claimed, contactsBefore } = runWrites(entries);
    expect(writes.map((w) => [w.kind, w.row, 'id' in w ? w.id : undefined])).toEqual([
      ['created', 3, 10],
      ['updated', 5, 900],
      ['updated', 6, 901],
      ['created', 7, 11],
    ]);
    expect([...claimed].sort((a, b) => a - b)).toEqual([1, 2, 10, 11, 900, 901]);
    expect(contactsBefore.get(7101)).toEqual(new Set([1, 2]));
  });

  it('names an unanswered create and an unanswered PUT; a not-sent request is no write', () => {
    const entries: JournalEntry[] = [
      { event: 'sending', sourceRow: 3, at, contractId: 7101, create },
      { event: 'sending', sourceRow: 4, at, update },
      { event: 'sending', sourceRow: 5, at, contractId: 7101, create },
      { event: 'not-sent', sourceRow: 5, at },
    ];
    expect(runWrites(entries).writes).toEqual([
      { kind: 'unanswered', row: 3, contractId: 7101, sent: create },
      { kind: 'updated', row: 4, id: 900, changes: update.changes },
    ]);
  });
});
