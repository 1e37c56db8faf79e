import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (bench/ is one level down). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/**
 * The CLI as users run it (dist/ must be built: `npm run bench` builds it first). BENCH_CLI names
 * another build's bin instead, to measure a proposed change from a copy of the repository.
 */
export const CLI = process.env.BENCH_CLI ?? join(ROOT, 'bin', 'nexudus-import.js');
/** The baselines' scripts, plain JavaScript so that no TypeScript loader slows them down. */
export const CHILD = join(ROOT, 'bench', 'child');
const RSS_PRELOAD = pathToFileURL(join(CHILD, 'rss.mjs')).href;

/** What one child process cost, from its own accounting (getrusage) and the wall clock. */
export interface ChildRun {
  readonly seconds: number;
  /** Peak resident set size, MB (ru_maxrss: what `/usr/bin/time -v` reports). */
  readonly maxRssMB: number;
  /** User + system CPU time, s: less disturbed than wall time when the machine is busy. */
  readonly cpuSeconds: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ChildOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the child after this long (default 15 minutes: a hang must not stall the bench). */
  readonly timeoutMs?: number;
}

/**
 * Runs `node [--import rss.mjs] ...args` and measures it. The preload writes the child's peak RSS
 * and CPU time at exit, so no external `time` binary is needed. Throws when the child fails (a
 * benchmark of a broken run means nothing), except for the exit codes in `okCodes`.
 */
export async function runNode(
  args: readonly string[],
  options: ChildOptions,
  okCodes: readonly number[] = [0],
): Promise<ChildRun> {
  const rssFile = join(options.cwd, `.rss-${process.pid}-${Date.now()}-${Math.random()}.json`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', RSS_PRELOAD, ...args], {
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  }).finally(() => clearTimeout(timer));
  const seconds = (performance.now() - started) / 1000;
  if (code === null || !okCodes.includes(code)) {
    throw new Error(
      `node ${args.join(' ')} ended with ${code ?? 'a signal'}:\n${stderr.slice(-2000)}${stdout.slice(-1000)}`,
    );
  }
  const usage = existsSync(rssFile)
    ? (JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKB: number; cpuUs: number })
    : undefined;
  rmSync(rssFile, { force: true });
  if (!usage) throw new Error(`node ${args.join(' ')} did not report its memory`);
  return {
    seconds,
    maxRssMB: usage.maxRssKB / 1024,
    cpuSeconds: usage.cpuUs / 1e6,
    code,
    stdout,
    stderr,
  };
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) throw new Error('median of nothing');
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Runs `runs` times, alternating `a` and `b` so a burst of load on the machine hits both alike. */
export async function alternate<A, B>(
  runs: number,
  a: (i: number) => Promise<A>,
  b: (i: number) => Promise<B>,
): Promise<{ a: A[]; b: B[] }> {
  const as: A[] = [];
  const bs: B[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(await a(i));
    bs.push(await b(i));
  }
  return { a: as, b: bs };
}
