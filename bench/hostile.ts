import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE_FILES, writeHostileFiles, type HostileFile } from '../scripts/hostile-files.js';
import { CLI, runNode } from './measure.js';

/** One hostile file read by `validate`: how it ended and what it cost. */
export interface HostileRun {
  readonly name: string;
  readonly what: string;
  readonly expect: HostileFile['expect'];
  readonly bytes: number;
  readonly code: number | null;
  /** The code of summary.json's error, or the first line of stderr. */
  readonly said: string;
  readonly seconds: number;
  readonly maxRssMB: number;
}

/**
 * `nexudus-import validate` on each crafted file of scripts/hostile-files.ts (made once in
 * `data`, at full size, or divided by `scale` for a quick run).
 */
export async function benchHostile(
  data: string,
  tmp: string,
  scale: number,
): Promise<HostileRun[]> {
  const dir = join(data, `hostile-${scale}`);
  const paths = await writeHostileFiles(dir, scale);
  const runs: HostileRun[] = [];
  for (const file of HOSTILE_FILES) {
    const path = paths.get(file.name);
    if (!path) continue;
    const out = join(tmp, `hostile-${file.name}`);
    rmSync(out, { recursive: true, force: true });
    const run = await runNode(
      [CLI, 'validate', path, '--out', out, '--quiet'],
      { cwd: tmp },
      [0, 1, 2],
    );
    rmSync(out, { recursive: true, force: true });
    runs.push({
      name: file.name,
      what: file.what,
      expect: file.expect,
      bytes: readFileSync(path).length,
      code: run.code,
      said: run.stderr.trim().split('\n')[0]?.slice(0, 160) ?? '',
      seconds: run.seconds,
      maxRssMB: run.maxRssMB,
    });
  }
  return runs;
}
