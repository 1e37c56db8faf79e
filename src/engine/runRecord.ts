import { existsSync, readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { ImportError } from '../errors.js';
import { resultPath, writePrivateFile } from '../report/resultsFolder.js';
import { TOOL_VERSION } from '../version.js';
import type { ImportOptions } from './options.js';

const positive = z.number().int().positive();

/**
 * The options as run.json records them (ImportOptions without the file and --resume). Options
 * this version does not know are kept, so they are not lost on a resume.
 */
const recordedOptionsSchema = z.looseObject({
  sandbox: z.boolean(),
  baseUrl: z.string().optional(),
  dryRun: z.boolean(),
  offline: z.boolean().optional(),
  out: z.string().optional(),
  sheet: z.string().optional(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  dateFormat: z.enum(['DMY', 'MDY', 'YMD']).optional(),
  mapping: z.string().optional(),
  ignoreColumns: z.array(z.string()).readonly().optional(),
  concurrency: positive,
  writesPerMinute: positive,
  requestsPerMinute: positive,
  dailyWriteLimit: positive,
  requestTimeoutMs: positive.optional(),
  waitForQuota: z.boolean(),
  allowDuplicates: z.boolean(),
  update: z.boolean().optional(),
  clearBlank: z.boolean().optional(),
  json: z.boolean(),
  verbose: z.boolean(),
  quiet: z.boolean(),
});
// Every option a run needs is checked when run.json is read: a new required option of
// ImportOptions must be added to the schema too (optional, or with a default, for older folders).
true satisfies z.infer<typeof recordedOptionsSchema> extends Omit<ImportOptions, 'file' | 'resume'>
  ? true
  : false;

const rowRanges = z.array(z.tuple([positive, positive]));

/**
 * One file of a run's input (docs/fix-loop.md): the original source, or an errors file fixed
 * by the user (copied into the folder of the run that took it), how it is read, and the rows
 * of it the run leaves out (done or failed in an earlier run of the chain).
 */
const inputPart = z.object({
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(['source', 'fixes']),
  sheet: z.string().optional(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  skip: rowRanges,
});
export type InputPart = z.infer<typeof inputPart>;

/** run.json: what a resume needs to carry a run on exactly. */
const runRecord = z.object({
  source: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  options: recordedOptionsSchema,
  version: z.string(),
  /**
   * When the folder's first run began (ISO). A resume's lookups take no record made before it.
   * Absent in folders of earlier versions.
   */
  started: z.string().optional(),
  /**
   * The files read, in order: the original source, then each fixed errors file of the chain
   * (`import DIR`). Absent in folders of earlier versions: `source` alone.
   */
  inputs: z.array(inputPart).min(1).optional(),
  /** The results folder whose failed rows this run took again (`import DIR`). */
  continues: z.string().optional(),
});
export type RunRecord = z.infer<typeof runRecord>;

/**
 * The files a run reads: run.json's `inputs`, or, in a folder of an earlier version, its
 * source with the read options it was given.
 */
export function inputsOf(record: RunRecord): InputPart[] {
  if (record.inputs) return record.inputs;
  const { sheet, encoding, delimiter } = record.options;
  return [
    {
      path: record.source,
      sha256: record.sha256,
      kind: 'source',
      ...(sheet !== undefined ? { sheet } : {}),
      ...(encoding !== undefined ? { encoding } : {}),
      ...(delimiter !== undefined ? { delimiter } : {}),
      skip: [],
    },
  ];
}

/** The options as recorded (no credentials ever reach options; the file is the source field). */
export function recordedOptions(options: ImportOptions): Record<string, unknown> {
  const { file: _file, resume: _resume, ...rest } = options;
  return rest;
}

/** Written whole or not at all (a temporary file renamed): a crash never leaves half a record. */
export function writeRunRecord(
  dir: string,
  source: string,
  sha256: string,
  options: ImportOptions,
  started: Date,
  chain: { readonly inputs: readonly InputPart[]; readonly continues?: string },
): void {
  const record = {
    source,
    sha256,
    options: recordedOptions(options),
    version: TOOL_VERSION,
    started: started.toISOString(),
    inputs: chain.inputs,
    ...(chain.continues ? { continues: chain.continues } : {}),
  };
  const path = resultPath(dir, 'run');
  writePrivateFile(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/**
 * run.json of a results folder, checked: a damaged one (not JSON, a field missing or of the
 * wrong kind) is refused with one sentence naming it (exit 2), never a crash.
 */
export function readRunRecord(dir: string): RunRecord {
  const path = resultPath(dir, 'run');
  if (!existsSync(path)) {
    throw new ImportError(
      'usage',
      `${dir} is not a results folder of nexudus-import (it has no run.json), so there is nothing to resume.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw damaged(path, code ? `it cannot be read: ${code}` : 'it is not valid JSON', error);
  }
  const parsed = runRecord.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw damaged(
      path,
      where
        ? `its "${where}" is missing or not what nexudus-import writes`
        : 'it is not a run record',
      parsed.error,
    );
  }
  return parsed.data;
}

function damaged(path: string, why: string, cause: unknown): ImportError {
  return new ImportError(
    'damaged-record',
    `${path} is damaged (${why}), so the run cannot be resumed; import the file again as a new run (rows already created are then found as existing).`,
    { cause },
  );
}
