import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { tempDir } from './helpers/run.js';
import { verboseSampleImport } from './helpers/secrets.js';

let sandbox: Sandbox;
let cwd: string;
beforeEach(async () => {
  // Faults make the run log retries, resets and ambiguous replies: more places for a secret.
  sandbox = await startSandbox({
    port: 0,
    writesPerMinute: 6000,
    faults: { rate: 0.5, seed: 7, kinds: ['500', '503', 'reset-before', 'reset-after-create'] },
  });
  cwd = tempDir();
});
afterEach(async () => {
  await sandbox.close();
});

describe('no password or token is written, even when requests fail', () => {
  it('keeps the password and every bearer token out of the results folder and the terminal', async () => {
    const { code, everything } = await verboseSampleImport(sandbox, cwd, {
      NEXUDUS_USERNAME: sandbox.username,
      NEXUDUS_PASSWORD: sandbox.password,
    });
    expect(code).toBe(1);
    expect(everything).toMatch(/retry|retries|ambiguous|reset/i); // the faults did happen
    expect(everything).not.toContain(sandbox.password);
    expect(everything).not.toMatch(/Bearer\s+[\w-]{8}/);
  });
});
