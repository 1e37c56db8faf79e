import { afterEach, beforeEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';
import { tempDir } from './run.js';

/**
 * Starts a sandbox (on a free port) and a fresh working folder before each test of the file,
 * hands both to `started`, and closes the sandbox after the test.
 */
export function sandboxPerTest(
  options: SandboxOptions,
  started: (sandbox: Sandbox, cwd: string) => void,
): void {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, ...options });
    started(sandbox, tempDir());
  });
  afterEach(async () => {
    await sandbox?.close();
  });
}
