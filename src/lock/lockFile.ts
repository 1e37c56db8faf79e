import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { lockOwner, ownerState, thisProcess, type LockOwner, type OwnerState } from './owner.js';

/**
 * An exclusive lock held through a file that names its holder (pid, host, boot and process start
 * time; see owner.ts). Why this and not a kept library:
 *
 * - A lock must be taken over at once when its holder was killed (`kill -9`, a crash, a power
 *   cut), so that the resume a person starts right after does not have to wait. proper-lockfile
 *   (a mkdir lock kept fresh by touching its mtime) can only tell a dead holder by the lock
 *   growing old: measured here with proper-lockfile 4.1.2, a lock whose holder was killed was
 *   refused for 10.6 s with its default `stale` and for 2.9 s with the smallest it allows (2 s).
 *   A live holder whose event loop stalls past `stale` (a long synchronous read, a laptop
 *   asleep) would lose its lock to the next process. And its stale removal is not race-free: two
 *   processes that both saw the lock stale can both remove "it" (the second removes the lock the
 *   first has just made) and both go on. A lock file naming the process is judged at once and
 *   exactly: no such pid, a zombie, or a pid now naming another process (another start time, or
 *   another boot) means the holder has ended.
 * - The file appears whole or not at all: the holder's details are written to a file of its own
 *   first and then hard-linked to the lock's name; link(2), like open with O_EXCL, fails when the
 *   name exists, so of any number of processes exactly one creates the lock. (Where the file
 *   system has no hard links, the lock is created with O_EXCL and written; a lock found empty or
 *   unreadable is then taken for one being written, and for a dead holder's after 10 s.)
 * - Taking over a dead holder's lock is itself exclusive. Removing the lock and creating a new
 *   one cannot be one step, so two processes that both judged the lock stale could otherwise
 *   both go on: A removes it and creates its own, then B removes A's. Here only a process
 *   holding the *takeover guard* (`<lock>.takeover`, a lock of the same kind) removes a lock,
 *   and it judges the lock again once it holds the guard. Nothing else can change the lock while
 *   the guard is held (a live holder never removes another's lock, a new one cannot be made over
 *   an existing one), so a lock judged stale under the guard is still the stale one when it is
 *   removed; a process that comes late finds the winner's live lock instead and is refused. A
 *   guard left by a process killed in the middle of a takeover is taken over the same way, one
 *   level up.
 * - A lock on a folder another machine shares cannot be judged (its pid means nothing here): it
 *   counts as held, and the message names the machine.
 */
export type LockAttempt =
  | { readonly taken: true; readonly lock: HeldLock }
  | {
      readonly taken: false;
      /** The holder, as its lock file names it (undefined: a lock file still being written). */
      readonly owner: LockOwner | undefined;
      readonly state: Exclude<OwnerState, 'gone'>;
    };

/** For tests: called after a lock was judged stale and before its removal is attempted. */
export interface LockHooks {
  readonly onStale?: () => void | Promise<void>;
}

/** Takes the lock at `path` (a file in an existing folder), or says who holds it. */
export async function takeLock(path: string, hooks?: LockHooks): Promise<LockAttempt> {
  return take(path, 0, hooks);
}

/** A lock this process holds; released on `release()` or, at the latest, when the process exits. */
export class HeldLock implements Disposable {
  private released = false;
  private readonly onExit = () => this.release();

  constructor(
    readonly path: string,
    readonly owner: LockOwner,
  ) {
    // An exit by process.exit() or the end of the event loop; a process killed by a signal
    // leaves its lock behind, and the next process sees at once that its holder has ended.
    process.once('exit', this.onExit);
  }

  /** Removes the lock, if it is still this one's (never another process's). */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.onExit);
    try {
      const found = read(this.path);
      if (found.kind === 'owner' && found.owner.nonce === this.owner.nonce) {
        removeQuietly(this.path);
      }
    } catch {
      // Released on the way out of a run, perhaps of one that failed: never a second error. A
      // lock left behind is taken over at once by the next run (its holder has ended).
    }
  }

  [Symbol.dispose](): void {
    this.release();
  }
}

/** Levels of takeover guards: one more only when a taker was killed in mid-takeover. */
const MAX_DEPTH = 3;
/** A takeover takes microseconds; a guard that stays held this long is refused like a lock. */
const GUARD_WAIT_MS = 10;
const GUARD_TRIES = 200;
/** Where a lock file is created without hard links: how long an unreadable one may be young. */
const UNREADABLE_GRACE_MS = 10_000;

async function take(path: string, depth: number, hooks?: LockHooks): Promise<LockAttempt> {
  let guardBusy = 0;
  for (let round = 0; round < 1000; round += 1) {
    const me = thisProcess();
    if (create(path, me)) return { taken: true, lock: new HeldLock(path, me) };
    const found = read(path);
    if (found.kind === 'missing') continue; // released between the two looks: try again
    const state = judge(found);
    if (state !== 'gone') return refused(found, state);
    await hooks?.onStale?.();
    if (depth >= MAX_DEPTH) return refused(found, 'running');
    const guard = await take(`${path}.takeover`, depth + 1);
    if (!guard.taken) {
      // Another process is taking this lock over right now: see what it leaves.
      guardBusy += 1;
      if (guardBusy > GUARD_TRIES) return guard;
      await new Promise((resolve) => setTimeout(resolve, GUARD_WAIT_MS));
      continue;
    }
    try {
      // Judged again under the guard: the lock it sees now cannot change until it is removed.
      const again = read(path);
      if (again.kind !== 'missing' && judge(again) === 'gone') removeQuietly(path);
    } finally {
      guard.lock.release();
    }
  }
  throw new Error(`the lock ${path} kept changing hands`);
}

type Found =
  | { readonly kind: 'missing' }
  | { readonly kind: 'owner'; readonly owner: LockOwner }
  | { readonly kind: 'unreadable'; readonly ageMs: number };

function read(path: string): Found {
  let text: string;
  let ageMs: number;
  try {
    ageMs = Date.now() - statSync(path).mtimeMs;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const parsed = lockOwner.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'owner', owner: parsed.data };
  } catch {
    // not JSON: unreadable
  }
  return { kind: 'unreadable', ageMs };
}

function judge(found: Exclude<Found, { kind: 'missing' }>): OwnerState {
  if (found.kind === 'owner') return ownerState(found.owner);
  return found.ageMs > UNREADABLE_GRACE_MS ? 'gone' : 'running';
}

function refused(
  found: Exclude<Found, { kind: 'missing' }>,
  state: Exclude<OwnerState, 'gone'>,
): LockAttempt {
  return { taken: false, owner: found.kind === 'owner' ? found.owner : undefined, state };
}

/** Codes of file systems that have no hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Creates the lock file whole, holding `owner`; false when a lock file is already there. */
function create(path: string, owner: LockOwner): boolean {
  const content = `${JSON.stringify(owner)}\n`;
  const temp = `${path}.${owner.nonce}`;
  writeFileSync(temp, content, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (NO_LINKS.has(code)) return createInPlace(path, content);
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

function createInPlace(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
