import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Outcome } from './outcome.js';

/**
 * journal.ndjson: one line per event, written with a synchronous write before the next request
 * is counted, so a crash (even kill -9) loses at most the line being written. `sending` comes
 * before each create request: a row with `sending` and no outcome after it is ambiguous, and a
 * resume looks for its record before sending it again. `contacts` comes before the folder's
 * first create on a contract: the Ids the contract held then, none of which a lookup may take
 * for a row's own record (see upload/lookup.ts). Journals of earlier versions have neither
 * `contacts` nor a `sending`'s `contractId`.
 */
export type JournalEntry =
  | ({ readonly event: 'outcome'; readonly at: string } & Outcome)
  | {
      readonly event: 'sending';
      readonly sourceRow: number;
      readonly at: string;
      readonly contractId?: number;
    }
  | {
      readonly event: 'contacts';
      readonly contractId: number;
      readonly ids: readonly number[];
      readonly at: string;
    };

export class Journal implements Disposable {
  private readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a', 0o600);
  }

  sending(sourceRow: number, contractId?: number): void {
    const at = new Date().toISOString();
    this.append({ event: 'sending', sourceRow, at, ...(contractId ? { contractId } : {}) });
  }

  /** The contract's contacts before this folder's first create on it. */
  contacts(contractId: number, ids: readonly number[]): void {
    this.append({ event: 'contacts', contractId, ids, at: new Date().toISOString() });
  }

  outcome(outcome: Outcome): void {
    this.append({ event: 'outcome', at: new Date().toISOString(), ...outcome });
  }

  private append(entry: JournalEntry): void {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  [Symbol.dispose](): void {
    closeSync(this.fd);
  }
}

/** Every entry of a journal; a torn last line (a crash mid-write) is ignored. */
export function readJournal(path: string): JournalEntry[] {
  if (!existsSync(path)) return [];
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // only the last line can be torn; nothing after it was written
    }
  }
  return entries;
}
