import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import type { UndoSummary } from '../src/undo/undoReport.js';
import { runKillable } from './helpers/killable.js';
import { readReport, runCli, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

/** The real CLI as a child; with `killAfterMs`, SIGKILLed that long after its first delete. */
const runChild = (args: string[], cwd: string, env: Record<string, string>, killAfterMs?: number) =>
  runKillable(args, cwd, env, sandbox, killAfterMs, (s) => s.deletes);

describe('kill -9 during an undo, and undo --resume', () => {
  it('deletes each record once, and the resumed undo counts every one deleted', async () => {
    // Slow replies widen the window in which a kill lands between "sent" and "answered".
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      latencyMs: 30,
    });
    const cwd = tempDir();
    const env = { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
    const before = sandbox.contacts();
    const lines = ['CoworkerContractId,FullName,ContractContactType,AmlCheckStatus'];
    for (let i = 1; i <= 300; i += 1)
      lines.push(`${7101 + (i % 3)},Kill Person ${i},Nominated recipient,Pending`);
    const file = join(cwd, 'new.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const pace = ['--writes-per-minute', '3000', '--concurrency', '4', '--request-timeout', '2'];
    const imported = await runCli(
      ['import', file, '--base-url', sandbox.url, '--out', 'k', ...pace],
      {
        cwd,
        env,
      },
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(sandbox.contacts()).toHaveLength(before.length + 300);

    let result = await runChild(['undo', 'k', '--yes', ...pace], cwd, env, 900);
    expect(result.killed).toBe(true);
    const folders = readdirSync(join(cwd, 'k')).filter((f) => f.startsWith('undo-'));
    expect(folders).toHaveLength(1);
    const undoDir = join('k', folders[0] ?? '');
    let kills = 1;
    for (const wait of [700, 500]) {
      result = await runChild(['undo', '--resume', undoDir, ...pace], cwd, env, wait);
      if (!result.killed) break;
      kills += 1;
    }
    if (result.killed || result.code !== 0)
      result = await runChild(['undo', '--resume', undoDir, ...pace], cwd, env);
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(result.code).toBe(0);

    // back to exactly the records before the import; each deleted once
    expect(sandbox.contacts()).toEqual(before);
    expect(sandbox.stats().deletes).toBe(300);
    const summary = JSON.parse(
      readFileSync(join(cwd, undoDir, 'summary.json'), 'utf8'),
    ) as UndoSummary;
    expect(summary.counts).toMatchObject({
      contacts: 300,
      deleted: 300,
      gone: 0,
      failed: 0,
      notAttempted: 0,
    });
    const report = readReport(join(cwd, undoDir, 'undo.csv'));
    expect(report).toHaveLength(300);
    expect(new Set(report.map((r) => r.Id)).size).toBe(300);
    expect(report.every((r) => r.Result === 'deleted')).toBe(true);
  }, 120_000);
});
