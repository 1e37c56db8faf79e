import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ImportError } from '../errors.js';
import { defaultRequestsPerHour } from '../nexudus/limits.js';
import { resultPath, writePrivateFile } from '../report/resultsFolder.js';
import { TOOL_VERSION } from '../version.js';
import type { ImportOptions } from './options.js';

/** run.json: what a resume needs to carry a run on exactly. */
const runRecord = z.object({
  source: z.string(),
  sha256: z.string(),
  options: z.record(z.string(), z.unknown()),
  version: z.string(),
});
export type RunRecord = z.infer<typeof runRecord>;

/** The options as recorded (no credentials ever reach options; the file is the source field). */
export function recordedOptions(options: ImportOptions): Record<string, unknown> {
  const { file: _file, resume: _resume, ...rest } = options;
  return rest;
}

export function writeRunRecord(
  dir: string,
  source: string,
  sha256: string,
  options: ImportOptions,
): void {
  const record: RunRecord = {
    source,
    sha256,
    options: recordedOptions(options),
    version: TOOL_VERSION,
  };
  writePrivateFile(resultPath(dir, 'run'), `${JSON.stringify(record, null, 2)}\n`);
}

export function readRunRecord(dir: string): RunRecord {
  const path = resultPath(dir, 'run');
  if (!existsSync(path)) {
    throw new ImportError(
      'usage',
      `${dir} is not a results folder of nexudus-import (it has no run.json), so there is nothing to resume.`,
    );
  }
  const parsed = runRecord.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new ImportError(
      'usage',
      `${path} is damaged, so the run cannot be resumed; start a new import.`,
    );
  }
  return parsed.data;
}

/**
 * Options that a resume may change: how fast and how much, where to, and what is shown. What
 * decides how rows are read and mapped stays as recorded, or the rows would not be the same.
 */
export const RESUME_OVERRIDABLE = [
  'baseUrl',
  'concurrency',
  'writesPerMinute',
  'requestsPerMinute',
  'requestsPerHour',
  'dailyWriteLimit',
  'requestTimeoutMs',
  'waitForQuota',
  'json',
  'verbose',
  'quiet',
] as const satisfies readonly (keyof ImportOptions)[];

/** The options of a resumed run: as recorded, with the overridable ones the user gave now. */
export function resumedOptions(
  record: RunRecord,
  given: Partial<ImportOptions>,
  dir: string,
): ImportOptions {
  const recorded = record.options as unknown as Omit<ImportOptions, 'file'>;
  if (recorded.sandbox) {
    throw new ImportError(
      'usage',
      'A --sandbox run cannot be resumed: its records ended with it. Import the file again with --sandbox.',
    );
  }
  const merged: Record<string, unknown> = {
    ...recorded,
    file: record.source,
    resume: dir,
    out: dir,
  };
  for (const key of RESUME_OVERRIDABLE) if (given[key] !== undefined) merged[key] = given[key];
  if (given.writesPerMinute !== undefined && given.requestsPerMinute === undefined) {
    merged.requestsPerMinute = Math.max(120, 2 * given.writesPerMinute);
  }
  if (given.writesPerMinute !== undefined && given.requestsPerHour === undefined) {
    merged.requestsPerHour = defaultRequestsPerHour(given.writesPerMinute);
  }
  return merged as unknown as ImportOptions;
}
