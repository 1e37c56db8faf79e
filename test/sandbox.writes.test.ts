import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FaultKind, RequestLogEntry, SandboxOptions } from '../src/sandbox/index.js';
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

interface Envelope {
  Status?: number;
  Message: string;
  Value: { Id: number } | null;
  Errors: { AttemptedValue: unknown; Message: string; PropertyName: string }[] | null;
  WasSuccessful: boolean;
  UpdatedOn?: string;
  UpdatedBy?: string;
}

interface Page {
  Records: Record<string, unknown>[];
  TotalItems: number;
  CurrentPageSize: number;
  HasNextPage: boolean;
}

const OLIVIA = 87650001;
const DURAND = 87650002;
/** The first contact a test creates. */
const NEW = 87650003;

/** A sandbox on a clock the test moves, and one rich contact created at `created`. */
async function withRichContact(options: SandboxOptions = {}) {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const s = await sandbox({ now: () => now, ...options });
  const client = api(s);
  const created = await postContact(
    client,
    validContact({
      CoworkerId: 2003,
      Email: 'juergen.weiss@example.com',
      PhoneNumber: '+49 89 1234567',
      CountryId: 1276,
      CityName: 'München',
      Notes: 'Scan all letters.',
      AmlCheckDate: '2026-02-27T00:00:00',
    }),
  );
  expect(json<Envelope>(created).Value?.Id).toBe(NEW);
  const later = (ms: number) => (now += ms);
  return { s, client, later, clock: () => now };
}

/** The writable fields the PUT must carry besides Id. */
const REQUIRED = {
  CoworkerContractId: 7103,
  FullName: 'Jürgen Weiß',
  ContractContactType: 1,
  AmlCheckStatus: 0,
};

describe('GET a contact by Id and several by ?id=[…]', () => {
  it('shows every writable field (null when not held) and the read-only ones', async () => {
    const s = await sandbox();
    const client = api(s);
    const olivia = await getContact(client, OLIVIA);
    expect(olivia).toEqual({
      Id: OLIVIA,
      CoworkerContractId: 7101,
      FullName: 'Olivia Bennett',
      ContractContactType: 1,
      AmlCheckStatus: 2,
      CoworkerId: 2001,
      Email: 'olivia.bennett@example.com',
      DateOfBirth: null,
      Address: null,
      PostCode: null,
      CityName: null,
      State: null,
      CountryId: null,
      PhoneNumber: null,
      Notes: null,
      AmlCheckDate: null,
      AmlOpenSanctionsScore: null,
      AmlOpenSanctionsResponse: null,
      AmlPappersResponse: null,
      AmlPappersStatus: null,
      AmlNotes: null,
      AmlClearedBy: null,
      AmlClearedOn: null,
      UniqueId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      CreatedOn: '2024-02-01T10:12:00Z',
      UpdatedOn: '2025-03-14T16:40:00Z',
      UpdatedBy: 'frontdesk@sandbox.test',
      CountryName: null,
      CoworkerContractTariffName: 'Virtual Office',
      CoworkerFullName: 'Olivia Bennett',
      CoworkerCompanyName: 'Bennett Design Ltd',
      CoworkerBillingName: 'Bennett Design Ltd',
      CoworkerEmail: 'olivia.bennett@example.com',
      CoworkerActive: true,
      IsNew: false,
      SystemId: null,
    });
    // The list shows the same record.
    const page = json<Page>(await client(`api/billing/contractcontacts?id=[${OLIVIA}]`));
    expect(page.Records).toEqual([olivia]);
    const missing = await client('api/billing/contractcontacts/87659999');
    expect(missing.statusCode).toBe(404);
    expect(json(missing)).toBe('Not found');
    expect((await client('api/billing/contractcontacts/abc')).statusCode).toBe(404);
  });

  it('pages ?id=[…] like a list: 25 by default, size up to 1000; unknown Ids left out, repeats once', async () => {
    const s = await sandbox({ extraContacts: 60 });
    const client = api(s);
    const ids = Array.from({ length: 40 }, (_, i) => OLIVIA + i);
    const asked = `[${[...ids, OLIVIA, 1, 87659999].join(',')}]`;
    const first = json<Page>(await client(`api/billing/contractcontacts?id=${asked}`));
    expect(first).toMatchObject({ TotalItems: 40, CurrentPageSize: 25, HasNextPage: true });
    expect(first.Records.map((r) => r.Id)).toEqual(ids.slice(0, 25));
    const second = json<Page>(await client(`api/billing/contractcontacts?id=${asked}&page=2`));
    expect(second.Records.map((r) => r.Id)).toEqual(ids.slice(25));
    const whole = json<Page>(await client(`api/billing/contractcontacts?id=${asked}&size=100`));
    expect(whole.Records.map((r) => r.Id)).toEqual(ids);
    expect(whole.HasNextPage).toBe(false);
    expect(s.stats().gets).toEqual({ '/api/billing/contractcontacts': 3 });
  });
});

describe('PUT /api/billing/contractcontacts', () => {
  it('updates the record: the envelope, then GET shows the new values, UpdatedOn and UpdatedBy', async () => {
    const { s, client, later, clock } = await withRichContact();
    const before = await getContact(client, NEW);
    later(3_600_000);
    const res = await putContact(client, {
      ...before,
      Email: 'j.weiss@example.de',
      AmlCheckStatus: 2,
    });
    expect(res.statusCode).toBe(200);
    expect(json<Envelope>(res)).toEqual({
      Status: 200,
      Message: 'ContractContact was successfully updated.',
      Value: { Id: NEW },
      OpenInDialog: false,
      OpenInWindow: false,
      RedirectURL: null,
      JavaScript: null,
      UpdatedOn: '2026-03-02T10:00:00Z',
      UpdatedBy: s.username,
      Errors: null,
      WasSuccessful: true,
    });
    const after = await getContact(client, NEW);
    expect(after).toEqual({
      ...before,
      Email: 'j.weiss@example.de',
      AmlCheckStatus: 2,
      UpdatedOn: new Date(clock()).toISOString().replace('.000', ''),
    });
    expect(after?.CreatedOn).toBe('2026-03-02T09:00:00Z');
    expect(s.stats()).toMatchObject({ writes: 2, creates: 1, updates: 1, deletes: 0 });
  });

  it.each(['clear', 'keep'] as const)(
    'the record as read with one change applied changes that field only; read-only fields sent are ignored (omittedOnPut %s)',
    async (omittedOnPut) => {
      const { client, later } = await withRichContact({ omittedOnPut });
      const asRead = await getContact(client, NEW);
      later(60_000);
      const sent = {
        ...asRead,
        PhoneNumber: '+49 30 9876543',
        // What a careless client might send back: none of it may stick.
        CreatedOn: '2000-01-01T00:00:00Z',
        UpdatedOn: '2000-01-01T00:00:00Z',
        UpdatedBy: 'someone@else.test',
        UniqueId: '00000000-0000-0000-0000-000000000000',
        CountryName: 'France',
        CoworkerFullName: 'Someone Else',
        CoworkerContractTariffName: 'Hot Desk',
        IsNew: true,
        SystemId: 'X1',
        NotAField: 'ignored',
      };
      expect((await putContact(client, sent)).statusCode).toBe(200);
      const after = await getContact(client, NEW);
      expect(after).toEqual({
        ...asRead,
        PhoneNumber: '+49 30 9876543',
        UpdatedOn: '2026-03-02T09:01:00Z',
      });
    },
  );

  it('clears, by default, every writable field the body leaves out', async () => {
    const { s, client } = await withRichContact();
    expect(s.options.omittedOnPut).toBe('clear');
    const res = await putContact(client, { Id: NEW, ...REQUIRED, AmlCheckStatus: 2 });
    expect(res.statusCode).toBe(200);
    const stored = s.contacts().find((c) => c.Id === NEW);
    expect(stored).toEqual({
      Id: NEW,
      ...REQUIRED,
      AmlCheckStatus: 2,
      CreatedOn: '2026-03-02T09:00:00Z',
      UpdatedOn: '2026-03-02T09:00:00Z',
      UniqueId: expect.any(String) as unknown,
    });
    expect(await getContact(client, NEW)).toMatchObject({
      Email: null,
      PhoneNumber: null,
      CountryId: null,
      CountryName: null,
      CoworkerId: null,
      CoworkerFullName: null,
      Notes: null,
    });
  });

  it("keeps, with omittedOnPut: 'keep', the fields left out; a field sent as null is cleared", async () => {
    const { s, client } = await withRichContact({ omittedOnPut: 'keep' });
    const res = await putContact(client, {
      Id: NEW,
      ...REQUIRED,
      AmlCheckStatus: 2,
      Notes: null,
      CityName: 'Berlin',
    });
    expect(res.statusCode).toBe(200);
    expect(await getContact(client, NEW)).toMatchObject({
      AmlCheckStatus: 2,
      CityName: 'Berlin',
      Notes: null,
      Email: 'juergen.weiss@example.com',
      PhoneNumber: '+49 89 1234567',
      CountryId: 1276,
      CoworkerId: 2003,
      AmlCheckDate: '2026-02-27T00:00:00',
    });
    expect(s.contacts().find((c) => c.Id === NEW)).not.toHaveProperty('Notes');
  });

  it('moves a contact to another contract', async () => {
    const s = await sandbox();
    const client = api(s);
    const olivia = await getContact(client, OLIVIA);
    expect((await putContact(client, { ...olivia, CoworkerContractId: 7104 })).statusCode).toBe(
      200,
    );
    const on7104 = json<Page>(
      await client('api/billing/contractcontacts?ContractContact_CoworkerContract=7104'),
    );
    expect(on7104.Records.map((r) => r.Id)).toEqual([OLIVIA]);
  });

  const rules: [string, Record<string, unknown>, string, string][] = [
    ['FullName blank', { FullName: '  ' }, 'FullName', 'is a required field'],
    ['FullName left out', { FullName: undefined }, 'FullName', 'is a required field'],
    ['AmlCheckStatus null', { AmlCheckStatus: null }, 'AmlCheckStatus', 'is a required field'],
    ['type above range', { ContractContactType: 4 }, 'ContractContactType', 'must be one of'],
    [
      'unknown contract',
      { CoworkerContractId: 9999 },
      'CoworkerContractId',
      'no coworker contract',
    ],
    ['unknown coworker', { CoworkerId: 2999 }, 'CoworkerId', 'no coworker with Id 2999'],
    ['unknown country', { CountryId: 1 }, 'CountryId', 'no country with Id 1'],
    ['a D/M/Y date', { DateOfBirth: '23/06/1975' }, 'DateOfBirth', 'is not a valid date'],
    ['a score as text', { AmlOpenSanctionsScore: '0.5' }, 'AmlOpenSanctionsScore', 'a number'],
    ['Id as text', { Id: String(NEW) }, 'Id', 'must be a whole number'],
    ['Id a decimal', { Id: NEW + 0.5 }, 'Id', 'must be a whole number'],
    ['Id left out', { Id: undefined }, 'Id', 'is a required field'],
    ['Id null', { Id: null }, 'Id', 'is a required field'],
  ];

  it.each(rules)(
    'refuses %s with 400 naming it, as a create would, and changes nothing',
    async (_name, change, property, message) => {
      const { s, client, later } = await withRichContact();
      const before = await getContact(client, NEW);
      later(60_000);
      const res = await putContact(client, { ...before, ...change });
      expect(res.statusCode).toBe(400);
      const body = json<Envelope>(res);
      expect(body).toMatchObject({ Value: null, WasSuccessful: false });
      expect(body.Errors).toHaveLength(1);
      expect(body.Errors?.[0]?.PropertyName).toBe(property);
      expect(body.Errors?.[0]?.Message).toContain(message);
      expect(body.Message).toBe(`${property}: ${body.Errors?.[0]?.Message}`);
      expect(await getContact(client, NEW)).toEqual(before);
      expect(s.stats().updates).toBe(0);
    },
  );

  it('lists the Id first beside the fields it refuses; an empty or non-object body names them all', async () => {
    const s = await sandbox();
    const client = api(s);
    const both = json<Envelope>(await putContact(client, { ...REQUIRED, FullName: '' }));
    expect(both.Errors?.map((e) => e.PropertyName)).toEqual(['Id', 'FullName']);
    for (const body of [[], 'text', 42]) {
      const res = await putContact(client, body);
      expect(res.statusCode).toBe(400);
      expect(json<Envelope>(res).Errors?.map((e) => e.PropertyName)).toEqual([
        'Id',
        'CoworkerContractId',
        'FullName',
        'ContractContactType',
        'AmlCheckStatus',
      ]);
    }
    const empty = await client.put('api/billing/contractcontacts', {
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(400);
    expect(json<Envelope>(empty).Errors?.[0]?.PropertyName).toBe('Id');
  });

  it('answers 404 "Not found" for an Id of no record, before looking at the fields', async () => {
    const s = await sandbox();
    const client = api(s);
    for (const body of [
      { Id: 87659999, ...REQUIRED },
      { Id: 87659999, ...REQUIRED, FullName: '' },
      { Id: 0, ...REQUIRED },
    ]) {
      const res = await putContact(client, body);
      expect(res.statusCode).toBe(404);
      expect(json(res)).toBe('Not found');
    }
    expect(s.contacts()).toHaveLength(2);
    expect(s.stats()).toMatchObject({ writes: 3, updates: 0 });
  });

  it('refuses malformed JSON with 400 and a form body with 415', async () => {
    const s = await sandbox();
    const client = api(s);
    const broken = await client.put('api/billing/contractcontacts', {
      body: '{"Id": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(json<Envelope>(broken).WasSuccessful).toBe(false);
    const form = await client.put('api/billing/contractcontacts', {
      form: { Id: String(OLIVIA), FullName: 'x' },
    });
    expect(form.statusCode).toBe(415);
    expect(s.stats().updates).toBe(0);
  });
});

describe('DELETE /api/billing/contractcontacts/{id}', () => {
  it('deletes: the envelope, then GET, the list and ?id=[…] no longer show it; again → 404', async () => {
    const s = await sandbox();
    const client = api(s);
    const res = await deleteContact(client, DURAND);
    expect(res.statusCode).toBe(200);
    expect(json<Envelope>(res)).toMatchObject({
      Status: 200,
      Message: 'ContractContact was successfully deleted.',
      Value: { Id: DURAND },
      Errors: null,
      WasSuccessful: true,
    });
    expect(await getContact(client, DURAND)).toBeUndefined();
    const all = json<Page>(await client('api/billing/contractcontacts'));
    expect(all.Records.map((r) => r.Id)).toEqual([OLIVIA]);
    const byIds = json<Page>(await client(`api/billing/contractcontacts?id=[${OLIVIA},${DURAND}]`));
    expect(byIds.Records.map((r) => r.Id)).toEqual([OLIVIA]);
    const again = await deleteContact(client, DURAND);
    expect(again.statusCode).toBe(404);
    expect(json(again)).toBe('Not found');
    expect((await deleteContact(client, 'abc')).statusCode).toBe(404);
    expect(s.contacts().map((c) => c.Id)).toEqual([OLIVIA]);
    expect(s.stats()).toMatchObject({ writes: 3, deletes: 1 });
  });

  it('never gives a deleted Id again, and a PUT onto it answers 404', async () => {
    const { client } = await withRichContact();
    const asRead = await getContact(client, NEW);
    expect((await deleteContact(client, NEW)).statusCode).toBe(200);
    const next = json<Envelope>(await postContact(client, validContact()));
    expect(next.Value?.Id).toBe(NEW + 1);
    expect((await putContact(client, asRead)).statusCode).toBe(404);
  });
});

describe('persistence of updates and deletes', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps them in the data file across restarts; an unwritable file undoes them (500)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-writes-'));
    dirs.push(dir);
    const file = join(dir, 'records.json');
    const first = await sandbox({ dataFile: file });
    const olivia = await getContact(api(first), OLIVIA);
    expect(
      (await putContact(api(first), { ...olivia, FullName: 'Olivia Bennett-Shaw' })).statusCode,
    ).toBe(200);
    expect((await deleteContact(api(first), DURAND)).statusCode).toBe(200);
    await first.close();

    const second = await sandbox({ dataFile: file });
    expect(second.contacts().map((c) => [c.Id, c.FullName])).toEqual([
      [OLIVIA, 'Olivia Bennett-Shaw'],
    ]);
    expect((await getContact(api(second), OLIVIA))?.UpdatedBy).toBe(second.username);
    const created = json<Envelope>(await postContact(api(second), validContact()));
    expect(created.Value?.Id).toBe(NEW); // 87650002 was deleted, never given again

    rmSync(dir, { recursive: true });
    const renamed = await getContact(api(second), OLIVIA);
    expect((await putContact(api(second), { ...renamed, FullName: 'Lost' })).statusCode).toBe(500);
    expect((await deleteContact(api(second), NEW)).statusCode).toBe(500);
    expect(second.contacts().map((c) => [c.Id, c.FullName])).toEqual([
      [OLIVIA, 'Olivia Bennett-Shaw'],
      [NEW, 'Jürgen Weiß'],
    ]);
    const list = json<Page>(await api(second)('api/billing/contractcontacts'));
    expect(list.Records.map((r) => r.Id)).toEqual([OLIVIA, NEW]);
  });
});

describe('roles', () => {
  it('refuses PUT with 401 without the Edit role, DELETE without the Delete role', async () => {
    const s = await sandbox({ roles: { edit: false, delete: false } });
    const client = api(s);
    const olivia = await getContact(client, OLIVIA);
    const put = await putContact(client, { ...olivia, FullName: 'Changed' });
    expect(put.statusCode).toBe(401);
    expect(json(put)).toEqual({ Message: 'Authorization has been denied for this request.' });
    expect((await deleteContact(client, DURAND)).statusCode).toBe(401);
    // Reads and creates still work, and nothing was changed.
    expect((await postContact(client, validContact())).statusCode).toBe(200);
    expect(await getContact(client, OLIVIA)).toEqual(olivia);
    expect(s.contacts()).toHaveLength(3);
    expect(s.stats()).toMatchObject({ unauthorized: 2, updates: 0, deletes: 0, creates: 1 });
  });

  it('each role alone: without Delete a PUT works; without Edit a DELETE works; without Create a POST is refused', async () => {
    const noDelete = await sandbox({ roles: { delete: false } });
    const olivia = await getContact(api(noDelete), OLIVIA);
    expect((await putContact(api(noDelete), { ...olivia, Notes: 'x' })).statusCode).toBe(200);
    expect((await deleteContact(api(noDelete), OLIVIA)).statusCode).toBe(401);

    const noEdit = await sandbox({ roles: { edit: false } });
    expect((await putContact(api(noEdit), { ...olivia, Notes: 'x' })).statusCode).toBe(401);
    expect((await deleteContact(api(noEdit), OLIVIA)).statusCode).toBe(200);

    const noCreate = await sandbox({ roles: { create: false } });
    expect((await postContact(api(noCreate), validContact())).statusCode).toBe(401);
    expect(noCreate.contacts()).toHaveLength(2);
    expect(noCreate.options.roles).toEqual({ create: false, edit: true, delete: true });
  });

  it('a missing role answers 401 even to a body that would be refused (the role comes first)', async () => {
    const s = await sandbox({ roles: { edit: false } });
    expect((await putContact(api(s), {})).statusCode).toBe(401);
    expect((await putContact(api(s, null), {})).statusCode).toBe(401);
  });
});

describe('rate limits count PUT and DELETE as writes', () => {
  it('the 4th write in a minute is throttled whatever its method, and not applied', async () => {
    let now = 2_000_000;
    const s = await sandbox({ writesPerMinute: 3, now: () => now });
    const client = api(s);
    const olivia = await getContact(client, OLIVIA);
    expect((await postContact(client, validContact())).statusCode).toBe(200);
    expect((await putContact(client, { ...olivia, Notes: 'one' })).statusCode).toBe(200);
    expect((await deleteContact(client, DURAND)).statusCode).toBe(200);
    const put = await putContact(client, { ...olivia, Notes: 'two' });
    expect(put.statusCode).toBe(409);
    expect(put.headers['retry-after']).toBe('1');
    expect(put.body).toBe('');
    const del = await deleteContact(client, NEW);
    expect(del.statusCode).toBe(409);
    expect((await getContact(client, OLIVIA))?.Notes).toBe('one');
    expect(await getContact(client, NEW)).toBeDefined();
    now += 60_000;
    expect((await deleteContact(client, NEW)).statusCode).toBe(200);
    expect(s.stats()).toMatchObject({
      writes: 4,
      creates: 1,
      updates: 1,
      deletes: 2,
      throttledBy: { writes: 2, requests: 0, hour: 0 },
    });
  });

  it('and as requests, per minute and per hour', async () => {
    let now = 3_000_000;
    const s = await sandbox({
      requestsPerMinute: 3,
      requestsPerHour: 5,
      hourMs: 120_000,
      now: () => now,
    });
    const client = api(s);
    const olivia = await getContact(client, OLIVIA);
    expect((await putContact(client, { ...olivia, Notes: 'one' })).statusCode).toBe(200);
    expect((await deleteContact(client, DURAND)).statusCode).toBe(200);
    expect((await client('api/sys/countries')).statusCode).toBe(409);
    now += 60_000;
    expect((await putContact(client, { ...olivia, Notes: 'two' })).statusCode).toBe(200);
    expect((await deleteContact(client, 87659999)).statusCode).toBe(404); // counted all the same
    expect((await putContact(client, { ...olivia, Notes: 'three' })).statusCode).toBe(409);
    expect(s.stats().throttledBy).toEqual({ writes: 0, requests: 1, hour: 1 });
    expect(s.contacts()[0]).toMatchObject({ Notes: 'two' });
  });
});

describe('faults on PUT and DELETE', () => {
  async function faulty(kind: FaultKind, extra: { slowMs?: number } = {}) {
    const s = await sandbox({ faults: { rate: 1, seed: 11, kinds: [kind], ...extra } });
    const client = api(s);
    // Reads draw no fault: the record as read, for the PUTs.
    const olivia = await getContact(client, OLIVIA);
    return { s, client, olivia: olivia ?? {} };
  }

  it.each([
    ['500', 500],
    ['503', 503],
    ['409', 409],
    ['429', 429],
  ] as const)('%s: answered without updating or deleting anything', async (kind, status) => {
    const { s, client, olivia } = await faulty(kind);
    expect((await putContact(client, { ...olivia, FullName: 'Changed' })).statusCode).toBe(status);
    expect((await deleteContact(client, DURAND)).statusCode).toBe(status);
    expect(await getContact(client, OLIVIA)).toEqual(olivia);
    expect(await getContact(client, DURAND)).toBeDefined();
    expect(s.stats()).toMatchObject({ updates: 0, deletes: 0 });
    expect(s.stats().faults[kind]).toBe(2);
  });

  it('reset-before: the connection drops, nothing updated or deleted', async () => {
    const { s, client, olivia } = await faulty('reset-before');
    await expect(putContact(client, { ...olivia, FullName: 'Changed' })).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    await expect(deleteContact(client, DURAND)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await getContact(client, OLIVIA)).toEqual(olivia);
    expect(await getContact(client, DURAND)).toBeDefined();
    expect(s.stats()).toMatchObject({ updates: 0, deletes: 0 });
  });

  it('reset-after-create: the update is applied and the record deleted before the connection drops', async () => {
    const { s, client, olivia } = await faulty('reset-after-create');
    await expect(putContact(client, { ...olivia, FullName: 'Changed' })).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect((await getContact(client, OLIVIA))?.FullName).toBe('Changed');
    await expect(deleteContact(client, DURAND)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await getContact(client, DURAND)).toBeUndefined();
    expect(s.stats()).toMatchObject({ writes: 2, updates: 1, deletes: 1 });
  });

  it('slow-after-create: applied at once, answered too late for an impatient client', async () => {
    const { s, client, olivia } = await faulty('slow-after-create', { slowMs: 250 });
    const impatient = client.extend({ timeout: { request: 50 } });
    await expect(putContact(impatient, { ...olivia, FullName: 'Slow' })).rejects.toMatchObject({
      code: 'ETIMEDOUT',
    });
    expect(s.contacts()[0]?.FullName).toBe('Slow');
    await expect(deleteContact(impatient, DURAND)).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(s.contacts().map((c) => c.Id)).toEqual([OLIVIA]);
    // A patient client gets the normal reply.
    expect((await putContact(client, { ...olivia, FullName: 'Patient' })).statusCode).toBe(200);
  });

  it('a scripted slow PUT is applied, and UpdatedOn stamped, when it is processed', async () => {
    const s = await sandbox({ writeScript: [{ storeAfterMs: 500 }] });
    const client = api(s);
    const olivia = await getContact(client, OLIVIA);
    const sent = Date.now();
    await expect(
      putContact(client.extend({ timeout: { request: 100 } }), { ...olivia, FullName: 'Queued' }),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(s.contacts()[0]?.FullName).toBe('Olivia Bennett');
    while (s.stats().updates === 0) await new Promise((r) => setTimeout(r, 10));
    const after = await getContact(client, OLIVIA);
    expect(after?.FullName).toBe('Queued');
    expect(Date.parse(String(after?.UpdatedOn))).toBeGreaterThanOrEqual(
      Math.floor((sent + 500) / 1000) * 1000,
    );
  });

  it('draws faults for POST, PUT and DELETE from one seeded sequence', async () => {
    async function run(seed: number) {
      const s = await sandbox({ faults: { rate: 0.5, seed, kinds: ['500', '503', '409'] } });
      const client = api(s);
      const olivia = await getContact(client, OLIVIA);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await putContact(client, { ...olivia, Notes: `n${i}` })).statusCode);
        statuses.push((await postContact(client, validContact())).statusCode);
        statuses.push((await deleteContact(client, 87659999)).statusCode);
      }
      return statuses;
    }
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(a).toContain(200);
    expect(a).toContain(404);
    expect(a.filter((status) => status >= 409).length).toBeGreaterThan(5);
  });
});

describe('the request log', () => {
  it('tells of every PUT and DELETE with its status', async () => {
    const log: RequestLogEntry[] = [];
    const s = await sandbox({ onRequest: (entry) => log.push(entry) });
    const client = api(s);
    const olivia = await getContact(client, OLIVIA);
    await putContact(client, { ...olivia, Notes: 'x' });
    await putContact(client, { ...olivia, FullName: '' });
    await deleteContact(client, DURAND);
    await deleteContact(client, DURAND);
    expect(log.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      `GET /api/billing/contractcontacts/${OLIVIA} 200`,
      'PUT /api/billing/contractcontacts 200',
      'PUT /api/billing/contractcontacts 400',
      `DELETE /api/billing/contractcontacts/${DURAND} 200`,
      `DELETE /api/billing/contractcontacts/${DURAND} 404`,
    ]);
  });
});
