import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import type { UndoSummary } from '../src/undo/undoReport.js';
import { uploadFile } from './data.js';
import { CLI, runNode } from './measure.js';

/** Limits so high the importer's pacer never waits (the CLI takes whole numbers, not "off"). */
const UNPACED = ['--writes-per-minute', '100000000', '--requests-per-minute', '100000000'];

/** The undo benchmark's sizes: `records` contacts an import created, taken back at W a minute. */
export interface UndoPlan {
  readonly records: number;
  readonly writesPerMinute: number;
}

export interface UndoFigures extends UndoPlan {
  /** Deletes the sandbox accepted: must be `records`. */
  readonly deletes: number;
  /** Accepted writes per minute, first to last (the sandbox's clock); ratio = pace ÷ W. */
  readonly pace: number;
  readonly ratio: number;
  /** 409s the sandbox's limits answered during the undo. */
  readonly throttled: number;
  /** GETs the undo spent reading the records before its first delete (summary.json). */
  readonly readRequests: number;
  /** Every GET the sandbox saw during the undo, by route. */
  readonly byRoute: Record<string, number>;
  readonly seconds: number;
  readonly maxRssMB: number;
}

/**
 * `undo DIR --yes` of an import that created `records` contacts, against a sandbox enforcing W
 * writes a minute (and its default request limits, which undo's defaults match): the pace kept
 * and the 409s. The import runs first, unpaced, into a sandbox without limits that keeps its
 * records in a data file; the undo's sandbox starts from that file, with fresh stats.
 */
export async function benchUndo(plan: UndoPlan, tmp: string): Promise<UndoFigures> {
  const dataFile = join(tmp, 'undo-sandbox.json');
  const out = join(tmp, 'undo-run');
  rmSync(dataFile, { force: true });
  rmSync(out, { recursive: true, force: true });
  const file = uploadFile(tmp, 'undo', plan.records, [7101, 7102, 7103, 7104, 7105]);
  try {
    const loading = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      dataFile,
    });
    try {
      await runNode(
        [CLI, 'import', file.csv, '--base-url', loading.url, '--out', out, '--quiet', ...UNPACED],
        { cwd: tmp, env: credentials(loading) },
      );
    } finally {
      await loading.close();
    }
    const sandbox = await startSandbox({
      port: 0,
      writesPerMinute: plan.writesPerMinute,
      dataFile,
    });
    try {
      const W = String(plan.writesPerMinute);
      const run = await runNode(
        [
          CLI,
          'undo',
          out,
          // the import's recorded --base-url was the loading sandbox's
          '--base-url',
          sandbox.url,
          '--yes',
          '--quiet',
          '--writes-per-minute',
          W,
          '--daily-write-limit',
          '100000000',
        ],
        { cwd: tmp, env: credentials(sandbox) },
      );
      const folder = readdirSync(out).find((f) => f.startsWith('undo-')) ?? '';
      const summary = JSON.parse(
        readFileSync(join(out, folder, 'summary.json'), 'utf8'),
      ) as UndoSummary;
      const stats = sandbox.stats();
      const achieved = pace(stats.writeTimes);
      if (summary.counts.deleted !== plan.records)
        throw new Error(`undo deleted ${summary.counts.deleted} of ${plan.records} contacts`);
      return {
        ...plan,
        deletes: stats.deletes,
        pace: Math.round(achieved * 10) / 10,
        ratio: achieved / plan.writesPerMinute,
        throttled: stats.throttled,
        readRequests: summary.readRequests,
        byRoute: stats.gets,
        seconds: run.seconds,
        maxRssMB: run.maxRssMB,
      };
    } finally {
      await sandbox.close();
    }
  } finally {
    rmSync(dataFile, { force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

/** Writes per minute over the span from the first accepted write to the last. */
function pace(writeTimes: readonly number[]): number {
  const first = writeTimes[0];
  const last = writeTimes[writeTimes.length - 1];
  if (first === undefined || last === undefined || last === first) return 0;
  return ((writeTimes.length - 1) * 60_000) / (last - first);
}

/** The child's environment: the sandbox's login, and no Nexudus settings of the caller's own. */
function credentials(sandbox: Sandbox): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('NEXUDUS_')),
  );
  return { ...env, NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
}
