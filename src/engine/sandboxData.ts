import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { ImportError } from '../errors.js';
import { takeLock, type HeldLock } from '../lock/lockFile.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/index.js';

/**
 * Where `--sandbox` keeps its records between runs (docs/sandbox.md), so that a
 * second import finds the first one's contacts, a stopped run resumes and undo finds what a run
 * created: the per-user data folder of the platform.
 *
 * - Linux and other Unix: `$XDG_DATA_HOME/nexudus-import/sandbox.json` when XDG_DATA_HOME is an
 *   absolute path (the XDG Base Directory rules ignore a relative one), else
 *   `~/.local/share/nexudus-import/sandbox.json`. macOS is treated the same way (a command-line
 *   tool's data under ~/.local/share, as most such tools do).
 * - Windows: `%LOCALAPPDATA%\nexudus-import\sandbox.json` (else `~\AppData\Local\…`).
 *
 * Read from the command's environment (CommandIo.env), not process.env, so tests point it at a
 * temporary folder and never touch the real user's data.
 */
export function sandboxDataFile(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    const base = local && isAbsolute(local) ? local : join(home, 'AppData', 'Local');
    return join(base, 'nexudus-import', 'sandbox.json');
  }
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share');
  return join(base, 'nexudus-import', 'sandbox.json');
}

/**
 * The sandbox started on a data file, holding the file's lock (`<file>.lock`) until it is
 * closed. One process at a time per data file: two sandboxes on one file would each write their
 * own records over the other's (every change rewrites the whole file). A second process is
 * refused at once with one sentence naming the holder; a lock whose holder has ended (killed,
 * crashed) is taken over at once (see lock/lockFile.ts), so a resume right after `kill -9` works.
 */
export async function startSandboxOnData(
  dataFile: string,
  options: Omit<SandboxOptions, 'dataFile'>,
): Promise<Sandbox> {
  makeDataFolder(dataFile);
  const lock = await lockDataFile(dataFile);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ ...options, dataFile });
  } catch (error) {
    lock.release();
    throw dataFileFailure(dataFile, error);
  }
  return {
    ...sandbox,
    close: async () => {
      try {
        await sandbox.close();
      } finally {
        lock.release();
      }
    },
  };
}

/**
 * `sandbox --reset`: empties the data file (the next start begins from the account's starting
 * records). Refused while another process uses it.
 */
export async function resetSandboxData(dataFile: string): Promise<'emptied' | 'nothing'> {
  makeDataFolder(dataFile);
  const lock = await lockDataFile(dataFile);
  try {
    const existed = rmQuietly(dataFile);
    return existed ? 'emptied' : 'nothing';
  } finally {
    lock.release();
  }
}

function makeDataFolder(dataFile: string): void {
  const dir = dirname(dataFile);
  try {
    // Private to the user: the records look like personal data (names, emails, addresses).
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImportError(
      'usage',
      `The sandbox cannot make its data folder ${dir} (${code}); check its permissions, or set XDG_DATA_HOME to a folder you can write to.`,
      { cause: error },
    );
  }
}

async function lockDataFile(dataFile: string): Promise<HeldLock> {
  const path = `${dataFile}.lock`;
  let attempt;
  try {
    attempt = await takeLock(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImportError(
      'usage',
      `The sandbox cannot lock its data file ${dataFile} (${code}); check the folder's permissions.`,
      { cause: error },
    );
  }
  if (!attempt.taken) {
    const who = attempt.owner ? ` (pid ${attempt.owner.pid})` : '';
    throw new ImportError(
      'folder-in-use',
      `The sandbox's records in ${dataFile} are in use by another nexudus-import${who}; wait for it to finish, then run this again.`,
    );
  }
  return attempt.lock;
}

/** A data file that cannot be read or written is the user's to fix, not a bug. */
function dataFileFailure(dataFile: string, error: unknown): unknown {
  if (!(error instanceof Error) || !error.message.includes(dataFile)) return error;
  return new ImportError(
    'usage',
    `${error.message.replace(/\.$/, '')}: empty it with nexudus-import sandbox --reset, or move it away.`,
    { cause: error },
  );
}

function rmQuietly(path: string): boolean {
  if (!existsSync(path)) return false;
  rmSync(path, { force: true });
  return true;
}
