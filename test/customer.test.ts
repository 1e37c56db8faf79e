import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { readReport, readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest(
  { writesPerMinute: false, requestsPerMinute: false, customerContracts: true },
  (started, dir) => {
    sandbox = started;
    cwd = dir;
  },
);

const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });

function csv(name: string, lines: readonly string[]): string {
  const path = join(cwd, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

function run(command: 'import' | 'validate', file: string, out: string, ...more: string[]) {
  return runCli(
    [
      command,
      file,
      '--base-url',
      sandbox.url,
      '--out',
      out,
      // validate sends no write and takes no pace option
      ...(command === 'import' ? ['--writes-per-minute', '60000'] : []),
      ...more,
    ],
    { cwd, env: env() },
  );
}

/** The records the runs created (contract and name), by name: creates run concurrently. */
const created = () =>
  sandbox
    .contacts()
    .filter((c) => c.Id > 87650002)
    .map((c) => ({ contract: c.CoworkerContractId, name: c.FullName }))
    .sort((a, b) => a.name.localeCompare(b.name));

describe('naming the contract by its customer', () => {
  it('finds it by email, full name, company or billing name, ignoring case, accents and spacing; created.csv shows it', async () => {
    const file = csv('customers.csv', [
      'Customer,Plan,FullName,ContractContactType',
      'JANE@ACME.example,Virtual Office Gold,Ann One,Director',
      'Elise   FABRE,,Ann Two,Director',
      'cafe lumiere sarl,,Ann Three,Nominated recipient',
      'Lin Trading Co,,Ann Four,Director',
      'Ana Ruiz,,Ann Five,Director',
      'Tom Hale,virtual office,Ann Six,Director',
    ]);
    const out = join(cwd, 'out');
    const result = await run('import', file, out);
    expect(result.stderr).toContain("the contract's customer");
    const rows = readReport(join(out, 'created.csv'));
    expect(rows.map((r) => [r.FullName, r.CoworkerContractId, r.Result])).toEqual([
      ['Ann One', '7201', 'created'],
      ['Ann Two', '7204', 'created'],
      ['Ann Three', '7204', 'created'],
      ['Ann Four', '7212', 'created'],
      ['Ann Six', '7207', 'created'],
    ]);
    // The exact POST payloads: the contract found, and none of the Customer or Plan text.
    const records = sandbox
      .contacts()
      .filter((c) => c.Id > 87650002)
      .sort((a, b) => a.FullName.localeCompare(b.FullName));
    expect(records.map((r) => [r.CoworkerContractId, r.FullName, r.ContractContactType])).toEqual([
      [7212, 'Ann Four', 1],
      [7201, 'Ann One', 1],
      [7207, 'Ann Six', 1],
      [7204, 'Ann Three', 3],
      [7204, 'Ann Two', 1],
    ]);
    for (const r of records) expect(JSON.stringify(r)).not.toMatch(/acme|Virtual Office|Lumi/i);
    const errors = readReport(join(out, 'errors.csv'));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.Errors).toBe(
      "Customer: customer 'Ana Ruiz' has 2 active contracts: 7208 (Virtual Office, since 2024-07-01), 7209 (Virtual Office, since 2025-02-01): add a Plan column or give CoworkerContractId",
    );
    expect(result.code).toBe(1);
  });

  it('Plan picks among a customer’s contracts; ambiguous, none, ended-only and a wrong plan fail saying why', async () => {
    const file = csv('plans.csv', [
      'Company,Tariff,Name,Type',
      'Acme Ltd,Mail Handling,Bo One,Director',
      'Acme Ltd,,Bo Two,Director',
      'Acme Ltd,Meeting Rooms,Bo Three,Director',
      'Nordwind GmbH,,Bo Four,Director',
      'Nobody Ltd,,Bo Five,Director',
      'Bright Ideas Ltd,,Bo Six,Director',
      'Søren Dahl,,Bo Seven,Director',
      ',Mail Handling,Bo Eight,Director',
      'old mill co,,Bo Nine,Director',
    ]);
    const out = join(cwd, 'out');
    const result = await run('import', file, out);
    expect(result.code).toBe(1);
    expect(created()).toEqual([
      { contract: 7202, name: 'Bo One' },
      { contract: 7210, name: 'Bo Seven' },
    ]);
    const errors = new Map(readReport(join(out, 'errors.csv')).map((r) => [r.Name, r.Errors]));
    expect(errors.get('Bo Two')).toBe(
      "Customer: customer 'Acme Ltd' has 2 active contracts: 7201 (Virtual Office Gold, since 2024-03-01), 7202 (Mail Handling, since 2024-06-10): add a Plan column or give CoworkerContractId",
    );
    expect(errors.get('Bo Three')).toBe(
      "Plan: customer 'Acme Ltd' has no active contract on plan 'Meeting Rooms'; its active contracts are 7201 (Virtual Office Gold, since 2024-03-01), 7202 (Mail Handling, since 2024-06-10): correct the Plan or give CoworkerContractId",
    );
    expect(errors.get('Bo Four')).toBe(
      "Customer: no active contract for customer 'Nordwind GmbH': it has 2 ended contracts",
    );
    expect(errors.get('Bo Nine')).toBe(
      "Customer: no active contract for customer 'old mill co': it has 1 cancelled contract",
    );
    expect(errors.get('Bo Five')).toMatch(
      /^Customer: no active contract for customer 'Nobody Ltd': check/,
    );
    expect(errors.get('Bo Six')).toMatch(
      /^Customer: customer 'Bright Ideas Ltd' has 3 active contracts: 7207 \(Virtual Office, since 2024-01-15\), 7208 .*, 7209 /,
    );
    expect(errors.get('Bo Eight')).toBe(
      "Customer: is blank, but Plan says 'Mail Handling': name the plan's customer too",
    );
  });

  it('a row with both a CoworkerContractId and a Customer: they must agree', async () => {
    const file = csv('both.csv', [
      'CoworkerContractId,Customer,Plan,FullName',
      '7201,jane@acme.example,Virtual Office Gold,Cy One',
      '7204,jane@acme.example,,Cy Two',
      '7202,Acme Ltd,Virtual Office Gold,Cy Three',
      '7203,Acme Ltd,,Cy Four',
      ',Elise Fabre,,Cy Five',
      '9999,,,Cy Six',
    ]);
    const out = join(cwd, 'out');
    await run('import', file, out);
    expect(created()).toEqual([
      { contract: 7204, name: 'Cy Five' },
      // an ended contract of the customer's agrees with it (an export lists those too)
      { contract: 7203, name: 'Cy Four' },
      { contract: 7201, name: 'Cy One' },
    ]);
    const errors = new Map(readReport(join(out, 'errors.csv')).map((r) => [r.FullName, r.Errors]));
    expect(errors.get('Cy Two')).toBe(
      "CoworkerContractId: contract 7204 is not a contract of customer 'jane@acme.example': correct the CoworkerContractId or the Customer, or leave one of them blank",
    );
    expect(errors.get('Cy Three')).toBe(
      "CoworkerContractId: contract 7202 is on plan 'Mail Handling', not 'Virtual Office Gold': correct the Plan or the CoworkerContractId",
    );
    expect(errors.get('Cy Six')).toBe(
      "CoworkerContractId: no coworker contract with Id 9999: find the contract's Id in Nexudus, or name it by its customer in a Customer column",
    );
    const rows = readReport(join(out, 'created.csv'));
    expect(rows.find((r) => r.FullName === 'Cy Five')?.CoworkerContractId).toBe('7204');
  });

  it('validate against the account says what each customer comes to, with no write', async () => {
    const file = csv('validate.csv', [
      'Customer,FullName',
      'Jane Acme,Di One',
      'Elise Fabre,Di Two',
    ]);
    const out = join(cwd, 'out');
    const result = await run('validate', file, out);
    expect(sandbox.stats().writes).toBe(0);
    const errors = readReport(join(out, 'errors.csv'));
    expect(errors.map((r) => r.FullName)).toEqual(['Di One']);
    expect(errors[0]?.Errors).toMatch(/^Customer: customer 'Jane Acme' has 2 active contracts/);
    expect(result.code).toBe(1);
  });

  it('--update with a Customer column: the contact is found on the customer’s contract and updated', async () => {
    const first = csv('first.csv', [
      'Customer,FullName,Email',
      'Elise Fabre,Ed One,ed@one.example',
    ]);
    await run('import', first, join(cwd, 'out1'));
    const second = csv('second.csv', [
      'Customer,FullName,Email',
      'élise fabre,Ed One,ed@two.example',
    ]);
    const out = join(cwd, 'out2');
    const result = await run('import', second, out, '--update');
    expect(result.code).toBe(0);
    expect(readSummary(out).counts.updated).toBe(1);
    const record = sandbox.contacts().find((c) => c.FullName === 'Ed One');
    expect(record?.Email).toBe('ed@two.example');
    expect(record?.CoworkerContractId).toBe(7204);
    expect(sandbox.stats().creates).toBe(1);
    const rows = readReport(join(out, 'created.csv'));
    expect(rows.map((r) => [r.CoworkerContractId, r.Result])).toEqual([['7204', 'updated']]);
  });
});

describe('--mapping to Customer and Plan', () => {
  it('a column of any header becomes the Customer (and Plan); a Customer header beside it is then left out', async () => {
    const file = csv('mapped.csv', [
      'Client,Offer,Company,FullName',
      'jane@acme.example,mail handling,Somebody Else Ltd,Ed Map',
    ]);
    writeFileSync(join(cwd, 'mapping.json'), JSON.stringify({ Client: 'Customer', Offer: 'Plan' }));
    const out = join(cwd, 'out');
    const result = await run('import', file, out, '--mapping', 'mapping.json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/A +Client +-> the contract's customer/);
    expect(result.stderr).toMatch(/B +Offer +-> the contract's plan/);
    expect(result.stderr).toMatch(/C +Company +-> left out/);
    expect(created()).toEqual([{ contract: 7202, name: 'Ed Map' }]);
  });
});
