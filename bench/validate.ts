import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, CHILD, CLI, median, runNode, type ChildRun } from './measure.js';

/** One side of a comparison: the median of its runs. */
export interface Side {
  readonly rowsPerSecond: number;
  readonly seconds: number;
  readonly maxRssMB: number;
  readonly cpuSeconds: number;
  /** Every run, for the record. */
  readonly runs: readonly { seconds: number; maxRssMB: number; cpuSeconds: number }[];
}

export interface ValidateFigures {
  readonly file: string;
  readonly rows: number;
  readonly importer: Side;
  readonly baseline: Side & { readonly name: string };
  /** importer rows/s ÷ baseline rows/s (wall clock). */
  readonly ratio: number;
  /** The same ratio from CPU time, steadier when other work shares the machine. */
  readonly cpuRatio: number;
}

/**
 * `nexudus-import validate FILE` against a raw library reading the same file, `runs` times each,
 * alternating. Both are child processes, so each one's peak RSS is its own.
 */
export async function benchValidate(
  file: string,
  rows: number,
  baseline: 'papaparse' | 'exceljs',
  runs: number,
  tmp: string,
): Promise<ValidateFigures> {
  const { a, b } = await alternate(
    runs,
    async (i) => {
      const out = join(tmp, `validate-out-${i}`);
      rmSync(out, { recursive: true, force: true });
      // Exit 1 would mean failed rows: the generated files have none, so only 0 is right.
      // --offline: this measures reading and checking, never the account of whoever runs it.
      const run = await runNode([CLI, 'validate', file, '--offline', '--out', out, '--quiet'], {
        cwd: tmp,
      });
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
        counts: { rows: number };
      };
      rmSync(out, { recursive: true, force: true });
      checkRows('validate', summary.counts.rows, rows);
      return run;
    },
    async () => {
      const run = await runNode([join(CHILD, `${baseline}.mjs`), file], { cwd: tmp });
      checkRows(baseline, (JSON.parse(run.stdout) as { rows: number }).rows, rows);
      return run;
    },
  );
  const importer = side(a, rows);
  const base = side(b, rows);
  return {
    file,
    rows,
    importer,
    baseline: { name: baseline, ...base },
    ratio: importer.rowsPerSecond / base.rowsPerSecond,
    cpuRatio: base.cpuSeconds / importer.cpuSeconds,
  };
}

function checkRows(who: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${who} read ${got} rows where the file has ${want}`);
}

export function side(runs: readonly ChildRun[], rows: number): Side {
  const seconds = median(runs.map((r) => r.seconds));
  return {
    rowsPerSecond: rows / seconds,
    seconds,
    maxRssMB: median(runs.map((r) => r.maxRssMB)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    runs: runs.map((r) => ({
      seconds: round(r.seconds, 2),
      maxRssMB: round(r.maxRssMB, 1),
      cpuSeconds: round(r.cpuSeconds, 2),
    })),
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
