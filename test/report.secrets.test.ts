import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { rememberSecret, scrubText } from '../src/secrets.js';
import { readReport, runCli, tempDir } from './helpers/run.js';
import { loginToSandbox, sandboxPerTest } from './helpers/sandbox.js';
import { verboseSampleImport } from './helpers/secrets.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

/** Logs in to the sandbox as a user would, for a token of our own. */
function login(): Promise<{ access_token: string; refresh_token: string }> {
  return loginToSandbox(sandbox);
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

describe('a server whose error messages echo the Authorization header', () => {
  /** The sample imported into a sandbox that refuses every write, echoing the request's header. */
  async function echoed(env: (s: Sandbox) => Promise<Record<string, string>>) {
    const echoing = await startSandbox({
      port: 0,
      writesPerMinute: 6000,
      faults: { rate: 1, seed: 1, kinds: ['echo-authorization'] },
    });
    try {
      const run = await verboseSampleImport(echoing, cwd, await env(echoing));
      return { ...run, echoing };
    } finally {
      await echoing.close();
    }
  }

  it('keeps a given NEXUDUS_TOKEN out of errors.csv, errors.xlsx, the journal and everything else', async () => {
    let token = '';
    const { code, everything, echoing } = await echoed(async (s) => {
      const reply = await fetch(`${s.url}/api/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          username: s.username,
          password: s.password,
        }),
      });
      token = ((await reply.json()) as { access_token: string }).access_token;
      return { NEXUDUS_TOKEN: token };
    });
    expect(code).toBe(1);
    expect(echoing.stats().faults['echo-authorization']).toBeGreaterThan(0);
    expect(token.length).toBeGreaterThan(20);
    expect(everything).not.toContain(token);
    const errors = readReport(join(cwd, 'r', 'errors.csv'));
    expect(errors.map((e) => e.Errors)).toContain(
      'FullName: could not be checked for the session [redacted] (Authorization: Bearer [redacted])',
    );
    expect(readFileSync(join(cwd, 'r', 'journal.ndjson'), 'utf8')).toContain(
      'the session [redacted] (Authorization: Bearer [redacted])',
    );
  });

  it('keeps the password and the token a login returned out of everything', async () => {
    const { code, everything } = await echoed(async (s) => ({
      NEXUDUS_USERNAME: s.username,
      NEXUDUS_PASSWORD: s.password,
    }));
    expect(code).toBe(1);
    expect(everything).not.toContain(sandbox.password);
    // the token this run was issued: every place it was echoed reads [redacted]
    expect(everything).toContain('the session [redacted] (Authorization: Bearer [redacted])');
    expect(everything).not.toMatch(/session (?!\[redacted\])/);
    expect(everything).not.toMatch(/Bearer\s+(?!\[redacted\])[\w-]{8}/);
  });
});

describe('--base-url with credentials in it', () => {
  it('is refused with one sentence, before anything is written or sent, never repeating the password', async () => {
    const { writeContactsCsv } = await import('./helpers/rows.js');
    writeContactsCsv(cwd, 2);
    const requests = sandbox.stats().requests;
    const url = sandbox.url.replace('http://', 'http://someone:Pa55-w0rd-secret@');
    const run = await runCli(['import', 'contacts.csv', '--base-url', url, '--out', 'r'], {
      cwd,
      env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password },
    });
    expect(run.code).toBe(2);
    expect(
      run.stderr.split('\n').filter((l) => l && !l.startsWith(' ') && !l.startsWith('Reading')),
    ).toEqual([
      `--base-url ${sandbox.url} must not hold a user name or password: give the address alone, and the credentials in NEXUDUS_USERNAME and NEXUDUS_PASSWORD (or NEXUDUS_TOKEN).`,
    ]);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('Pa55-w0rd-secret');
    expect(sandbox.stats().requests).toBe(requests);
    expect(readdirSync(cwd)).toEqual(['contacts.csv']); // no results folder
  });
});

describe('scrubText', () => {
  it('removes a remembered secret in every form it takes: as is, in JSON, in a URL or form', () => {
    const secret = 'p@ss "qz9"/&+ü-42';
    rememberSecret(secret);
    for (const text of [
      `x ${secret} y`,
      JSON.stringify({ password: secret }),
      `https://h/?p=${encodeURIComponent(secret)}`,
      new URLSearchParams({ password: secret }).toString(),
    ]) {
      expect(scrubText(text), text).toContain('[redacted]');
      expect(scrubText(text), text).not.toContain('qz9');
    }
    // and every message of the tool, wherever it is printed
    expect(new ImportError('usage', `refused ${secret}`).message).toBe('refused [redacted]');
  });

  it('removes any bearer token, and leaves prose and short words alone', () => {
    expect(scrubText('Authorization: Bearer abc.DEF-123_xyz')).toBe(
      'Authorization: Bearer [redacted]',
    );
    rememberSecret('abc'); // too short to tell from words: not remembered
    for (const text of ['bearer instruments', 'Basic membership', 'abc', 'row 123456']) {
      expect(scrubText(text)).toBe(text);
    }
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
