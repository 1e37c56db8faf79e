import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Sandbox, SandboxStats } from '../../src/sandbox/index.js';

/** The real command line, as a user runs it (needs `npm run build`). */
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nexudus-import.js');

/**
 * Runs the real CLI as a child process. With `killAfterMs`, SIGKILLs it that long after the
 * sandbox saw its first write of the kind `counted` counts (so the kill lands in the middle of
 * the writes, not in start-up).
 */
export function runKillable(
  args: readonly string[],
  cwd: string,
  env: Record<string, string>,
  kill?: {
    readonly sandbox: Sandbox;
    readonly afterMs: number;
    readonly counted: (stats: SandboxStats) => number;
  },
): Promise<{ code: number | null; killed: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const before = kill ? kill.counted(kill.sandbox.stats()) : 0;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    let killed = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = kill
      ? setInterval(() => {
          if (kill.counted(kill.sandbox.stats()) <= before) return;
          clearInterval(poll);
          timer = setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, kill.afterMs);
        }, 5)
      : undefined;
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ code, killed, stdout });
    });
  });
}
