import type { WriteAttempt } from '../../nexudus/client.js';
import type { SendingAbout } from '../../upload/journal.js';

/**
 * One kind of write, as the engine carries it out for a row: how the row becomes a request, how
 * the request is sent, what its journal line says, how one that went unanswered is settled, and
 * the result the row ends in when it took effect. Everything else is the same for every
 * operation and is the engine's (Writer, ImportPasses): the rows in flight, the daily quota, the
 * pacing, retries with backoff, throttling, consecutive failures, the grace before anything is
 * sent again (looks at once, one request timeout later, and at the end of the grace), the
 * journal lines around each request (`sending`, `throttled`/`not-sent`, `outcome`) and their
 * replay by a resume.
 *
 * A row that needs no write never reaches an operation: preflight's Verdict settles it first
 * (`existing`, `failed`; with update, `unchanged`).
 *
 * `create` (create.ts): POST the payload preflight completed; an unanswered POST is settled by
 * looking for the record among its contract's contacts (CreatedLookup).
 *
 * `update` (update.ts, import --update): PUT the record as read with the row's changed cells
 * applied, so nothing the file does not name is lost; an unanswered PUT is settled by reading
 * the record back (every changed field as sent: it took effect). Cells all equal to the
 * record's never reach it: preflight's Verdict is `unchanged`. Its journal line carries the
 * contact's Id and each change's Before and After (what a resume and undo need); a resumed PUT
 * that took effect is read as `unchanged` by preflight and never sent again.
 *
 * `remove` (remove.ts, undo): DELETE the contact a run created; an unanswered DELETE is settled
 * by reading the record by Id (gone: it took effect), and one sent twice is answered 404, which
 * is done too. `restore` (restore.ts, undo): the update's PUT with each changed field's Before
 * put back, onto the record as read now. Undo runs them through the same Writer
 * (engine/runUndo.ts), its rows being the contacts the run wrote, keyed by their Id.
 *
 * Undo's results (deleted, restored, gone, changed since, failed) are its own, beside the
 * import's (see outcome.ts); `Done` is the one an operation's own requests end in.
 *
 * @typeParam Input what a checked row is when the engine hands it over (create: the payload
 *   preflight completed).
 * @typeParam Request what one request of the row sends, and what settling it needs.
 * @typeParam Done the result of a row whose request took effect.
 */
export interface Operation<Input, Request, Done extends string> {
  /** The operation, as the log names it. */
  readonly name: string;
  /** The result of a row whose request took effect. */
  readonly done: Done;
  /** How a checked row becomes the request. */
  request(input: Input): Request;
  /**
   * What the journal's `sending` line says of the request besides its row: what a resume needs
   * to settle it if no answer was recorded.
   */
  journaled(request: Request): SendingAbout;
  /**
   * Before the row's first request (it may send reads, and journal what they found). create:
   * the contract's contacts, read and journaled before the folder's first create on it.
   */
  prepare(request: Request): Promise<void>;
  /**
   * Sends the request once, never retried here. `onSend` runs right before it leaves, once the
   * pacer handed out its turn (the journal's `sending` line, the write counted).
   */
  send(request: Request, onSend: () => void): Promise<WriteAttempt>;
  /**
   * One look at what an unanswered request did: the Id of its record once it took effect;
   * undefined when it has not (yet); `busy` while that cannot be told (another row's
   * request that could have the same effect is still unanswered: look again after idle()).
   */
  look(request: Request): Promise<number | 'busy' | undefined>;
  /** Resolves when a look that said `busy` is worth making again. */
  idle(request: Request): Promise<void>;
}
