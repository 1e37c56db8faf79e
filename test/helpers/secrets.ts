import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';

const SAMPLE = join(import.meta.dirname, '..', '..', 'samples', 'contract-contacts.csv');

/**
 * Imports the sample into `sandbox` with --verbose (the most the tool ever writes), and returns
 * the exit code and everything it wrote: every file of its results folder, stdout and stderr.
 */
export async function verboseSampleImport(
  sandbox: Sandbox,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; everything: string }> {
  const run = await runCli(
    [
      'import',
      SAMPLE,
      '--base-url',
      sandbox.url,
      '--out',
      'r',
      '--writes-per-minute',
      '6000',
      // a reset leaves a write unanswered, and its row waits twice the timeout before resending
      '--request-timeout',
      '1',
      '--verbose',
    ],
    { cwd, env },
  );
  const dir = join(cwd, 'r');
  const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1'));
  return { code: run.code, everything: [...files, run.stdout, run.stderr].join('\n') };
}
