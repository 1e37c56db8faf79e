import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { z } from 'zod';
import { ImportError } from '../errors.js';
import { FIELD_NAMES, type FieldName } from '../fields.js';
import { scrubText } from '../secrets.js';
import { RECORD_RESULTS, type Outcome } from '../outcome.js';
import type { FieldChange } from '../preflight/fieldChanges.js';

/**
 * journal.ndjson: one line per event, written with a synchronous write before the next request
 * is counted, so a crash (even kill -9) loses at most the line being written. `sending` comes
 * before each write request: a row with `sending` and no outcome after it is ambiguous, and a
 * resume settles it (looks for its record) before sending it again. `throttled` (a 409/429
 * reply) or `not-sent` (the connection failed before the request left) right after a row's
 * `sending` says the server did not process that request: it neither counts as a write nor
 * leaves the row ambiguous. `contacts` comes before the folder's first create on a contract: the
 * Ids the contract held then, none of which a lookup may take for a row's own record (see
 * engine/operations/createdLookup.ts). An update's `sending` carries `update`: the contact's Id
 * and each changed field's Before and After as Nexudus holds them (engine/operations/update.ts),
 * from which changes.csv is rebuilt and undo takes the changes back. Journals of earlier versions
 * have neither `contacts` nor a `sending`'s `contractId` or `update`.
 */
export type JournalEntry =
  | ({ readonly event: 'outcome'; readonly at: string } & Outcome)
  | {
      readonly event: 'sending';
      readonly sourceRow: number;
      readonly at: string;
      readonly contractId?: number;
      /** An update (PUT): the contact's Id and the changes it sends (what undo puts back). */
      readonly update?: UpdateSent;
      /** A create (POST): what undo needs to find and check the record it made. */
      readonly create?: CreateSent;
    }
  | {
      readonly event: 'contacts';
      readonly contractId: number;
      readonly ids: readonly number[];
      readonly at: string;
    }
  | {
      readonly event: 'throttled' | 'not-sent';
      readonly sourceRow: number;
      readonly at: string;
    };

/**
 * What a `sending` line says of its request besides the row, for a resume to settle it: the
 * contract of a create (see upload/resume.ts's `unguarded`). Each operation says what it needs
 * (engine/operations/operation.ts's `journaled`).
 */
export interface SendingAbout {
  readonly contractId?: number;
  readonly update?: UpdateSent;
  readonly create?: CreateSent;
}

/**
 * What a `sending` line of a create says of the contact it makes, for undo
 * (engine/operations/createSent.ts): its name and type, to find the record of an unanswered
 * create; the fields sent and a hash of their values, to tell a record changed since the run.
 * Journals of earlier versions have none: undo then goes by the record's UpdatedOn alone.
 */
export interface CreateSent {
  readonly name: string;
  readonly type: number;
  readonly fields: readonly FieldName[];
  readonly hash: string;
}

/** What a `sending` line of an update says: the contact, and each field's Before and After. */
export interface UpdateSent {
  readonly id: number;
  readonly changes: readonly FieldChange[];
}

const row = z.number().int().positive();
const at = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a time');
const fieldValue = z.union([z.string(), z.number(), z.null()]);
const updateSent = z.object({
  id: z.number().int().positive(),
  changes: z
    .array(
      z.object({
        field: z.enum(FIELD_NAMES as [FieldName, ...FieldName[]]),
        before: fieldValue,
        after: fieldValue,
      }),
    )
    .readonly(),
});
const createSent = z.object({
  name: z.string(),
  type: z.number().int(),
  fields: z.array(z.enum(FIELD_NAMES as [FieldName, ...FieldName[]])).readonly(),
  hash: z.string(),
});
const rowProblem = z.object({
  PropertyName: z.string(),
  Message: z.string(),
  columns: z.array(z.number().int().nonnegative()).readonly(),
});

/** A journal line as this tool writes it; anything else in a journal is damage. */
const journalEntry = z.union([
  z.object({
    event: z.literal('sending'),
    sourceRow: row,
    at,
    contractId: z.number().int().positive().optional(),
    update: updateSent.optional(),
    create: createSent.optional(),
  }),
  z.object({ event: z.enum(['throttled', 'not-sent']), sourceRow: row, at }),
  z.object({
    event: z.literal('contacts'),
    contractId: z.number().int().positive(),
    ids: z.array(z.number().int().positive()).readonly(),
    at,
  }),
  z.object({
    event: z.literal('outcome'),
    at,
    sourceRow: row,
    row,
    result: z.enum(RECORD_RESULTS),
    id: z.number().int().positive(),
  }),
  z.object({
    event: z.literal('outcome'),
    at,
    sourceRow: row,
    row,
    result: z.literal('failed'),
    problems: z.array(rowProblem).readonly(),
  }),
]);
type ParsedEntry = z.infer<typeof journalEntry>;
// The schema and JournalEntry say the same: a new kind of entry must be added to both, or a
// resume would refuse the journals that hold it.
true satisfies ParsedEntry extends JournalEntry
  ? JournalEntry extends ParsedEntry
    ? true
    : false
  : false;

export class Journal implements Disposable {
  private readonly fd: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a+', 0o600);
    cutTornTail(this.fd);
  }

  sending(sourceRow: number, { contractId, update, create }: SendingAbout = {}): void {
    const at = new Date().toISOString();
    this.append({
      event: 'sending',
      sourceRow,
      at,
      ...(contractId ? { contractId } : {}),
      ...(update ? { update } : {}),
      ...(create ? { create } : {}),
    });
  }

  /** The contract's contacts before this folder's first create on it. */
  contacts(contractId: number, ids: readonly number[]): void {
    this.append({ event: 'contacts', contractId, ids, at: new Date().toISOString() });
  }

  /** The row's last `sending` was not processed by the server (see {@link JournalEntry}). */
  notProcessed(sourceRow: number, why: 'throttled' | 'not-sent'): void {
    this.append({ event: why, sourceRow, at: new Date().toISOString() });
  }

  outcome(outcome: Outcome): void {
    this.append({ event: 'outcome', at: new Date().toISOString(), ...outcome });
  }

  private append(entry: JournalEntry): void {
    // Scrubbed again here, as a last line of defence: no secret is ever written down.
    const line = JSON.stringify(entry, (_key, value: unknown) =>
      typeof value === 'string' ? scrubText(value) : value,
    );
    writeSync(this.fd, `${line}\n`);
  }

  [Symbol.dispose](): void {
    closeSync(this.fd);
  }
}

/**
 * Every entry of a journal. A line counts once its newline is written: what follows the last
 * newline is a line a crash cut short, and is left out (a resume's Journal cuts it off). That
 * loses nothing: a torn `sending` line means the process died before the request went out, and a
 * torn outcome leaves its row's `sending` last, so the row is looked up before anything is sent.
 * Any other line that is not an entry this tool writes (a `null`, a line of NUL bytes left by a
 * disk that lost data) is damage: the journal no longer says which rows were created, so the
 * run is refused (exit 2) rather than resumed on a guess.
 */
export function readJournal(path: string): JournalEntry[] {
  return readJournalLines(
    path,
    journalEntry,
    'this run cannot be resumed safely; import the file again as a new run (rows already created are then found as existing)',
  );
}

/**
 * The entries of any journal this tool writes (an import's, an undo's), read as readJournal
 * says: a last line without its newline is left out; any other line `schema` does not take is
 * damage, refused (exit 2) with `refusal` saying what it means and what to do.
 */
export function readJournalLines<T>(path: string, schema: z.ZodType<T>, refusal: string): T[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n');
  lines.pop(); // the empty text after the last newline
  const entries: T[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let parsed: ReturnType<typeof schema.safeParse> | undefined;
    try {
      parsed = schema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      throw new ImportError(
        'damaged-record',
        `${path} is damaged (line ${index + 1} is not an entry nexudus-import writes), so ${refusal}.`,
      );
    }
    entries.push(parsed.data);
  }
  return entries;
}

/**
 * Cuts a last line that a crash left without its newline, so that the next entry starts on a
 * line of its own instead of being glued onto the torn one (and lost with it).
 */
export function cutTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  const chunk = Buffer.alloc(64 * 1024);
  for (let end = size; end > 0;) {
    const start = Math.max(0, end - chunk.length);
    const read = readSync(fd, chunk, 0, end - start, start);
    const newline = chunk.subarray(0, read).lastIndexOf(0x0a);
    if (newline >= 0) {
      if (start + newline + 1 < size) ftruncateSync(fd, start + newline + 1);
      return;
    }
    end = start;
  }
  if (size > 0) ftruncateSync(fd, 0); // one torn line and nothing before it
}
