import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox/index.js';
import { uploadFile, type UploadFile } from './data.js';
import { alternate, CHILD, CLI, median, runNode, type ChildRun } from './measure.js';
import { round, side, type Side } from './validate.js';

/** Limits so high the importer's pacer never waits (the CLI takes whole numbers, not "off"). */
const UNPACED = ['--writes-per-minute', '100000000', '--requests-per-minute', '100000000'];

/** The figures of summary.json the benchmarks read. */
interface Summary {
  counts: { rows: number; created: number; failed: number };
  throttled: number;
  preflightRequests: number;
  exitCode: number;
}

/**
 * Runs the importer as a child against a sandbox started here, in this process (so its stats
 * are at hand), and closes the sandbox whatever happens.
 */
export async function importInto(
  sandboxOptions: SandboxOptions,
  file: UploadFile,
  flags: readonly string[],
  tmp: string,
  tag: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ run: ChildRun; summary: Summary; sandbox: Sandbox }> {
  const sandbox = await startSandbox(sandboxOptions);
  try {
    const out = join(tmp, `import-out-${tag}`);
    rmSync(out, { recursive: true, force: true });
    const run = await runNode(
      [CLI, 'import', file.csv, '--base-url', sandbox.url, '--out', out, '--quiet', ...flags],
      { cwd: tmp, env: { ...credentials(sandbox), ...env } },
    );
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    rmSync(out, { recursive: true, force: true });
    if (summary.counts.created !== file.rows) {
      throw new Error(`import ${tag} created ${summary.counts.created} of ${file.rows} rows`);
    }
    return { run, summary, sandbox };
  } finally {
    await sandbox.close();
  }
}

/** The child's environment: the sandbox's login, and no Nexudus settings of the caller's own. */
export function credentials(sandbox: Sandbox): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('NEXUDUS_')),
  );
  return { ...env, NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
}

/** Writes per minute over the span from the first accepted write to the last. */
function pace(writeTimes: readonly number[]): number {
  const first = writeTimes[0];
  const last = writeTimes[writeTimes.length - 1];
  if (first === undefined || last === undefined || last === first) return 0;
  return ((writeTimes.length - 1) * 60_000) / (last - first);
}

export interface PacedFigures {
  readonly writesPerMinute: number;
  readonly rows: number;
  /** Accepted writes per minute, first write to last (the sandbox's clock). */
  readonly pace: number;
  readonly ratio: number;
  /** 409s the sandbox's limits answered. */
  readonly throttled: number;
  /** Throttled replies the importer counted (summary.json). */
  readonly throttledSeen: number;
  readonly seconds: number;
}

/**
 * A real import against a sandbox enforcing W writes a minute (and its default request limit,
 * max(120, 2W), which the importer's default matches), long enough to fill the sandbox's
 * 60-second window and slide it: `rows` ≈ 1.1 W.
 */
export async function benchPaced(
  writesPerMinute: number,
  rows: number,
  tmp: string,
): Promise<PacedFigures> {
  const file = uploadFile(tmp, `paced-${writesPerMinute}`, rows, [7101, 7102, 7103, 7104, 7105]);
  const { run, summary, sandbox } = await importInto(
    { writesPerMinute },
    file,
    ['--writes-per-minute', String(writesPerMinute), '--daily-write-limit', '100000000'],
    tmp,
    `paced-${writesPerMinute}`,
  );
  const stats = sandbox.stats();
  const achieved = pace(stats.writeTimes);
  return {
    writesPerMinute,
    rows,
    pace: round(achieved, 1),
    ratio: achieved / writesPerMinute,
    throttled: stats.throttled,
    throttledSeen: summary.throttled,
    seconds: round(run.seconds, 1),
  };
}

/** The hourly-limit run's sizes (see benchHourly). */
export interface HourlyPlan {
  /** The sandbox's and the importer's "hour", in ms. */
  readonly hourMs: number;
  /** Requests allowed in any such hour. */
  readonly requestsPerHour: number;
  /** Writes a minute (a real minute); requests a minute are max(120, 2 ×) that. */
  readonly writesPerMinute: number;
  /** Contracts the rows spread over: preflight reads each one's contacts. */
  readonly contracts: number;
  readonly rows: number;
}

export interface HourlyFigures extends HourlyPlan {
  /** Requests the sandbox's limits accepted (the login is not limited and not counted). */
  readonly requests: number;
  /** GETs preflight spent before the first write (summary.json). */
  readonly preflightRequests: number;
  /** Accepted requests per hour, first to last (the sandbox's clock). */
  readonly pace: number;
  /** pace ÷ requestsPerHour. */
  readonly ratio: number;
  /** The most requests any sliding hour held. */
  readonly mostInAnHour: number;
  /** 409s the sandbox's limits answered. */
  readonly throttled: number;
  readonly throttledSeen: number;
  readonly seconds: number;
}

/**
 * A real import against a sandbox enforcing an hourly request limit, time-compressed (the
 * importer's "hour" shortened to match with NEXUDUS_IMPORT_HOUR_MS), beside per-minute limits
 * that are looser, so the hour is the tightest limit throughout: first a preflight reading
 * `contracts` contracts' contacts, then the writes. Long enough for the hour to fill and slide.
 */
export async function benchHourly(plan: HourlyPlan, tmp: string): Promise<HourlyFigures> {
  const ids = Array.from({ length: plan.contracts }, (_, i) => 8001 + i);
  const file = uploadFile(tmp, 'hourly', plan.rows, ids);
  const { run, summary, sandbox } = await importInto(
    {
      writesPerMinute: plan.writesPerMinute,
      requestsPerHour: plan.requestsPerHour,
      hourMs: plan.hourMs,
      extraContracts: plan.contracts,
    },
    file,
    [
      '--writes-per-minute',
      String(plan.writesPerMinute),
      '--requests-per-hour',
      String(plan.requestsPerHour),
      '--daily-write-limit',
      '100000000',
    ],
    tmp,
    'hourly',
    { NEXUDUS_IMPORT_HOUR_MS: String(plan.hourMs) },
  );
  const stats = sandbox.stats();
  const times = stats.requestTimes;
  const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0);
  const achieved = span > 0 ? ((times.length - 1) * plan.hourMs) / span : 0;
  return {
    ...plan,
    requests: times.length,
    preflightRequests: summary.preflightRequests,
    pace: round(achieved, 1),
    ratio: achieved / plan.requestsPerHour,
    mostInAnHour: mostInWindow(times, plan.hourMs),
    throttled: stats.throttled,
    throttledSeen: summary.throttled,
    seconds: round(run.seconds, 1),
  };
}

/** The most of `times` (ascending) that fall within any `windowMs`. */
function mostInWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

export interface UnpacedFigures {
  readonly rows: number;
  readonly concurrency: number;
  readonly latencyMs: number;
  /** Whole child process, start to exit: what a user waits for. */
  readonly importer: Side;
  readonly baseline: Side;
  /** importer rows/s ÷ bare got rows/s, whole processes (wall clock). */
  readonly ratio: number;
  /** The same from the first write to the last only: the upload loop's own overhead. */
  readonly writePhaseRatio: number;
}

/**
 * Limits off, every reply 20 ms late: the importer (concurrency 8) against a bare got loop
 * posting the same payloads with the same concurrency. With nothing to wait for but the
 * server, this shows what our side costs per row.
 */
export async function benchUnpaced(
  rows: number,
  runs: number,
  tmp: string,
  concurrency = 8,
  latencyMs = 20,
): Promise<UnpacedFigures> {
  const file = uploadFile(tmp, 'unpaced', rows, [7101, 7102, 7103, 7104, 7105]);
  const sandboxOptions: SandboxOptions = { writesPerMinute: false, latencyMs };
  const phases = { importer: [] as number[], baseline: [] as number[] };
  const { a, b } = await alternate(
    runs,
    async (i) => {
      const { run, sandbox } = await importInto(
        sandboxOptions,
        file,
        ['--concurrency', String(concurrency), '--daily-write-limit', '100000000', ...UNPACED],
        tmp,
        `unpaced-${i}`,
      );
      phases.importer.push(writePhase(sandbox));
      return run;
    },
    async () => {
      const sandbox = await startSandbox(sandboxOptions);
      try {
        const run = await runNode(
          [join(CHILD, 'got-loop.mjs'), file.payloads, sandbox.url, String(concurrency)],
          { cwd: tmp, env: credentials(sandbox) },
        );
        const created = (JSON.parse(run.stdout) as { created: number }).created;
        if (created !== rows) throw new Error(`the got loop created ${created} of ${rows} rows`);
        phases.baseline.push(writePhase(sandbox));
        return run;
      } finally {
        await sandbox.close();
      }
    },
  );
  const importer = side(a, rows);
  const baseline = side(b, rows);
  return {
    rows,
    concurrency,
    latencyMs,
    importer,
    baseline,
    ratio: importer.rowsPerSecond / baseline.rowsPerSecond,
    writePhaseRatio: median(phases.baseline) / median(phases.importer),
  };
}

/** Seconds from the first accepted write to the last. */
function writePhase(sandbox: Sandbox): number {
  const times = sandbox.stats().writeTimes;
  return ((times[times.length - 1] ?? 0) - (times[0] ?? 0)) / 1000;
}

export interface PreflightFigures {
  readonly rows: number;
  readonly contracts: number;
  /** GETs the sandbox served during the run (countries, references, each contract's contacts). */
  readonly gets: number;
  readonly getsPer1000Rows: number;
  readonly byRoute: Readonly<Record<string, number>>;
  /** What summary.json says preflight spent (the countries list is read before it). */
  readonly preflightRequests: number;
}

/** What preflight costs in GETs: `rows` rows over `contracts` contracts (8001.., extraContracts). */
export async function benchPreflight(
  rows: number,
  contracts: number,
  tmp: string,
): Promise<PreflightFigures> {
  const ids = Array.from({ length: contracts }, (_, i) => 8001 + i);
  const file = uploadFile(tmp, `preflight-${contracts}`, rows, ids);
  const { summary, sandbox } = await importInto(
    { writesPerMinute: false, extraContracts: contracts },
    file,
    ['--concurrency', '4', '--daily-write-limit', '100000000', ...UNPACED],
    tmp,
    'preflight',
  );
  const byRoute = sandbox.stats().gets;
  const gets = Object.values(byRoute).reduce((sum, n) => sum + n, 0);
  return {
    rows,
    contracts,
    gets,
    getsPer1000Rows: round((gets * 1000) / rows, 1),
    byRoute,
    preflightRequests: summary.preflightRequests,
  };
}
