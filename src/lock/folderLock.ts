import { ImportError } from '../errors.js';
import { resultPath } from '../report/resultsFolder.js';
import { takeLock, type HeldLock, type LockHooks } from './lockFile.js';
import type { LockOwner } from './owner.js';

/**
 * One run per results folder: `run.lock` in the folder, taken before anything else a run does
 * with it (a new run right after creating it, a resume before reading anything from it) and
 * held until the run ends, whichever way it ends. A second process on the folder is refused at
 * once; a lock whose holder has ended (killed, crashed) is taken over at once (see lockFile.ts).
 *
 * Declared empty with `using` where a run starts and taken later, so it is released on every
 * way out of the function that holds it.
 */
export class FolderLock implements Disposable {
  private held: HeldLock | undefined;

  /** Takes the lock of `dir`, an existing folder, or throws ImportError (exit 2). */
  async take(dir: string, hooks?: LockHooks): Promise<void> {
    if (this.held) throw new Error(`a folder lock is already held (${this.held.path})`);
    const path = resultPath(dir, 'lock');
    let attempt;
    try {
      attempt = await takeLock(path, hooks);
    } catch (error) {
      throw cannotLock(dir, error);
    }
    if (!attempt.taken) throw inUse(dir, path, attempt.owner, attempt.state);
    this.held = attempt.lock;
  }

  release(): void {
    this.held?.release();
    this.held = undefined;
  }

  [Symbol.dispose](): void {
    this.release();
  }
}

function inUse(
  dir: string,
  path: string,
  owner: LockOwner | undefined,
  state: 'running' | 'elsewhere',
): ImportError {
  if (!owner) {
    return new ImportError(
      'folder-in-use',
      `${dir} is being used by another nexudus-import run that is just starting; wait for it to finish, then run this again.`,
    );
  }
  const started = localTime(owner.since);
  if (state === 'elsewhere') {
    return new ImportError(
      'folder-in-use',
      `${dir} is being used by another nexudus-import run on ${owner.host} (pid ${owner.pid}, started ${started}); wait for it to finish, or, if it is no longer running, delete ${path} and run this again.`,
    );
  }
  return new ImportError(
    'folder-in-use',
    `${dir} is being used by another nexudus-import run (pid ${owner.pid}, started ${started}); wait for it to finish, then run this again.`,
  );
}

function cannotLock(dir: string, error: unknown): ImportError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ImportError(
      'usage',
      `There is no results folder ${dir}; name the folder a run wrote its reports to.`,
      { cause: error },
    );
  }
  return new ImportError(
    'usage',
    `The results folder ${dir} cannot be written to (${code}); check its permissions and the disk.`,
    { cause: error },
  );
}

/** `2026-11-30 10:15:00` in this machine's time zone; the ISO text itself if it is not a date. */
function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
