import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

// An account of 5,000 contracts (7101–7106, 8001–12994) and 20,000 contacts.
const CONTRACTS = 5000;
const CONTACTS = 20_000;
let sandbox: Sandbox;
let cwd: string;
sandboxPerTest(
  {
    writesPerMinute: false,
    requestsPerMinute: false,
    extraContracts: CONTRACTS - 6,
    extraContacts: CONTACTS - 2,
    accountSeed: 3,
  },
  (started, dir) => {
    sandbox = started;
    cwd = dir;
  },
);

/** SPEC "Before the first write": the most GETs preflight may spend. */
function bound(contracts: number, coworkers: number, accountContacts: number): number {
  return (
    1 +
    Math.ceil(contracts / 100) +
    Math.ceil(coworkers / 100) +
    Math.min(contracts, Math.ceil(accountContacts / 1000)) +
    1
  );
}

/**
 * The client's own request pace, lifted: these tests count requests, not time. validate takes
 * no pace options, so they check with `import --dry-run`, which is validate with them.
 */
const fast = ['--dry-run', '--requests-per-minute', '100000', '--requests-per-hour', '1000000'];

const gets = () => Object.values(sandbox.stats().gets).reduce((a, b) => a + b, 0);

describe('preflight on a large account', () => {
  it('2,000 rows over 1,500 contracts: within the bound, reading the account whole (not one list per contract)', async () => {
    const lines = ['CoworkerContractId,FullName,ContractContactType'];
    for (let i = 0; i < 2000; i += 1) lines.push(`${8001 + (i % 1500)},New Person ${i},Director`);
    const file = join(cwd, 'big.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const out = join(cwd, 'out');
    const before = gets();
    const run = await runCli(
      ['import', file, '--update', '--base-url', sandbox.url, '--out', out, ...fast],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(run.code, run.stderr).toBe(0);
    const spent = gets() - before;
    const limit = bound(1500, 0, CONTACTS);
    expect(limit).toBe(37);
    expect(spent).toBeLessThanOrEqual(limit);
    expect(readSummary(out).preflightRequests).toBeLessThanOrEqual(limit);
    // Every row is new: the duplicate check saw the account's contacts of those contracts.
    expect(readSummary(out).planned).toEqual({ create: 2000, update: 0 });
  });

  it('a Customer column adds only the contract list pages; a few contracts are read one list each', async () => {
    const lines = ['Customer,Plan,CoworkerContractId,FullName'];
    // Five of the last contracts (a few contacts each), one row naming its customer as well
    // (12990 is Chloé Martin's: they must agree).
    for (let i = 0; i < 5; i += 1) lines.push(`,,${12990 + i},Someone ${i}`);
    lines.push(`chloe.martin@example.com,Virtual Office,12990,Someone Else`);
    const file = join(cwd, 'few.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const out = join(cwd, 'out');
    const before = gets();
    const run = await runCli(
      ['import', file, '--update', '--base-url', sandbox.url, '--out', out, ...fast],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    expect(run.code, run.stderr).toBe(0);
    const spent = gets() - before;
    // 5 contracts: one list each beats 20 pages of the account (+1 first page to learn that).
    expect(spent).toBeLessThanOrEqual(bound(5, 0, CONTACTS) + Math.ceil(CONTRACTS / 1000));
    expect(sandbox.stats().gets['/api/billing/coworkercontracts']).toBe(CONTRACTS / 1000);
    expect(sandbox.stats().gets['/api/billing/contractcontacts']).toBe(1 + 5);
    expect(readSummary(out).planned).toEqual({ create: 6, update: 0 });
  });
});
