import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { runCli, tempDir } from './helpers/run.js';

const SAMPLE = join(import.meta.dirname, '..', 'samples', 'contract-contacts.csv');

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
        '--verbose',
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(run.code).toBe(1);
    const dir = join(cwd, 'r');
    const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1'));
    const everything = [...files, run.stdout, run.stderr].join('\n');
    expect(everything).toMatch(/retry|retries|ambiguous|reset/i); // the faults did happen
    expect(everything).not.toContain(sandbox.password);
    expect(everything).not.toMatch(/Bearer\s+[\w-]{8}/);
  });
});
