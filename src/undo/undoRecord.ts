import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ImportError } from '../errors.js';
import { writePrivateFile } from '../report/resultsFolder.js';
import { TOOL_VERSION } from '../version.js';

/** The files of an undo's folder (`DIR/undo-<YYYYMMDD-HHmmss>`), 0600 in a 0700 folder. */
export const UNDO_FILES = {
  run: 'run.json',
  journal: 'journal.ndjson',
  summary: 'summary.json',
  report: 'undo.csv',
  log: 'undo.log',
} as const;

export function undoPath(dir: string, file: keyof typeof UNDO_FILES): string {
  return join(dir, UNDO_FILES[file]);
}

const undoRecord = z.object({
  kind: z.literal('undo'),
  /** The import's results folder, as it was when the undo began (undo --resume uses the parent). */
  run: z.string(),
  started: z.string(),
  version: z.string(),
  force: z.boolean(),
  baseUrl: z.string().optional(),
  /** `undo --sandbox` (absent: as the run did). */
  sandbox: z.boolean().optional(),
});
export type UndoRecord = z.infer<typeof undoRecord>;

/** Written whole or not at all, as an import's run.json. */
export function writeUndoRecord(dir: string, record: Omit<UndoRecord, 'kind' | 'version'>): void {
  const path = undoPath(dir, 'run');
  const text = `${JSON.stringify({ kind: 'undo', version: TOOL_VERSION, ...record }, null, 2)}\n`;
  writePrivateFile(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** Whether `dir` is an undo's folder (its run.json says so). */
export function isUndoFolder(dir: string): boolean {
  try {
    const json = JSON.parse(readFileSync(undoPath(dir, 'run'), 'utf8')) as unknown;
    return (
      typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'undo'
    );
  } catch {
    return false;
  }
}

/** An undo folder's run.json, for `undo --resume`; anything else is refused (exit 2). */
export function readUndoRecord(dir: string): UndoRecord {
  const path = undoPath(dir, 'run');
  if (!existsSync(path)) {
    throw new ImportError(
      'usage',
      `${dir} is not the folder of an undo (it has no run.json): give undo --resume the undo-<time> folder an undo wrote, inside the import's results folder.`,
    );
  }
  let parsed: ReturnType<typeof undoRecord.safeParse> | undefined;
  try {
    parsed = undoRecord.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    parsed = undefined;
  }
  if (!parsed?.success) {
    throw new ImportError(
      'usage',
      `${dir} is not the folder of an undo (its run.json is an import's, or damaged): to take back that import, run nexudus-import undo ${dir}.`,
    );
  }
  return parsed.data;
}
