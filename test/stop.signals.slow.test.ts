import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox/index.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { childEnv, readSummary, tempDir } from './helpers/run.js';

/** The real bin, as `npx nexudus-import` runs it (`npm run build` first). */
const BIN = join(import.meta.dirname, '..', 'bin', 'nexudus-import.js');
/** The bound from a signal to the exit: generous, not a benchmark. */
const PROMPT_MS = 2_000;

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const env = { NEXUDUS_USERNAME: 'admin@sandbox.test', NEXUDUS_PASSWORD: 'sandbox-password' };

interface Exit {
  readonly code: number | null;
  /** stdout and stderr as written, in one file: what a terminal shows, in its order. */
  readonly output: string;
  /** From each signal sent to the exit, in ms. */
  readonly sinceSignals: number[];
  /** Requests the sandbox received after the first signal. */
  readonly requestsAfterSignal: number;
  /** Requests it received more than a second after it: the "no new requests". */
  readonly requestsAfterOneSecond: number;
}

/**
 * Runs the real CLI as a child and sends it `signals` in turn: the first when `when()` is true
 * (polled every 5 ms), each next one `gapMs` after the one before.
 */
async function runAndSignal(
  args: string[],
  cwd: string,
  signals: NodeJS.Signals[],
  when: () => boolean,
  gapMs = 300,
): Promise<Exit> {
  const outPath = join(cwd, `output-${Date.now()}.txt`);
  const out = openSync(outPath, 'w');
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: childEnv(env),
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const sentAt: number[] = [];
  let requestsAtSignal = 0;
  let requestsOneSecondLater: number | undefined;
  const send = (signal: NodeJS.Signals) => {
    sentAt.push(Date.now());
    child.kill(signal);
  };
  const poll = setInterval(() => {
    if (!when()) return;
    clearInterval(poll);
    requestsAtSignal = sandbox?.stats().requests ?? 0;
    setTimeout(() => (requestsOneSecondLater ??= sandbox?.stats().requests), 1000);
    signals.forEach((signal, i) => setTimeout(() => send(signal), i * gapMs));
  }, 5);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const exitedAt = Date.now();
  clearInterval(poll);
  const requestsAtExit = sandbox?.stats().requests ?? 0;
  requestsOneSecondLater ??= requestsAtExit;
  return {
    code,
    output: readFileSync(outPath, 'utf8'),
    sinceSignals: sentAt.map((at) => exitedAt - at),
    requestsAfterSignal: requestsAtExit - requestsAtSignal,
    requestsAfterOneSecond: requestsAtExit - requestsOneSecondLater,
  };
}

function run(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env) });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The resume command the summary ends with, as arguments for the bin. */
function resumeCommand(output: string): string[] {
  const line = /^ {2}(npx nexudus-import import --resume \S+)$/m.exec(output)?.[1];
  expect(line).toBeDefined();
  return (line ?? '').split(' ').slice(2);
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

/** The stop explained in order: the reason, then the folder, then the resume command. */
function expectExplained(output: string, reason: RegExp): void {
  const reasonAt = output.search(reason);
  const folderAt = output.indexOf('Reports in r\n');
  const commandAt = output.indexOf('npx nexudus-import import --resume r');
  expect(reasonAt).toBeGreaterThanOrEqual(0);
  expect(folderAt).toBeGreaterThan(reasonAt);
  expect(commandAt).toBeGreaterThan(folderAt);
  expect(output).not.toMatch(/\n\s+at /); // no stack trace
}

const unpaced: SandboxOptions = { port: 0, writesPerMinute: false, requestsPerMinute: false };
const fast = ['--writes-per-minute', '6000'];
const getsSoFar = () => Object.values(sandbox?.stats().gets ?? {}).reduce((a, b) => a + b, 0);

describe.each(['SIGINT', 'SIGTERM'] as const)('%s', (signal) => {
  const by = signal === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';

  it(`during a slow preflight: exit 130 within 2 s, no request after it, reports written, and the printed resume ends with every row once`, async () => {
    // One contract per row and slow replies: reading each contract's contacts takes seconds.
    // The account holds more pages of contacts (31) than the file has contracts (30), so
    // preflight reads one list per contract, not the account whole.
    sandbox = await startSandbox({
      ...unpaced,
      latencyMs: 250,
      extraContracts: 30,
      extraContacts: 31_000,
    });
    const cwd = tempDir();
    const rows = 30;
    const lines = ['CoworkerContractId,FullName,ContractContactType,AmlCheckStatus'];
    for (let i = 1; i <= rows; i += 1) lines.push(`${8000 + i},Contact ${i},Director,Pending`);
    const file = join(cwd, 'contacts.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);

    const stopped = await runAndSignal(
      ['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast],
      cwd,
      [signal],
      () => getsSoFar() >= 5, // the countries, the contracts, a first page, the first lists
    );
    expect(stopped.code).toBe(130);
    expect(stopped.sinceSignals[0]).toBeLessThan(PROMPT_MS);
    // at most the requests leaving as it came (--concurrency 2), and none a second after it
    expect(stopped.requestsAfterSignal).toBeLessThanOrEqual(2);
    expect(stopped.requestsAfterOneSecond).toBe(0);
    expectExplained(
      stopped.output,
      new RegExp(
        `^Stopped by ${by} while reading the contracts and contacts already in Nexudus`,
        'm',
      ),
    );
    expect(stopped.output).toMatch(new RegExp(`^Stopping \\(${by}\\): nothing new is sent`, 'm'));
    const summary = readSummary(join(cwd, 'r'));
    expect(summary).toMatchObject({ exitCode: 130, stoppedAt: 'preflight', writesUsed: 0 });
    expect(summary.counts).toMatchObject({ rows, created: 0, notAttempted: rows });
    expect(sandbox.stats().writes).toBe(0);

    const resumed = await run(resumeCommand(stopped.output), cwd);
    expect(resumed.code).toBe(0);
    const done = readSummary(join(cwd, 'r'));
    expect(done.counts).toMatchObject({ rows, created: rows, notAttempted: 0 });
    expect(reconciles(done)).toBe(true);
    everyRowOnce(sandbox, rows);
  }, 90_000);

  it(`during the upload: exit 130 within 2 s, every write accounted for, and the printed resume ends with every row once`, async () => {
    sandbox = await startSandbox({ ...unpaced, latencyMs: 100 });
    const cwd = tempDir();
    const rows = 60;
    const file = writeContactsCsv(cwd, rows);
    const stopped = await runAndSignal(
      ['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast],
      cwd,
      [signal],
      () => (sandbox?.stats().writes ?? 0) >= 5,
    );
    expect(stopped.code).toBe(130);
    expect(stopped.sinceSignals[0]).toBeLessThan(PROMPT_MS);
    expect(stopped.requestsAfterSignal).toBeLessThanOrEqual(2);
    expect(stopped.requestsAfterOneSecond).toBe(0);
    expectExplained(stopped.output, new RegExp(`^Stopped by ${by} while uploading`, 'm'));
    const summary = readSummary(join(cwd, 'r'));
    expect(summary).toMatchObject({ exitCode: 130, stoppedAt: 'uploading', unanswered: 0 });
    expect(reconciles(summary)).toBe(true);
    expect(summary.counts.notAttempted).toBeGreaterThan(0);
    // every record the sandbox made is in the reports
    expect(summary.counts.created).toBe(sandbox.stats().creates);
    expect(summary.writesUsed).toBe(sandbox.stats().writes);

    const resumed = await run(resumeCommand(stopped.output), cwd);
    expect(resumed.code).toBe(0);
    const done = readSummary(join(cwd, 'r'));
    expect(done.counts).toMatchObject({ rows, created: rows, notAttempted: 0 });
    everyRowOnce(sandbox, rows);
  }, 90_000);
});

describe('writes that are not answered when the stop comes', () => {
  /** Every write is stored at once and answered only after a minute. */
  const slowWrites = (dataFile: string): SandboxOptions => ({
    ...unpaced,
    dataFile,
    faults: { rate: 1, seed: 1, kinds: ['slow-after-create'], slowMs: 60_000 },
  });

  it('get 10 s, then are abandoned: exit 130, journaled as unanswered, and the resume finds them instead of sending them again', async () => {
    const cwd = tempDir();
    const dataFile = join(cwd, 'store.json');
    sandbox = await startSandbox(slowWrites(dataFile));
    const port = Number(new URL(sandbox.url).port);
    const rows = 10;
    const file = writeContactsCsv(cwd, rows);
    const stopped = await runAndSignal(
      ['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast],
      cwd,
      ['SIGTERM'],
      () => (sandbox?.stats().writes ?? 0) >= 2, // both in flight (--concurrency 2)
    );
    expect(stopped.code).toBe(130);
    // the 10 s the issue gives requests in flight, then the reports: not much more
    expect(stopped.sinceSignals[0]).toBeGreaterThan(9_500);
    expect(stopped.sinceSignals[0]).toBeLessThan(10_000 + PROMPT_MS);
    expect(stopped.output).toContain('2 rows were sent but not answered in time');
    const summary = readSummary(join(cwd, 'r'));
    expect(summary).toMatchObject({ exitCode: 130, unanswered: 2, writesUsed: 2 });
    expect(summary.counts).toMatchObject({ rows, created: 0, notAttempted: rows });

    // The same server, answering at once now, on the same port: the printed command verbatim.
    await sandbox.close();
    sandbox = await startSandbox({ ...unpaced, port, dataFile });
    const resumed = await run(resumeCommand(stopped.output), cwd);
    expect(resumed.code).toBe(0);
    expect(sandbox.stats().creates).toBe(rows - 2); // the two were found, not sent again
    expect(readSummary(join(cwd, 'r')).counts).toMatchObject({ rows, created: rows });
    everyRowOnce(sandbox, rows);
  }, 90_000);

  it('a second Ctrl-C stops the waiting: exit 130 within 2 s of it, reports written, nothing lost', async () => {
    const cwd = tempDir();
    const dataFile = join(cwd, 'store.json');
    sandbox = await startSandbox(slowWrites(dataFile));
    const port = Number(new URL(sandbox.url).port);
    const rows = 10;
    const file = writeContactsCsv(cwd, rows);
    const stopped = await runAndSignal(
      ['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast],
      cwd,
      ['SIGINT', 'SIGINT'],
      () => (sandbox?.stats().writes ?? 0) >= 2,
      500,
    );
    expect(stopped.code).toBe(130);
    expect(stopped.sinceSignals[1]).toBeLessThan(PROMPT_MS);
    expect(stopped.output).toMatch(/^Not waiting any longer \(Ctrl-C again\)/m);
    expectExplained(stopped.output, /^Stopped by Ctrl-C while uploading/m);
    expect(readSummary(join(cwd, 'r'))).toMatchObject({ exitCode: 130, unanswered: 2 });

    await sandbox.close();
    sandbox = await startSandbox({ ...unpaced, port, dataFile });
    const resumed = await run(resumeCommand(stopped.output), cwd);
    expect(resumed.code).toBe(0);
    expect(sandbox.stats().creates).toBe(rows - 2);
    everyRowOnce(sandbox, rows);
  }, 90_000);
});
