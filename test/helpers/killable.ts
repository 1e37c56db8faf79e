import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Sandbox, SandboxStats } from '../../src/sandbox/index.js';
import { childEnv } from './run.js';

/** The real command line, as a user runs it (needs `npm run build`). */
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nexudus-import.js');

/**
 * Runs the real CLI as a child process. With `sandbox` and `killAfterMs`, SIGKILLs it that long
 * after the sandbox saw its first write of the kind `counted` counts (default: any write), so the
 * kill lands in the middle of the writes, not in start-up.
 */
export function runKillable(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  sandbox?: Sandbox,
  killAfterMs?: number,
  counted: (stats: SandboxStats) => number = (stats) => stats.writes,
): Promise<{ code: number | null; killed: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const before = sandbox ? counted(sandbox.stats()) : 0;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env) });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const poll =
      sandbox && killAfterMs !== undefined
        ? setInterval(() => {
            if (counted(sandbox.stats()) <= before) return;
            clearInterval(poll);
            timer = setTimeout(() => {
              killed = child.kill('SIGKILL');
            }, killAfterMs);
          }, 5)
        : undefined;
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, killed, stdout });
    });
  });
}
