import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import got from 'got';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox/index.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';

/**
 * Unanswered writes against the sandbox, with a 1 s request timeout (so a grace of 2 s): each
 * write the tests care about is scripted (reset, stored late, answered late), the rest are normal.
 */
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

async function start(options: SandboxOptions): Promise<Sandbox> {
  sandbox = await startSandbox({
    port: 0,
    writesPerMinute: false,
    requestsPerMinute: false,
    ...options,
  });
  return sandbox;
}

const HEADER = 'CoworkerContractId,FullName,ContractContactType,AmlCheckStatus';

function csv(cwd: string, lines: readonly string[]): string {
  const file = join(cwd, 'contacts.csv');
  writeFileSync(file, `${[HEADER, ...lines].join('\r\n')}\r\n`);
  return file;
}

function env(s: Sandbox) {
  return { NEXUDUS_USERNAME: s.username, NEXUDUS_PASSWORD: s.password };
}

function args(s: Sandbox, file: string, out: string, ...more: string[]): string[] {
  const pace = ['--writes-per-minute', '6000', '--request-timeout', '1'];
  return ['import', file, '--base-url', s.url, '--out', out, ...pace, ...more];
}

/** A contact made straight through the API, as if by someone else before the import. */
async function createDirectly(s: Sandbox, contract: number, name: string): Promise<number> {
  const reply = await got
    .post(`${s.url}/api/billing/contractcontacts`, {
      json: {
        CoworkerContractId: contract,
        FullName: name,
        ContractContactType: 1,
        AmlCheckStatus: 0,
      },
      headers: {
        authorization: `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}`,
      },
      retry: { limit: 0 },
    })
    .json<{ Value: { Id: number } }>();
  return reply.Value.Id;
}

/** Waits until a write stored `ms` after the first write arrived has had time to be stored. */
async function afterStored(s: Sandbox, ms: number): Promise<void> {
  const first = s.stats().writeTimes[0] ?? Date.now();
  const wait = first + ms + 300 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

function named(s: Sandbox, name: string) {
  return s.contacts().filter((c) => c.FullName === name);
}

describe('--allow-duplicates and a reset', () => {
  it('never reports an older contact of the same name as created; each row gets one new record', async () => {
    const s = await start({
      // the direct create, then the four rows' first writes in file order (--concurrency 1)
      writeScript: [
        'normal',
        'reset-before',
        'reset-after-create',
        'reset-before',
        'reset-after-create',
      ],
    });
    const cwd = tempDir();
    // Olivia Bennett (Director, 7101) is in the account since 2025; Ann Recent was made a moment
    // before the run, so only the contract's Ids recorded before the first create rule her out.
    const olivia = 87650001;
    const recent = await createDirectly(s, 7102, 'Ann Recent');
    const file = csv(cwd, [
      '7101,Olivia Bennett,Director,Pending',
      '7102,Ann Recent,Director,Pending',
      '7101,Olivia Bennett,Director,Pending',
      '7102,Ann Recent,Director,Pending',
    ]);
    const before = s.contacts().map((c) => c.Id);

    const run = await runCli(args(s, file, 'dup', '--allow-duplicates', '--concurrency', '1'), {
      cwd,
      env: env(s),
    });

    expect(run.code).toBe(0);
    expect(s.stats().faults).toMatchObject({ 'reset-before': 2, 'reset-after-create': 2 });
    const created = readReport(join(cwd, 'dup', 'created.csv'));
    const ids = created.map((r) => Number(r.Id));
    expect(created.map((r) => r.Result)).toEqual(['created', 'created', 'created', 'created']);
    expect(ids).not.toContain(olivia);
    expect(ids).not.toContain(recent);
    expect(ids.some((id) => before.includes(id))).toBe(false);
    expect(new Set(ids).size).toBe(4);
    // exactly one new record per row, and each reported Id is one of them
    const newOlivias = named(s, 'Olivia Bennett').filter((c) => c.Id !== olivia);
    const newAnns = named(s, 'Ann Recent').filter((c) => c.Id !== recent);
    expect(newOlivias).toHaveLength(2);
    expect(newAnns).toHaveLength(2);
    expect(new Set(ids)).toEqual(new Set([...newOlivias, ...newAnns].map((c) => c.Id)));
    const summary = readSummary(join(cwd, 'dup'));
    expect(summary.counts).toMatchObject({ rows: 4, created: 4, failed: 0, notAttempted: 0 });
    // besides the direct create: one record per row; a create request for each row, and one
    // more for each that was reset before it was stored
    expect(s.stats().creates).toBe(1 + 4);
    expect(s.stats().writes + s.stats().faults['reset-before']).toBe(1 + 4 + 2);
  });

  it('a row whose reply is still on its way is not taken by another row of the same name', async () => {
    // Two identical rows in flight together: one is reset before it is stored, the other's record
    // is stored at once but its reply comes late. The reset row must not take that record.
    const s = await start({ writeScript: ['reset-before', { replyAfterMs: 700 }] });
    const cwd = tempDir();
    const file = csv(cwd, ['7103,Twin Name,Director,Pending', '7103,Twin Name,Director,Pending']);

    const run = await runCli(args(s, file, 'twins', '--allow-duplicates', '--concurrency', '2'), {
      cwd,
      env: env(s),
    });

    expect(run.code).toBe(0);
    const ids = readReport(join(cwd, 'twins', 'created.csv')).map((r) => Number(r.Id));
    const stored = named(s, 'Twin Name').map((c) => c.Id);
    expect(stored).toHaveLength(2);
    expect(new Set(ids)).toEqual(new Set(stored));
  });
});

describe('a folder of an earlier version', () => {
  it('has no Ids recorded: an old contact of the same name is still never taken, by its CreatedOn', async () => {
    const s = await start({ writeScript: ['reset-before'] });
    const cwd = tempDir();
    const file = csv(cwd, ['7101,Olivia Bennett,Director,Pending']); // 87650001 has the name
    const stop = new AbortController();
    const watch = setInterval(() => {
      if (s.stats().faults['reset-before'] === 0) return;
      clearInterval(watch);
      setTimeout(() => stop.abort(), 1300); // while the row waits out its grace
    }, 10);
    const first = await runCli(args(s, file, 'old', '--allow-duplicates'), {
      cwd,
      env: env(s),
      signal: stop.signal,
    });
    expect(first.code).toBe(130);
    // As an earlier version wrote them: no `contacts` lines, no contract on `sending`, no start.
    const journal = join(cwd, 'old', 'journal.ndjson');
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    const older = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.event !== 'contacts')
      .map(({ contractId: _contractId, ...entry }) => JSON.stringify(entry));
    expect(older.length).toBeLessThan(lines.length);
    writeFileSync(journal, `${older.join('\n')}\n`);
    const runJson = join(cwd, 'old', 'run.json');
    const { started: _started, ...record } = JSON.parse(readFileSync(runJson, 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(runJson, JSON.stringify(record));

    const resumed = await runCli(['import', '--resume', 'old'], { cwd, env: env(s) });

    expect(resumed.code).toBe(0);
    const ids = readReport(join(cwd, 'old', 'created.csv')).map((r) => Number(r.Id));
    expect(ids).toHaveLength(1);
    expect(ids).not.toContain(87650001);
    expect(named(s, 'Olivia Bennett').map((c) => c.Id)).toEqual([87650001, ids[0]]);
  });
});

describe('a record that appears late', () => {
  it('is found within the grace: one record, not a second create', async () => {
    // Stored 2.5 s after it was sent: after the 1 s timeout and the look at once, within the grace.
    const s = await start({ writeScript: [{ storeAfterMs: 2500 }] });
    const cwd = tempDir();
    const file = csv(cwd, ['7104,Late Record,Director,Pending', '7105,On Time,Director,Pending']);

    const run = await runCli(args(s, file, 'late'), { cwd, env: env(s) });
    await afterStored(s, 2500);

    expect(run.code).toBe(0);
    const late = named(s, 'Late Record');
    expect(late).toHaveLength(1);
    expect(named(s, 'On Time')).toHaveLength(1);
    const created = readReport(join(cwd, 'late', 'created.csv'));
    expect(created.find((r) => r.FullName === 'Late Record')?.Id).toBe(String(late[0]?.Id));
    const summary = readSummary(join(cwd, 'late'));
    expect(summary.counts).toMatchObject({ rows: 2, created: 2, failed: 0 });
    expect(s.stats().writes).toBe(2); // the late row was not sent again
  });

  it('a resume right after an interruption waits out the grace instead of sending again', async () => {
    const s = await start({ writeScript: [{ storeAfterMs: 2500 }] });
    const cwd = tempDir();
    const file = csv(cwd, ['7104,Queued Long,Director,Pending']);
    const stop = new AbortController();
    const watch = setInterval(() => {
      if (s.stats().writes === 0) return;
      clearInterval(watch);
      setTimeout(() => stop.abort(), 1300); // after the 1 s timeout, while the row waits
    }, 10);

    const first = await runCli(args(s, file, 'q'), { cwd, env: env(s), signal: stop.signal });
    expect(first.code).toBe(130);
    expect(named(s, 'Queued Long')).toHaveLength(0); // not stored yet: the row is unsettled

    const resumed = await runCli(['import', '--resume', 'q'], { cwd, env: env(s) });
    await afterStored(s, 2500);

    expect(resumed.code).toBe(0);
    const stored = named(s, 'Queued Long');
    expect(stored).toHaveLength(1);
    const created = readReport(join(cwd, 'q', 'created.csv'));
    expect(created).toMatchObject([{ FullName: 'Queued Long', Id: String(stored[0]?.Id) }]);
    expect(readSummary(join(cwd, 'q')).counts).toMatchObject({ rows: 1, created: 1 });
  });
});
