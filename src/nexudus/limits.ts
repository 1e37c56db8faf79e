import { ImportError } from '../errors.js';

/** Nexudus's request limits, the defaults of the pace options (docs: developers.nexudus.com). */
export const NEXUDUS_REQUESTS_PER_HOUR = 5000;
export const NEXUDUS_WRITES_PER_MINUTE = 60;
export const NEXUDUS_REQUESTS_PER_MINUTE = 120;

/** An hour, in ms: the window of `--requests-per-hour`. */
export const HOUR_MS = 3_600_000;

/**
 * `--requests-per-minute` when not given: Nexudus's 120, or twice the write pace when that is
 * raised (Nexudus's ratio of all requests to writes).
 */
export function defaultRequestsPerMinute(writesPerMinute: number): number {
  return Math.max(NEXUDUS_REQUESTS_PER_MINUTE, 2 * writesPerMinute);
}

/**
 * `--requests-per-hour` when not given: Nexudus's 5,000, raised in proportion when the write pace
 * is raised above Nexudus's 60 a minute (an account with raised limits, or a sandbox), as
 * `--requests-per-minute` is. Left at 5,000, a raised write pace would be held to 83 requests a
 * minute without a word.
 */
export function defaultRequestsPerHour(writesPerMinute: number): number {
  return Math.max(
    NEXUDUS_REQUESTS_PER_HOUR,
    Math.ceil((writesPerMinute * NEXUDUS_REQUESTS_PER_HOUR) / NEXUDUS_WRITES_PER_MINUTE),
  );
}

/**
 * The environment variable that shortens the importer's "hour" for tests and benchmarks, so an
 * hourly limit can be seen at work in a minute (docs/developing.md). Not an option: a user never
 * needs it, and it is neither recorded in run.json nor repeated in the next command.
 */
export const HOUR_MS_VARIABLE = 'NEXUDUS_IMPORT_HOUR_MS';

/** The length of the hour of `--requests-per-hour`: an hour, unless a test shortened it. */
export function hourMsFrom(env: Readonly<Record<string, string | undefined>>): number {
  const value = env[HOUR_MS_VARIABLE];
  if (value === undefined || value === '') return HOUR_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1000 || ms > HOUR_MS) {
    throw new ImportError(
      'usage',
      `${HOUR_MS_VARIABLE} is set to "${value}"; it is for tests only and takes a whole number of milliseconds from 1000 to ${HOUR_MS}. Unset it.`,
    );
  }
  return ms;
}
