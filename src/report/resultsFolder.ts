import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ImportError } from '../errors.js';

/** `import-results/<file-stem>-<YYYYMMDD-HHmmss>` (SPEC "import options", --out). */
export function defaultResultsFolder(source: string, now: Date, cwd: string): string {
  const stem = basename(source, extname(source)) || 'import';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return join(cwd, 'import-results', `${stem}-${stamp}`);
}

/**
 * Creates the results folder private to the user (0700): it holds personal data. An existing
 * folder must be empty, so one run's reports never mix with another's.
 */
export function createResultsFolder(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory() || readdirSync(dir).length > 0) {
      throw new ImportError(
        'out-not-empty',
        `The results folder ${dir} already exists and is not empty; choose another --out, or continue that run with --resume ${dir}.`,
      );
    }
  } else {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      // A path through a file, a read-only disk, no permission: the user's to fix, not a bug.
      throw new ImportError(
        'usage',
        `The results folder ${dir} cannot be created (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose another --out.`,
        { cause: error },
      );
    }
  }
  chmodSync(dir, 0o700);
}

/** Writes a whole file readable by the user only (0600). */
export function writePrivateFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export const RESULT_FILES = {
  errorsCsv: 'errors.csv',
  errorsXlsx: 'errors.xlsx',
  createdCsv: 'created.csv',
  /** With --update: one line per changed field (see changesFile.ts). */
  changesCsv: 'changes.csv',
  summary: 'summary.json',
  journal: 'journal.ndjson',
  run: 'run.json',
  log: 'import.log',
  /** Held while a run uses the folder (see lock/folderLock.ts). */
  lock: 'run.lock',
} as const;

export function resultPath(dir: string, file: keyof typeof RESULT_FILES): string {
  return join(dir, RESULT_FILES[file]);
}
