import { PassThrough } from 'node:stream';
import got from 'got';
import { describe, expect, it } from 'vitest';
import { runSandbox, type SandboxCommandOptions } from '../src/commands/sandbox.js';

const BASE: SandboxCommandOptions = {
  port: 0,
  writesPerMinute: 60,
  limits: true,
  latency: 0,
  faultRate: 0,
  faultSeed: 1,
  quiet: true,
};

/** Runs the `sandbox` command until `use` is done, then stops it as Ctrl-C would. */
async function withCommand(
  options: Partial<SandboxCommandOptions>,
  use: (url: string, authorization: string) => Promise<void>,
): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const stop = new AbortController();
  const running = runSandbox(
    { ...BASE, ...options },
    { cwd: process.cwd(), env: {}, stdout, stderr: new PassThrough(), signal: stop.signal },
  );
  while (!out.includes('NEXUDUS_PASSWORD=')) await new Promise((r) => setTimeout(r, 5));
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0] ?? '';
  const username = /username: (\S+)/.exec(out)?.[1] ?? '';
  const password = /password: (\S+)/.exec(out)?.[1] ?? '';
  try {
    await use(url, `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`);
  } finally {
    stop.abort();
  }
  expect(await running).toBe(0);
  return out;
}

describe('nexudus-import sandbox: account size, roles and PUT switches', () => {
  it('passes them to the sandbox, says so, and tallies updates and deletes at the end', async () => {
    const out = await withCommand(
      { contacts: 40, contactsSeed: 3, editRole: false, putKeepsOmitted: true },
      async (url, authorization) => {
        const client = got.extend({
          prefixUrl: `${url}/api/billing/`,
          headers: { authorization },
          throwHttpErrors: false,
          retry: { limit: 0 },
        });
        const page = await client('contractcontacts?size=1000').json<{ TotalItems: number }>();
        expect(page.TotalItems).toBe(42);
        const put = await client.put('contractcontacts', {
          json: {
            Id: 87650001,
            CoworkerContractId: 7101,
            FullName: 'X',
            ContractContactType: 1,
            AmlCheckStatus: 2,
          },
        });
        expect(put.statusCode).toBe(401);
        expect((await client.delete('contractcontacts/87650042')).statusCode).toBe(200);
      },
    );
    expect(out).toContain('records:  42 contacts, in memory');
    expect(out).toContain('roles:    without ContractContact-Edit (refused with 401)');
    expect(out).toContain('updates:  a field a PUT leaves out is kept');
    expect(out).toMatch(
      /0 contacts created, 0 updated, 1 deleted, 0 throttled \(409\), 1 refused \(401\)/,
    );
  });

  it('by default: the two contacts, every role, omitted fields cleared', async () => {
    const out = await withCommand({}, async () => {});
    expect(out).toContain('records:  2 contacts, in memory');
    expect(out).toContain('roles:    ContractContact-Create, -Edit, -Delete');
    expect(out).toContain('updates:  a field a PUT leaves out is cleared');
  });
});
