import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { type Sandbox } from '../src/sandbox/index.js';
import { tempDir } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';
import { verboseSampleImport } from './helpers/secrets.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

/** Logs in to the sandbox as a user would, for a token of our own. */
async function login(): Promise<{ access_token: string; refresh_token: string }> {
  const reply = await fetch(`${sandbox.url}/api/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: sandbox.username,
      password: sandbox.password,
    }),
  });
  expect(reply.status).toBe(200);
  return (await reply.json()) as { access_token: string; refresh_token: string };
}

describe('no password or token reaches the results folder or the terminal', () => {
  it('with a username and password, logging verbosely', async () => {
    const { code, everything } = await verboseSampleImport(sandbox, cwd, {
      NEXUDUS_USERNAME: sandbox.username,
      NEXUDUS_PASSWORD: sandbox.password,
    });
    expect(code).toBe(1);
    expect(everything).toContain('run finished'); // the log is really there
    expect(everything).not.toContain(sandbox.password);
    // the token the run got: whatever the sandbox issued is never written down
    expect(everything).not.toMatch(/Bearer\s+[A-Za-z0-9]/);
  });

  it('with NEXUDUS_TOKEN', async () => {
    const { access_token, refresh_token } = await login();
    const { code, everything } = await verboseSampleImport(sandbox, cwd, {
      NEXUDUS_TOKEN: access_token,
    });
    expect(code).toBe(1);
    expect(everything).toContain('run finished');
    expect(everything).not.toContain(access_token);
    expect(everything).not.toContain(refresh_token);
  });
});

describe('the log redacts', () => {
  it('passwords, tokens and authorization headers, however deep', () => {
    const dir = tempDir();
    const file = join(dir, 'import.log');
    const logger = createLogger({ file, verbose: false });
    const secret = 'S3CRET-value';
    logger.info({ password: secret, token: secret, authorization: `Bearer ${secret}` }, 'top');
    logger.info({ body: { password: secret, access_token: secret, refresh_token: secret } }, 'one');
    logger.info({ req: { headers: { authorization: `Bearer ${secret}` } } }, 'two');
    logger.info({ err: { options: { headers: { authorization: `Bearer ${secret}` } } } }, 'three');
    logger.warn({ body: `grant_type=password&username=u&password=${secret}` }, 'form');
    logger.error(`request failed with Authorization: Bearer ${secret}`);
    const log = readFileSync(file, 'utf8');
    expect(log.trim().split('\n')).toHaveLength(6);
    expect(log).toContain('grant_type=password&username=u&password=[redacted]');
    expect(log).not.toContain(secret);
  });
});

describe('the log on a terminal', () => {
  it('is one readable line per entry, secrets scrubbed', async () => {
    const { prettyLine, scrubSecrets } = await import('../src/log.js');
    const line = scrubSecrets(
      JSON.stringify({
        level: 30,
        time: Date.UTC(2026, 10, 30, 12, 0, 1),
        msg: 'logged in',
        note: 'Bearer abc.def',
      }),
    );
    const pretty = prettyLine(`${line}\n`);
    expect(pretty).toMatch(/^\d\d:\d\d:\d\d INFO {2}logged in note=Bearer \[redacted\]\n$/);
    expect(prettyLine('not json\n')).toBe('not json\n');
  });
});
