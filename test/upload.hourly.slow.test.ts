import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { countByName } from './helpers/rows.js';
import { readSummary, runCli, tempDir } from './helpers/run.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

/** `rows` new contacts spread over contracts 8001..8000+contracts (the sandbox's extra ones). */
function spreadCsv(dir: string, rows: number, contracts: number): string {
  const lines = ['CoworkerContractId,FullName,ContractContactType,AmlCheckStatus'];
  for (let i = 1; i <= rows; i += 1) {
    lines.push(`${8001 + (i % contracts)},Hourly ${i},Director,Pending`);
  }
  const path = join(dir, 'hourly.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

describe('requests per hour', () => {
  it('keeps to a sandbox enforcing an hourly limit, a preflight then the writes: no 409', async () => {
    // Time compressed: an "hour" of 10 s holding 200 requests (20 a second), far tighter than
    // the per-minute limits (100 writes and 200 requests a second). The run makes about 360
    // requests over some 18 s: the hour fills, and slides. Preflight reads the account's
    // contacts whole (one page: fewer GETs than one list per contract), so it is small now.
    const hourMs = 10_000;
    const perHour = 200;
    const contracts = 150;
    const rows = 350;
    sandbox = await startSandbox({
      port: 0,
      writesPerMinute: 6000,
      requestsPerMinute: 12_000,
      requestsPerHour: perHour,
      hourMs,
      extraContracts: contracts,
    });
    const cwd = tempDir();
    const file = spreadCsv(cwd, rows, contracts);
    const run = await runCli(
      [
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        'h',
        '--writes-per-minute',
        '6000',
        '--requests-per-hour',
        String(perHour),
      ],
      {
        cwd,
        env: {
          NEXUDUS_USERNAME: sandbox.username,
          NEXUDUS_PASSWORD: sandbox.password,
          NEXUDUS_IMPORT_HOUR_MS: String(hourMs),
        },
      },
    );
    expect(run.code).toBe(0);
    const stats = sandbox.stats();
    expect(stats.throttled).toBe(0);
    const summary = readSummary(join(cwd, 'h'));
    // SPEC's bound: 1 + ⌈contracts/100⌉ + min(contracts, ⌈2 contacts/1000⌉) + 1
    expect(summary.preflightRequests).toBeGreaterThan(0);
    expect(summary.preflightRequests).toBeLessThanOrEqual(1 + Math.ceil(contracts / 100) + 1 + 1);
    expect(summary.throttled).toBe(0);
    expect(summary.options.requestsPerHour).toBe(perHour);
    const counts = countByName(sandbox.contacts().filter((c) => c.FullName.startsWith('Hourly ')));
    expect(counts.size).toBe(rows);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // The hour was the tightest limit, and it was kept evenly (by the sandbox's clock).
    const times = stats.requestTimes;
    const pace = ((times.length - 1) / ((times.at(-1) ?? 0) - (times[0] ?? 0))) * hourMs;
    // eslint-disable-next-line no-console
    console.info(`hourly pace: ${pace.toFixed(1)} of ${perHour}: ${(pace / perHour).toFixed(3)}`);
    expect(pace / perHour).toBeGreaterThan(0.9);
    expect(pace / perHour).toBeLessThanOrEqual(1);
  }, 90_000);
});
