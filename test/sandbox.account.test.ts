import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSandbox, type ContractContactRecord } from '../src/sandbox/index.js';
import { validateContact } from '../src/sandbox/validate.js';
import {
  api,
  closeSandboxesAfterEach,
  deleteContact,
  getContact,
  json,
  postContact,
  putContact,
  sandbox,
  validContact,
} from './sandbox.helpers.js';

closeSandboxesAfterEach();

interface Page {
  Records: Record<string, unknown>[];
  TotalItems: number;
  TotalPages: number;
  HasNextPage: boolean;
}

const FIRST = 87650001;

/** Every record of a list, page by page (1000 a page). */
async function readAll(s: Awaited<ReturnType<typeof sandbox>>, query = '') {
  const records: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const reply = json<Page>(
      await api(s)(`api/billing/contractcontacts?size=1000&page=${page}${query}`),
    );
    records.push(...reply.Records);
    if (!reply.HasNextPage) return records;
  }
}

describe('CreatedOn and UpdatedOn', () => {
  it('the starting contacts were made in the past by a team member; a create stamps now', async () => {
    const s = await sandbox();
    const client = api(s);
    const started = Date.now();
    for (const c of s.contacts()) {
      expect(Date.parse(c.CreatedOn)).toBeLessThan(started - 365 * 86_400_000);
      expect(Date.parse(c.UpdatedOn)).toBeGreaterThanOrEqual(Date.parse(c.CreatedOn));
      expect((await getContact(client, c.Id))?.UpdatedBy).toBe('frontdesk@sandbox.test');
    }
    // Olivia's was changed after it was made (her AML check cleared).
    expect(s.contacts()[0]?.UpdatedOn).not.toBe(s.contacts()[0]?.CreatedOn);
    await postContact(client, validContact());
    const made = await getContact(client, FIRST + 2);
    expect(made?.UpdatedOn).toBe(made?.CreatedOn);
    expect(Date.parse(String(made?.CreatedOn))).toBeGreaterThanOrEqual(
      Math.floor(started / 1000) * 1000,
    );
    expect(made?.UpdatedBy).toBe(s.username);
  });

  it('a PUT moves UpdatedOn to now and UpdatedBy to the API user; CreatedOn stays', async () => {
    let now = Date.parse('2026-05-04T12:00:00Z');
    const s = await sandbox({ now: () => now });
    const client = api(s);
    const before = await getContact(client, FIRST + 1);
    now += 1500;
    expect((await putContact(client, before)).statusCode).toBe(200); // nothing changed but the stamp
    expect(await getContact(client, FIRST + 1)).toEqual({
      ...before,
      UpdatedOn: '2026-05-04T12:00:01Z',
      UpdatedBy: s.username,
    });
  });
});

describe('extraContacts: a large account for tests and benchmarks', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('adds N realistic contacts after the two, over every contract, each name once per contract', async () => {
    const s = await sandbox({ extraContacts: 3000, extraContracts: 10, accountSeed: 7 });
    expect(s.contactCount()).toBe(3002);
    const contacts = s.contacts();
    expect(contacts.map((c) => c.Id)).toEqual(Array.from({ length: 3002 }, (_, i) => FIRST + i));
    expect(contacts.slice(0, 2).map((c) => c.FullName)).toEqual([
      'Olivia Bennett',
      'Durand Conseil',
    ]);
    const extra = contacts.slice(2);

    // Spread over all 16 contracts, each started by the time its contacts were made.
    const starts = new Map(
      json<Page>(await api(s)('api/billing/coworkercontracts?size=1000')).Records.map((c) => [
        c.Id as number,
        Date.parse(String(c.StartDate)),
      ]),
    );
    const perContract = new Map<number, Set<string>>();
    for (const c of extra) {
      expect(Date.parse(c.CreatedOn)).toBeGreaterThanOrEqual(starts.get(c.CoworkerContractId)!);
      const names = perContract.get(c.CoworkerContractId) ?? new Set();
      expect(names.has(c.FullName)).toBe(false);
      perContract.set(c.CoworkerContractId, names.add(c.FullName));
    }
    expect(perContract.size).toBe(16);

    // Made in Id order, in the past, updated at or after they were made.
    const started = Date.now();
    for (let i = 1; i < extra.length; i++) {
      expect(extra[i]!.CreatedOn >= extra[i - 1]!.CreatedOn).toBe(true);
    }
    for (const c of extra) {
      expect(Date.parse(c.UpdatedOn)).toBeGreaterThanOrEqual(Date.parse(c.CreatedOn));
      expect(Date.parse(c.UpdatedOn)).toBeLessThan(started);
    }

    // Every one is a contact the API would accept, with a mix of what real accounts hold.
    const refs = { hasContract: () => true, hasCoworker: () => true, hasCountry: () => true };
    for (const c of extra) expect(validateContact(c, refs).ok).toBe(true);
    const share = (test: (c: ContractContactRecord) => boolean) =>
      extra.filter(test).length / extra.length;
    for (const type of [0, 1, 2, 3]) {
      expect(share((c) => c.ContractContactType === type)).toBeGreaterThan(0.05);
    }
    for (const status of [0, 1, 2, 3, 4, 5, 6]) {
      expect(share((c) => c.AmlCheckStatus === status)).toBeGreaterThan(0);
    }
    expect(share((c) => c.Email !== undefined)).toBeGreaterThan(0.5);
    expect(share((c) => c.Email === undefined)).toBeGreaterThan(0.1);
    for (const c of extra) {
      if (c.Email !== undefined) expect(c.Email).toMatch(/^[a-z.]+@[a-z.]+\.(com|org|net)$/);
    }
    expect(share((c) => c.CountryId !== undefined && c.PostCode !== undefined)).toBeGreaterThan(
      0.3,
    );
    expect(share((c) => /[^\x20-\x7e]/.test(c.FullName))).toBeGreaterThan(0.1); // accents
    expect(share((c) => c.DateOfBirth !== undefined)).toBeGreaterThan(0.3);
  });

  it('is the same for the same seed, and different for another', async () => {
    const a = await sandbox({ extraContacts: 500, accountSeed: 42 });
    const b = await sandbox({ extraContacts: 500, accountSeed: 42 });
    const c = await sandbox({ extraContacts: 500, accountSeed: 43 });
    expect(b.contacts()).toEqual(a.contacts());
    expect(c.contacts()).not.toEqual(a.contacts());
    expect(c.contacts().map((r) => r.Id)).toEqual(a.contacts().map((r) => r.Id));
  });

  it('reads, pages, filters, updates and deletes like any other contact; new Ids follow them', async () => {
    const s = await sandbox({ extraContacts: 2500 });
    const client = api(s);
    const all = await readAll(s);
    expect(all).toHaveLength(2502);
    expect(new Set(all.map((r) => r.Id)).size).toBe(2502);
    const on7103 = await readAll(s, '&ContractContact_CoworkerContract=7103');
    expect(on7103.length).toBe(s.contacts().filter((c) => c.CoworkerContractId === 7103).length);
    expect(on7103.every((r) => r.CoworkerContractId === 7103)).toBe(true);

    const some = all[1234]!;
    expect(some).toMatchObject({ CoworkerContractTariffName: 'Virtual Office', IsNew: false });
    expect(
      (await putContact(client, { ...some, PhoneNumber: '+44 20 7946 0001' })).statusCode,
    ).toBe(200);
    expect((await getContact(client, some.Id as number))?.PhoneNumber).toBe('+44 20 7946 0001');
    expect((await deleteContact(client, some.Id as number)).statusCode).toBe(200);
    const created = json<{ Value: { Id: number } }>(await postContact(client, validContact()));
    expect(created.Value.Id).toBe(FIRST + 2502);
  });

  it('starts at the first Id without the two; a data file that exists is the store, as is', async () => {
    const bare = await sandbox({ existingContacts: false, extraContacts: 5 });
    expect(bare.contacts().map((c) => c.Id)).toEqual([0, 1, 2, 3, 4].map((i) => FIRST + i));

    const dir = mkdtempSync(join(tmpdir(), 'sandbox-account-'));
    dirs.push(dir);
    const file = join(dir, 'records.json');
    const first = await sandbox({ dataFile: file, extraContacts: 20 });
    expect(first.contactCount()).toBe(22);
    await deleteContact(api(first), FIRST + 21);
    await first.close();
    const second = await sandbox({ dataFile: file, extraContacts: 1000 });
    expect(second.contactCount()).toBe(21);
  });

  it('refuses a count that is not a whole number from 0 to 1,000,000', async () => {
    for (const extraContacts of [-1, 1.5, 1_000_001]) {
      await expect(sandbox({ extraContacts })).rejects.toThrow(RangeError);
    }
  });

  it('says how many contacts it holds, its roles and what a PUT does with omitted fields', async () => {
    const s = await sandbox({ extraContacts: 10 });
    expect(describeSandbox(s)).toContain('records:  12 contacts, in memory');
    expect(describeSandbox(s)).toContain('roles:    ContractContact-Create, -Edit, -Delete');
    expect(describeSandbox(s)).toContain('updates:  a field a PUT leaves out is cleared');
    const strict = await sandbox({ roles: { edit: false, delete: false }, omittedOnPut: 'keep' });
    expect(describeSandbox(strict)).toContain(
      'roles:    without ContractContact-Edit, ContractContact-Delete (refused with 401)',
    );
    expect(describeSandbox(strict)).toContain('updates:  a field a PUT leaves out is kept');
  });
});
