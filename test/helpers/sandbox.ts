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

/** Logs in to the sandbox as a user would (POST /api/token): its tokens. */
export async function loginToSandbox(
  sandbox: Sandbox,
): Promise<{ access_token: string; refresh_token: string }> {
  const reply = await fetch(`${sandbox.url}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: sandbox.username,
      password: sandbox.password,
    }),
  });
  if (reply.status !== 200) throw new Error(`the sandbox refused its own login: ${reply.status}`);
  return (await reply.json()) as { access_token: string; refresh_token: string };
}
