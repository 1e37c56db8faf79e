import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractContactRecord } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { childEnv, readSummary, tempDir } from './helpers/run.js';

/** The real bin, as a user runs it (dist/ is built by `npm test` first). */
const BIN = join(import.meta.dirname, '..', 'bin', 'nexudus-import.js');

/**
 * Runs the CLI as a child; with `killWhen`, kills it with SIGKILL as soon as that says so
 * (polled every 5 ms), so the kill lands in the middle of the upload.
 */
function runChild(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  killWhen?: () => boolean,
): Promise<{ code: number | null; killed: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env) });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    let killed = false;
    const poll = killWhen
      ? setInterval(() => {
          if (!killWhen()) return;
          clearInterval(poll);
          killed = child.kill('SIGKILL');
        }, 5)
      : undefined;
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, killed, stdout });
    });
  });
}

function journalLines(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

describe('--sandbox killed with -9 in the middle of an upload', () => {
  it('resumes with import --resume: every row once in the kept records', async () => {
    const cwd = tempDir();
    const env = { XDG_DATA_HOME: tempDir('nexudus-data-') };
    const rows = 40;
    const file = writeContactsCsv(cwd, rows);
    const journal = join(cwd, 'k', 'journal.ndjson');
    // A short request timeout keeps the grace a resume waits for an unanswered create short.
    const pace = ['--writes-per-minute', '600', '--request-timeout', '2'];

    const killed = await runChild(
      ['import', file, '--sandbox', '--out', 'k', ...pace],
      cwd,
      env,
      () => journalLines(journal) >= 12,
    );
    expect(killed.killed).toBe(true);

    // The killed process's lock on the data file is taken over at once.
    const resumed = await runChild(['import', '--resume', 'k'], cwd, env);
    expect(resumed.code).toBe(0);
    expect(readSummary(join(cwd, 'k')).counts).toMatchObject({ created: rows, failed: 0 });

    const data = join(env.XDG_DATA_HOME, 'nexudus-import', 'sandbox.json');
    const stored = (JSON.parse(readFileSync(data, 'utf8')) as { contacts: ContractContactRecord[] })
      .contacts;
    const counts = countByName(stored);
    for (let i = 1; i <= rows; i += 1) expect(counts.get(`Contact ${i}`), `Contact ${i}`).toBe(1);
    expect(existsSync(`${data}.lock`)).toBe(false);
  }, 120_000);
});
