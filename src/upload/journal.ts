import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Outcome } from './outcome.js';

/**
 * journal.ndjson: one line per event, written with a synchronous write before the next request
 * is counted, so a crash (even kill -9) loses at most the line being written. `sending` comes
 * before each create request: a row with `sending` and no outcome after it is ambiguous, and a
 * resume looks for its record before sending it again. `throttled` (a 409/429 reply) or
 * `not-sent` (the connection failed before the request left) right after a row's `sending` says
 * the server did not process that request: it neither counts as a write nor leaves the row
 * ambiguous.
 */
export type JournalEntry =
  | ({ readonly event: 'outcome'; readonly at: string } & Outcome)
  | { readonly event: 'sending'; readonly sourceRow: number; readonly at: string }
  | {
      readonly event: 'throttled' | 'not-sent';
      readonly sourceRow: number;
      readonly at: string;
    };

export class Journal implements Disposable {
  private readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a', 0o600);
  }

  sending(sourceRow: number): void {
    this.append({ event: 'sending', sourceRow, at: new Date().toISOString() });
  }

  /** The row's last `sending` was not processed by the server (see {@link JournalEntry}). */
  notProcessed(sourceRow: number, why: 'throttled' | 'not-sent'): void {
    this.append({ event: why, sourceRow, at: new Date().toISOString() });
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
