import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import got from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { childEnv, readSummary, tempDir } from './helpers/run.js';

/** The real bin, as `npx nexudus-import` runs it (dist/ is built by `npm test` first). */
const BIN = join(import.meta.dirname, '..', 'bin', 'nexudus-import.js');
const SAMPLE = join(import.meta.dirname, '..', 'samples', 'contract-contacts.csv');

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    // --sandbox keeps its records in the user's data folder: a fresh one per run, never the real.
    const data = {
      XDG_DATA_HOME: tempDir('nexudus-data-'),
      LOCALAPPDATA: tempDir('nexudus-data-'),
    };
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: childEnv({ ...data, ...env }),
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `nexudus-import sandbox` and reads its URL and credentials from what it prints. */
async function sandboxProcess(args: string[] = []) {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', ...args]);
  children.push(child);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (/NEXUDUS_PASSWORD=\S+/.test(out) && /http:\/\/127\.0\.0\.1:\d+/.test(out)) resolve();
    });
    child.on('exit', () => reject(new Error(`sandbox exited: ${out}`)));
  });
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0] ?? '';
  const username = /NEXUDUS_USERNAME=(\S+)/.exec(out)?.[1] ?? '';
  const password = /NEXUDUS_PASSWORD=(\S+)/.exec(out)?.[1] ?? '';
  return { child, url, username, password };
}

const valid = {
  CoworkerContractId: 7103,
  FullName: 'Ada Lovelace',
  ContractContactType: 1,
  AmlCheckStatus: 0,
};

describe('nexudus-import sandbox, as a separate process', () => {
  it('serves token, Bearer and 401, the seed validation, and throttles the 61st write', async () => {
    const { child, url, username, password } = await sandboxProcess();
    const api = got.extend({
      prefixUrl: `${url}/api/`,
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    const token = await api
      .post('token', { form: { grant_type: 'password', username, password } })
      .json<{ access_token: string }>();
    const auth = { authorization: `Bearer ${token.access_token}` };

    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 61; i += 1) {
      const reply = await api.post('billing/contractcontacts', {
        headers: auth,
        json: { ...valid, FullName: `Contact ${i}` },
      });
      statuses.push(reply.statusCode);
      if (i === 0)
        expect((JSON.parse(reply.body) as { Value: { Id: number } }).Value.Id).toBeGreaterThan(0);
      retryAfter = reply.headers['retry-after'];
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(409);
    expect(retryAfter).toBe('1');

    // a fresh sandbox for the rest: this one's write budget is spent for a minute
    const other = await sandboxProcess();
    const api2 = got.extend({
      prefixUrl: `${other.url}/api/`,
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    const token2 = await api2
      .post('token', {
        form: { grant_type: 'password', username: other.username, password: other.password },
      })
      .json<{ access_token: string }>();
    const seed = await api2.post('billing/contractcontacts', {
      headers: { authorization: `Bearer ${token2.access_token}` },
      json: { CoworkerContractId: 0, FullName: '', ContractContactType: 0, AmlCheckStatus: 0 },
    });
    expect(seed.statusCode).toBe(400);
    const names = (JSON.parse(seed.body) as { Errors: { PropertyName: string }[] }).Errors.map(
      (e) => e.PropertyName,
    );
    expect(names).toEqual(expect.arrayContaining(['CoworkerContractId', 'FullName']));
    expect((await api2.post('billing/contractcontacts', { json: valid })).statusCode).toBe(401);
    const basic = Buffer.from(`${other.username}:${other.password}`).toString('base64');
    const created = await api2.post('billing/contractcontacts', {
      headers: { authorization: `Basic ${basic}` },
      json: valid,
    });
    expect(created.statusCode).toBe(200);

    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
  });

  it('imports into it with credentials from the environment; a wrong password exits 2 with no write', async () => {
    const { url, username, password } = await sandboxProcess(['--writes-per-minute', '6000']);
    const cwd = tempDir();
    const ok = await run(
      ['import', SAMPLE, '--base-url', url, '--out', 'r', '--writes-per-minute', '6000'],
      cwd,
      { NEXUDUS_USERNAME: username, NEXUDUS_PASSWORD: password },
    );
    expect(ok.code).toBe(1);
    expect(readSummary(join(cwd, 'r')).counts.created).toBe(7);

    const bad = await run(['import', SAMPLE, '--base-url', url, '--out', 'w'], cwd, {
      NEXUDUS_USERNAME: username,
      NEXUDUS_PASSWORD: 'not-the-password',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('runs the quick start: import of the sample with --sandbox exits 1 with reports', async () => {
    const cwd = tempDir();
    const result = await run(['import', SAMPLE, '--sandbox', '--out', 'q'], cwd);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/created\s+7/);
    const summary = readSummary(join(cwd, 'q'));
    const c = summary.counts;
    expect(c.created + c.existing + c.failed + c.blank + c.notAttempted).toBe(c.rows);
  }, 90_000);

  it('refuses --base-url http://example.com with exit 2', async () => {
    const result = await run(['import', SAMPLE, '--base-url', 'http://example.com'], tempDir(), {
      NEXUDUS_USERNAME: 'a@b.c',
      NEXUDUS_PASSWORD: 'x',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
