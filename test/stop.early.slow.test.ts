import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { failingProxy, type FailingProxy } from './helpers/failingProxy.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
let proxy: FailingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await sandbox?.close();
  proxy = undefined;
  sandbox = undefined;
});

// The sandbox's account, known before it is started (for a server that is not there yet).
const env = { NEXUDUS_USERNAME: 'admin@sandbox.test', NEXUDUS_PASSWORD: 'sandbox-password' };
const fast = ['--writes-per-minute', '60000'];

/** The command the summary's last line gives, as arguments (it is printed ready to paste). */
function nextCommand(stdout: string): string[] {
  const line = stdout.trim().split('\n').at(-1)?.trim() ?? '';
  expect(line).toMatch(/^npx nexudus-import import --resume \S+$/);
  return line.split(' ').slice(2);
}

function reconciles(summary: Summary): boolean {
  const c = summary.counts;
  return c.rows === c.created + c.existing + c.failed + c.blank + c.notAttempted;
}

function everyRowOnce(store: Sandbox, rows: number): void {
  const names = countByName(
    store.contacts().filter((c) => String(c.FullName).startsWith('Contact ')),
  );
  expect(names.size).toBe(rows);
  expect([...names.values()].filter((n) => n !== 1)).toEqual([]);
}

/** A port on 127.0.0.1 that nothing listens on (free a moment ago). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('a stop with exit 3 before the upload', () => {
  it('the countries list failing: names the folder and the resume command, leaves summary.json; the resume completes', async () => {
    sandbox = await startSandbox({ port: 0, writesPerMinute: false });
    proxy = await failingProxy(sandbox.url, /^\/api\/sys\/countries/);
    const cwd = tempDir();
    const rows = 20;
    const file = writeContactsCsv(cwd, rows);
    const stopped = await runCli(['import', file, '--base-url', proxy.url, '--out', 'r', ...fast], {
      cwd,
      env,
    });
    expect(stopped.code).toBe(3);
    // the reason first, on stdout with the summary
    expect(stopped.stdout.split('\n')[0]).toContain(
      'Nexudus kept failing (HTTP 500 on sys/countries)',
    );
    expect(stopped.stdout).toContain('Reports in r\n');
    const summary = readSummary(join(cwd, 'r'));
    expect(summary).toMatchObject({ exitCode: 3, stoppedAt: 'login', writesUsed: 0 });
    expect(reconciles(summary)).toBe(true);
    expect(sandbox.stats().writes).toBe(0);

    proxy.failing = undefined;
    const resumed = await runCli(nextCommand(stopped.stdout), { cwd, env });
    expect(resumed.code).toBe(0);
    expect(readSummary(join(cwd, 'r')).counts).toMatchObject({
      rows,
      created: rows,
      notAttempted: 0,
    });
    everyRowOnce(sandbox, rows);
  }, 60_000);

  it('the server unreachable at login: the same, and the resume completes once it is back', async () => {
    const port = await freePort();
    const cwd = tempDir();
    const rows = 15;
    const file = writeContactsCsv(cwd, rows);
    const url = `http://127.0.0.1:${port}`;
    const stopped = await runCli(['import', file, '--base-url', url, '--out', 'r', ...fast], {
      cwd,
      env,
    });
    expect(stopped.code).toBe(3);
    expect(stopped.stdout).toMatch(new RegExp(`^Cannot reach Nexudus at ${url} `));
    expect(stopped.stdout).toContain('Reports in r\n');
    expect(readSummary(join(cwd, 'r'))).toMatchObject({ exitCode: 3, stoppedAt: 'login' });

    sandbox = await startSandbox({ port, writesPerMinute: false });
    const resumed = await runCli(nextCommand(stopped.stdout), { cwd, env });
    expect(resumed.code).toBe(0);
    everyRowOnce(sandbox, rows);
  }, 60_000);
});
