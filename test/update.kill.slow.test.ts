import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { runKillable } from './helpers/killable.js';
import { readReport, readSummary, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

/** The real CLI as a child; with `killAfterMs`, SIGKILLed that long after its first write. */
const runChild = (args: string[], cwd: string, env: Record<string, string>, killAfterMs?: number) =>
  runKillable(args, cwd, env, sandbox, killAfterMs);

describe('kill -9 during an update run, and --resume', () => {
  it('applies each PUT once; a PUT that took effect before the kill is unchanged, not sent again; changes.csv lists every change', async () => {
    // Slow replies widen the window in which a kill lands between "sent" and "answered".
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      latencyMs: 30,
      extraContacts: 300,
      accountSeed: 3,
    });
    const cwd = tempDir();
    const before = sandbox.contacts();
    const lines = ['Id,CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,CityName'];
    for (const r of before) {
      lines.push(
        [
          r.Id,
          r.CoworkerContractId,
          `"${r.FullName}"`,
          r.ContractContactType,
          r.AmlCheckStatus,
          `Town ${r.Id}`,
        ].join(','),
      );
    }
    const file = join(cwd, 'update.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const env = { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
    const pace = ['--writes-per-minute', '3000', '--concurrency', '4', '--request-timeout', '2'];

    let result = await runChild(
      ['import', file, '--base-url', sandbox.url, '--out', 'k', '--update', ...pace],
      cwd,
      env,
      900,
    );
    let kills = result.killed ? 1 : 0;
    for (const wait of [700, 500, 900]) {
      if (!result.killed) break;
      result = await runChild(['import', '--resume', 'k'], cwd, env, wait);
      if (result.killed) kills += 1;
    }
    if (result.killed || result.code !== 0)
      result = await runChild(['import', '--resume', 'k'], cwd, env);
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(result.code).toBe(0);

    // every contact as the file says, every other field as it was, each PUT applied once
    const after = new Map(sandbox.contacts().map((r) => [r.Id, r]));
    for (const r of before) {
      const { UpdatedOn: _a, ...now } = after.get(r.Id) ?? r;
      const { UpdatedOn: _b, ...was } = r;
      expect(now).toEqual({ ...was, CityName: `Town ${r.Id}` });
    }
    expect(sandbox.stats().updates).toBe(before.length);
    expect(sandbox.stats().creates).toBe(0);

    const summary = readSummary(join(cwd, 'k'));
    expect(summary.counts).toMatchObject({ rows: before.length, failed: 0, notAttempted: 0 });
    expect(summary.counts.updated + summary.counts.unchanged).toBe(before.length);
    // PUTs a kill left unanswered had taken effect: the resume found them unchanged
    expect(summary.counts.unchanged).toBeGreaterThan(0);
    // the folder's changes.csv lists every change its runs wrote, found unchanged on resume too
    const changes = readReport(join(cwd, 'k', 'changes.csv'));
    expect(changes).toHaveLength(before.length);
    const original = new Map(before.map((r) => [String(r.Id), r.CityName ?? '']));
    for (const c of changes) {
      expect(c.Field).toBe('CityName');
      expect(c.Before).toBe(original.get(c.Id ?? ''));
      expect(c.After).toBe(`Town ${c.Id}`);
    }
  }, 120_000);
});
