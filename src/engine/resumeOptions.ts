import { defaultRequestsPerHour, defaultRequestsPerMinute } from '../nexudus/limits.js';
import type { ImportOptions } from './options.js';
import type { RunRecord } from './runRecord.js';

/** `import --resume DIR`: carry on the run recorded in DIR, with these options changed. */
export interface ResumeRequest {
  readonly resume: string;
  readonly overrides: Partial<ImportOptions>;
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
  // A --sandbox run resumes too: the sandbox keeps its records in the user's data file.
  const recorded = record.options as unknown as Omit<ImportOptions, 'file'>;
  const merged: Record<string, unknown> = {
    ...recorded,
    file: record.source,
    resume: dir,
    out: dir,
  };
  for (const key of RESUME_OVERRIDABLE) if (given[key] !== undefined) merged[key] = given[key];
  if (given.writesPerMinute !== undefined && given.requestsPerMinute === undefined) {
    merged.requestsPerMinute = defaultRequestsPerMinute(given.writesPerMinute);
  }
  if (given.writesPerMinute !== undefined && given.requestsPerHour === undefined) {
    merged.requestsPerHour = defaultRequestsPerHour(given.writesPerMinute);
  }
  return merged as unknown as ImportOptions;
}

/**
 * A resume of the run in `dir`: of `given` (the options as this command line gives them, its
 * defaults filled in), only the overridable options the user typed (`typed`) override the
 * recorded ones; an option left at its default keeps what the run recorded.
 */
export function resumeRequest(
  dir: string,
  given: ImportOptions,
  typed: ReadonlySet<keyof ImportOptions>,
): ResumeRequest {
  const overrides: Partial<ImportOptions> = {};
  for (const key of RESUME_OVERRIDABLE) {
    if (typed.has(key)) Object.assign(overrides, { [key]: given[key] });
  }
  return { resume: dir, overrides };
}
