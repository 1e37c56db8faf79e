import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import got from 'got';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSandbox, FAULT_KINDS, type FaultKind } from '../src/sandbox/index.js';
import {
  api,
  closeSandboxesAfterEach,
  json,
  postContact,
  sandbox,
  validContact,
} from './sandbox.helpers.js';

closeSandboxesAfterEach();

interface Page {
  Records: Record<string, unknown>[];
  CurrentPage: number;
  CurrentPageSize: number;
  TotalItems: number;
  TotalPages: number;
  HasNextPage: boolean;
  HasPreviousPage: boolean;
  FirstItem: number;
  LastItem: number;
}

interface Envelope {
  Status?: number;
  Message: string;
  Value: { Id: number } | null;
  Errors: { AttemptedValue: unknown; Message: string; PropertyName: string }[] | null;
  WasSuccessful: boolean;
}

function login(url: string, form: Record<string, string>) {
  return got.post(`${url}/api/token`, { form, throwHttpErrors: false, retry: { limit: 0 } });
}

describe('authentication', () => {
  it('issues a token for a form login, which works as a Bearer token', async () => {
    const s = await sandbox();
    const res = await login(s.url, {
      grant_type: 'password',
      username: s.username,
      password: s.password,
      totp: '123456',
    });
    expect(res.statusCode).toBe(200);
    const token = json<Record<string, unknown>>(res);
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 604799 });
    expect(typeof token.access_token).toBe('string');
    expect(typeof token.refresh_token).toBe('string');
    const list = await api(s, `Bearer ${String(token.access_token)}`)('api/sys/countries');
    expect(list.statusCode).toBe(200);
  });

  it('refuses a JSON body and a wrong password, as Nexudus words it', async () => {
    const s = await sandbox();
    const asJson = await got.post(`${s.url}/api/token`, {
      json: { grant_type: 'password', username: s.username, password: s.password },
      throwHttpErrors: false,
    });
    expect(asJson.statusCode).toBe(400);
    expect(json(asJson)).toEqual({ error: 'unsupported_grant_type' });
    const wrong = await login(s.url, {
      grant_type: 'password',
      username: s.username,
      password: 'nope',
    });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong)).toEqual({
      error: 'invalid_grant',
      error_description: 'The user name or password is incorrect.',
    });
  });

  it('refreshes a token once: the old refresh token stops working', async () => {
    const s = await sandbox();
    const first = json<{ refresh_token: string }>(
      await login(s.url, { grant_type: 'password', username: s.username, password: s.password }),
    );
    const refreshed = await login(s.url, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(refreshed.statusCode).toBe(200);
    const token = json<{ access_token: string }>(refreshed).access_token;
    expect((await api(s, `Bearer ${token}`)('api/sys/countries')).statusCode).toBe(200);
    const again = await login(s.url, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    expect(again.statusCode).toBe(400);
    expect(json(again)).toMatchObject({ error: 'invalid_grant' });
  });

  it('accepts Basic auth and answers 401 without credentials or with a bad token', async () => {
    const s = await sandbox();
    expect((await api(s)('api/billing/coworkercontracts')).statusCode).toBe(200);
    const none = await api(s, null)('api/billing/coworkercontracts');
    expect(none.statusCode).toBe(401);
    expect(json(none)).toEqual({ Message: 'Authorization has been denied for this request.' });
    expect((await api(s, 'Bearer made-up')('api/sys/countries')).statusCode).toBe(401);
    const badBasic = `Basic ${Buffer.from(`${s.username}:wrong`).toString('base64')}`;
    expect((await api(s, badBasic)('api/sys/countries')).statusCode).toBe(401);
    expect(s.stats().unauthorized).toBe(3);
  });

  it('revokeTokens() makes every issued token fail with 401; logging in again works', async () => {
    const s = await sandbox();
    const form = { grant_type: 'password', username: s.username, password: s.password };
    const token = json<{ access_token: string }>(await login(s.url, form)).access_token;
    s.revokeTokens();
    expect((await api(s, `Bearer ${token}`)('api/sys/countries')).statusCode).toBe(401);
    const fresh = json<{ access_token: string }>(await login(s.url, form)).access_token;
    expect((await api(s, `Bearer ${fresh}`)('api/sys/countries')).statusCode).toBe(200);
  });
});

describe('reference lists', () => {
  it('serves every ISO country, with Ids that are not 1..N', async () => {
    const s = await sandbox();
    const page = json<Page>(await api(s)('api/sys/countries?size=1000'));
    expect(page.TotalItems).toBeGreaterThanOrEqual(240);
    expect(page.Records).toHaveLength(page.TotalItems);
    const ids = page.Records.map((c) => c.Id as number);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBeGreaterThan(page.TotalItems);
    const gb = page.Records.find((c) => c.TwoDigitsCode === 'GB');
    expect(gb).toMatchObject({ Id: 1826, Name: 'United Kingdom', Culture: 'en-GB' });
    expect(gb?.UniqueId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // Stable across servers (and runs): derived, not random.
    const other = await sandbox();
    const again = json<Page>(await api(other)('api/sys/countries?size=1000'));
    expect(again.Records).toEqual(page.Records);
  });

  it('finds contracts and coworkers by ?id=[…], id=a,b and /{id}; 404 when missing', async () => {
    const s = await sandbox();
    const client = api(s);
    const batch = json<Page>(await client('api/billing/coworkercontracts?id=[7101,7106,9999]'));
    expect(batch.Records.map((c) => c.Id)).toEqual([7101, 7106]);
    expect(batch.Records[0]).toMatchObject({
      CoworkerId: 2001,
      CoworkerFullName: 'Olivia Bennett',
      CoworkerEmail: 'olivia.bennett@example.com',
      CoworkerCompanyName: 'Bennett Design Ltd',
      TariffName: 'Virtual Office',
      Active: true,
    });
    expect(batch.Records[1]).toMatchObject({ Active: false });
    const plain = json<Page>(await client('api/billing/coworkercontracts?id=7102,7103'));
    expect(plain.Records.map((c) => c.Id)).toEqual([7102, 7103]);
    const all = json<Page>(await client('api/billing/coworkercontracts'));
    expect(all.Records.map((c) => c.Id)).toEqual([7101, 7102, 7103, 7104, 7105, 7106]);

    const one = await client('api/billing/coworkercontracts/7104');
    expect(json(one)).toMatchObject({ Id: 7104, CoworkerId: 2004 });
    const missing = await client('api/billing/coworkercontracts/9999');
    expect(missing.statusCode).toBe(404);
    expect(json(missing)).toBe('Not found');

    const people = json<Page>(await client('api/spaces/coworkers?id=[2003,2008]'));
    expect(people.Records).toMatchObject([
      { Id: 2003, FullName: 'Jürgen Weiß', Email: 'juergen.weiss@example.com' },
      { Id: 2008, FullName: 'Sofia Rossi' },
    ]);
    expect(json(await client('api/spaces/coworkers/2002'))).toMatchObject({
      FullName: 'Amélie Durand',
    });
    expect((await client('api/spaces/coworkers/1')).statusCode).toBe(404);
    expect((await client('api/spaces/coworkers/abc')).statusCode).toBe(404);
    expect((await client('api/spaces/coworkers?id=[1,x]')).statusCode).toBe(400);
  });

  it('extraContracts adds contracts 8001..8000+n, owned in turn by the coworkers; contacts can use them', async () => {
    const s = await sandbox({ extraContracts: 100 });
    const client = api(s);
    const all = json<Page>(await client('api/billing/coworkercontracts?size=1000'));
    expect(all.TotalItems).toBe(106);
    expect(all.Records.slice(0, 6).map((c) => c.Id)).toEqual([7101, 7102, 7103, 7104, 7105, 7106]);
    const batch = json<Page>(
      await client('api/billing/coworkercontracts?id=[8001,8009,8100,8101]'),
    );
    expect(batch.Records).toMatchObject([
      { Id: 8001, CoworkerId: 2001, Active: true, TariffName: 'Virtual Office' },
      { Id: 8009, CoworkerId: 2001, CoworkerFullName: 'Olivia Bennett' },
      { Id: 8100, CoworkerId: 2004 },
    ]);
    const created = await postContact(client, validContact({ CoworkerContractId: 8050 }));
    expect(created.statusCode).toBe(200);
    const plain = await sandbox();
    expect(json<Page>(await api(plain)('api/billing/coworkercontracts')).TotalItems).toBe(6);
    expect(
      (await postContact(api(plain), validContact({ CoworkerContractId: 8001 }))).statusCode,
    ).toBe(400);
    await expect(sandbox({ extraContracts: -1 })).rejects.toThrow(RangeError);
  });

  it('filters coworkers by Coworker_Email, ignoring case', async () => {
    const s = await sandbox();
    const page = json<Page>(
      await api(s)('api/spaces/coworkers?Coworker_Email=RAHUL.MEHTA@example.com'),
    );
    expect(page.Records.map((c) => c.Id)).toEqual([2005]);
  });

  it('pages as Nexudus does: 1-based, size capped at 1000, counts and flags', async () => {
    const s = await sandbox();
    const client = api(s);
    const first = json<Page>(await client('api/sys/countries'));
    expect(first).toMatchObject({
      CurrentPage: 1,
      CurrentPageSize: 25,
      TotalItems: 250,
      TotalPages: 10,
      HasNextPage: true,
      HasPreviousPage: false,
      FirstItem: 1,
      LastItem: 25,
    });
    expect(first.Records).toHaveLength(25);
    const last = json<Page>(await client('api/sys/countries?page=3&size=100'));
    expect(last).toMatchObject({
      CurrentPage: 3,
      CurrentPageSize: 100,
      TotalPages: 3,
      HasNextPage: false,
      HasPreviousPage: true,
      FirstItem: 201,
      LastItem: 250,
    });
    expect(last.Records).toHaveLength(50);
    const beyond = json<Page>(await client('api/sys/countries?page=9&size=100'));
    expect(beyond).toMatchObject({ Records: [], FirstItem: 0, LastItem: 0, HasNextPage: false });
    const capped = json<Page>(await client('api/sys/countries?size=5000'));
    expect(capped.CurrentPageSize).toBe(1000);
    const desc = json<Page>(await client('api/sys/countries?orderBy=Name&dir=Descending&size=1'));
    expect(desc.Records[0]?.Name).toBe('Zimbabwe');
    const asc = json<Page>(await client('api/sys/countries?orderby=name&dir=asc&size=1'));
    expect(asc.Records[0]?.Name).toBe('Afghanistan');
  });

  it('counts GETs per route', async () => {
    const s = await sandbox();
    const client = api(s);
    await client('api/sys/countries');
    await client('api/sys/countries?page=2');
    await client('api/billing/contractcontacts/87650001');
    expect(s.stats().gets).toEqual({
      '/api/sys/countries': 2,
      '/api/billing/contractcontacts/{id}': 1,
    });
  });
});

describe('contract contacts: lists', () => {
  it('starts with the two contacts of the fake account', async () => {
    const s = await sandbox();
    expect(s.contacts()).toMatchObject([
      {
        Id: 87650001,
        CoworkerContractId: 7101,
        FullName: 'Olivia Bennett',
        ContractContactType: 1,
        AmlCheckStatus: 2,
        CoworkerId: 2001,
        Email: 'olivia.bennett@example.com',
      },
      {
        Id: 87650002,
        CoworkerContractId: 7102,
        FullName: 'Durand Conseil',
        ContractContactType: 2,
        AmlCheckStatus: 0,
      },
    ]);
    const empty = await sandbox({ existingContacts: false });
    expect(empty.contacts()).toEqual([]);
  });

  it('filters by ContractContact_CoworkerContract, orders by Id, finds one by Id', async () => {
    const s = await sandbox();
    const client = api(s);
    const on7101 = json<Page>(
      await client('api/billing/contractcontacts?ContractContact_CoworkerContract=7101'),
    );
    expect(on7101.Records.map((c) => c.Id)).toEqual([87650001]);
    expect(on7101.TotalItems).toBe(1);
    const none = json<Page>(
      await client('api/billing/contractcontacts?ContractContact_CoworkerContract=7105'),
    );
    expect(none.Records).toEqual([]);
    const desc = json<Page>(await client('api/billing/contractcontacts?orderBy=Id&dir=Descending'));
    expect(desc.Records.map((c) => c.Id)).toEqual([87650002, 87650001]);
    const byIds = json<Page>(await client('api/billing/contractcontacts?id=[87650002]'));
    expect(byIds.Records.map((c) => c.FullName)).toEqual(['Durand Conseil']);
    expect(json(await client('api/billing/contractcontacts/87650002'))).toMatchObject({
      FullName: 'Durand Conseil',
    });
    const missing = await client('api/billing/contractcontacts/1');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toBe('"Not found"');
  });

  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    const s = await sandbox();
    expect((await api(s)('api/billing/nothing')).statusCode).toBe(404);
    expect((await api(s)('nope')).statusCode).toBe(404);
    expect((await api(s).put('api/billing/contractcontacts/87650001')).statusCode).toBe(405);
    expect((await api(s).delete('api/billing/contractcontacts')).statusCode).toBe(405);
    expect((await api(s).patch('api/billing/contractcontacts', { json: {} })).statusCode).toBe(405);
    expect((await api(s).delete('api/sys/countries/1826')).statusCode).toBe(405);
  });
});

describe('contract contacts: create', () => {
  it('answers the seed example body with 400 naming CoworkerContractId and FullName', async () => {
    const s = await sandbox();
    const res = await postContact(api(s), {
      CoworkerContractId: 0,
      FullName: '',
      ContractContactType: 0,
      AmlCheckStatus: 0,
    });
    expect(res.statusCode).toBe(400);
    const body = json<Envelope>(res);
    expect(body).toEqual({
      Message: 'CoworkerContractId: no coworker contract with Id 0\nFullName: is a required field',
      Value: null,
      Errors: [
        {
          AttemptedValue: 0,
          Message: 'no coworker contract with Id 0',
          PropertyName: 'CoworkerContractId',
        },
        { AttemptedValue: '', Message: 'is a required field', PropertyName: 'FullName' },
      ],
      WasSuccessful: false,
    });
    expect(s.contacts()).toHaveLength(2);
  });

  it('creates a valid contact: 200 envelope, then visible in GET and contacts()', async () => {
    const s = await sandbox();
    const client = api(s);
    const sent = validContact({
      CoworkerId: 2003,
      Email: 'juergen.weiss@example.com',
      DateOfBirth: '1975-06-23T00:00:00',
      CountryId: 1276,
      PhoneNumber: '+49 89 1234567',
      PostCode: '80331',
      AmlOpenSanctionsScore: 0.12,
      AmlOpenSanctionsResponse: '{"results":[]}',
      AmlClearedOn: '2026-01-20T10:30:00Z',
      NotAField: 'ignored',
    });
    const res = await postContact(client, sent);
    expect(res.statusCode).toBe(200);
    const body = json<Envelope & Record<string, unknown>>(res);
    expect(body).toMatchObject({
      Status: 200,
      Message: 'ContractContact was successfully created.',
      Value: { Id: 87650003 },
      OpenInDialog: false,
      OpenInWindow: false,
      RedirectURL: null,
      JavaScript: null,
      UpdatedBy: s.username,
      Errors: null,
      WasSuccessful: true,
    });
    expect(body.UpdatedOn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    const { NotAField: _ignored, ...stored } = sent;
    const record = json(await client('api/billing/contractcontacts/87650003'));
    expect(record).toMatchObject({ Id: 87650003, ...stored });
    expect(record).not.toHaveProperty('NotAField');
    expect(record.UniqueId).toMatch(/^[0-9a-f-]{36}$/);
    // GET shows what is stored, every other writable field as null, and the read-only fields
    expect(record).toMatchObject({ ...s.contacts().at(-1), UpdatedBy: s.username });
    expect(record).toMatchObject({
      Address: null,
      Notes: null,
      AmlNotes: null,
      CountryName: 'Germany',
      CoworkerContractTariffName: 'Virtual Office',
      CoworkerFullName: 'Jürgen Weiß',
      CoworkerEmail: 'juergen.weiss@example.com',
      CoworkerCompanyName: 'Weiß Ingenieure GmbH',
      CoworkerActive: true,
      IsNew: false,
      SystemId: null,
    });
    const on7103 = json<Page>(
      await client('api/billing/contractcontacts?ContractContact_CoworkerContract=7103'),
    );
    expect(on7103.Records.map((c) => c.Id)).toEqual([87650003]);

    const second = json<Envelope>(await postContact(client, validContact()));
    expect(second.Value?.Id).toBe(87650004);
    expect(s.stats()).toMatchObject({ writes: 2, creates: 2 });
  });

  const rules: [string, Record<string, unknown>, string, string][] = [
    [
      'CoworkerContractId missing',
      { CoworkerContractId: undefined },
      'CoworkerContractId',
      'is a required field',
    ],
    ['FullName null', { FullName: null }, 'FullName', 'is a required field'],
    ['FullName blank', { FullName: '   ' }, 'FullName', 'is a required field'],
    [
      'ContractContactType ""',
      { ContractContactType: '' },
      'ContractContactType',
      'is a required field',
    ],
    [
      'AmlCheckStatus missing',
      { AmlCheckStatus: undefined },
      'AmlCheckStatus',
      'is a required field',
    ],
    [
      'CoworkerContractId as text',
      { CoworkerContractId: '7103' },
      'CoworkerContractId',
      'must be a whole number',
    ],
    [
      'CoworkerContractId decimal',
      { CoworkerContractId: 7103.5 },
      'CoworkerContractId',
      'must be a whole number',
    ],
    [
      'unknown contract',
      { CoworkerContractId: 9999 },
      'CoworkerContractId',
      'no coworker contract with Id 9999',
    ],
    ['FullName a number', { FullName: 42 }, 'FullName', 'must be text'],
    [
      'type above range',
      { ContractContactType: 4 },
      'ContractContactType',
      'must be one of 0 (None), 1 (Director), 2 (CompanyAlias), 3 (NominatedRecipient)',
    ],
    ['type below range', { ContractContactType: -1 }, 'ContractContactType', 'must be one of'],
    [
      'type by name',
      { ContractContactType: 'Director' },
      'ContractContactType',
      'must be a whole number',
    ],
    [
      'AML status above range',
      { AmlCheckStatus: 7 },
      'AmlCheckStatus',
      'must be one of 0 (NotStarted)',
    ],
    ['CoworkerId unknown', { CoworkerId: 2999 }, 'CoworkerId', 'no coworker with Id 2999'],
    ['CoworkerId as text', { CoworkerId: '2001' }, 'CoworkerId', 'must be a whole number'],
    ['CountryId unknown', { CountryId: 1 }, 'CountryId', 'no country with Id 1'],
    ['CountryId an ISO code', { CountryId: 'FR' }, 'CountryId', 'must be a whole number'],
    ['Email a number', { Email: 7 }, 'Email', 'must be text'],
    ['PostCode a number', { PostCode: 75002 }, 'PostCode', 'must be text'],
    ['DateOfBirth D/M/Y', { DateOfBirth: '23/06/1975' }, 'DateOfBirth', 'is not a valid date'],
    [
      'DateOfBirth impossible',
      { DateOfBirth: '1981-02-29T00:00:00' },
      'DateOfBirth',
      'is not a valid date',
    ],
    ['AmlCheckDate a number', { AmlCheckDate: 45000 }, 'AmlCheckDate', 'is not a valid date'],
    [
      'AmlClearedOn bad time',
      { AmlClearedOn: '2026-01-20T25:00:00' },
      'AmlClearedOn',
      'is not a valid date',
    ],
    [
      'score as text',
      { AmlOpenSanctionsScore: '0.5' },
      'AmlOpenSanctionsScore',
      'must be a number',
    ],
    [
      'response not JSON',
      { AmlOpenSanctionsResponse: '{results:' },
      'AmlOpenSanctionsResponse',
      'is not valid JSON',
    ],
    [
      'response an object',
      { AmlOpenSanctionsResponse: { results: [] } },
      'AmlOpenSanctionsResponse',
      'must be text holding JSON',
    ],
    ['notes an array', { AmlNotes: ['a'] }, 'AmlNotes', 'must be text'],
  ];

  it.each(rules)('refuses %s', async (_name, change, property, message) => {
    const s = await sandbox();
    const res = await postContact(api(s), validContact(change));
    expect(res.statusCode).toBe(400);
    const body = json<Envelope>(res);
    expect(body.WasSuccessful).toBe(false);
    expect(body.Value).toBeNull();
    expect(body.Errors).toHaveLength(1);
    expect(body.Errors?.[0]?.PropertyName).toBe(property);
    expect(body.Errors?.[0]?.Message).toContain(message);
    expect(body.Message).toBe(`${property}: ${body.Errors?.[0]?.Message}`);
    expect(s.contacts()).toHaveLength(2);
  });

  it('accepts the edges: enum ends, dates with and without time, nulls as not sent', async () => {
    const s = await sandbox({ existingContacts: false });
    const client = api(s);
    const ok = [
      validContact({ ContractContactType: 0, AmlCheckStatus: 6 }),
      validContact({ ContractContactType: 3, DateOfBirth: '1975-06-23' }),
      validContact({ AmlCheckDate: '2026-01-15T10:30', Email: null, CoworkerId: null }),
      validContact({ AmlCheckDate: '2026-01-15T10:30:00.123+01:00', AmlOpenSanctionsScore: 0 }),
    ];
    for (const body of ok) expect((await postContact(client, body)).statusCode).toBe(200);
    expect(s.contacts()[2]).not.toHaveProperty('Email');
  });

  it('reports every problem at once, in the seed order', async () => {
    const s = await sandbox();
    const res = await postContact(api(s), {
      FullName: '',
      ContractContactType: 9,
      CoworkerId: 1,
      DateOfBirth: 'yesterday',
      CountryId: 5,
    });
    const body = json<Envelope>(res);
    expect(body.Errors?.map((e) => e.PropertyName)).toEqual([
      'CoworkerContractId',
      'FullName',
      'ContractContactType',
      'AmlCheckStatus',
      'CoworkerId',
      'DateOfBirth',
      'CountryId',
    ]);
    expect(body.Message.split('\n')).toHaveLength(7);
  });

  it('refuses malformed JSON with 400 and a form body with 415', async () => {
    const s = await sandbox();
    const client = api(s);
    const broken = await client.post('api/billing/contractcontacts', {
      body: '{"FullName": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(json<Envelope>(broken).WasSuccessful).toBe(false);
    const form = await client.post('api/billing/contractcontacts', {
      form: { FullName: 'x' },
    });
    expect(form.statusCode).toBe(415);
    expect(s.contacts()).toHaveLength(2);
  });
});

describe('rate limits', () => {
  it('answers the 6th write in a minute with 409, Retry-After: 1, empty body, not stored', async () => {
    let now = 1_000_000;
    const s = await sandbox({ writesPerMinute: 5, now: () => now });
    const client = api(s);
    for (let i = 0; i < 5; i++) {
      now += 1000;
      expect((await postContact(client, validContact())).statusCode).toBe(200);
    }
    now += 1000;
    const throttled = await postContact(client, validContact({ FullName: 'Throttled' }));
    expect(throttled.statusCode).toBe(409);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(throttled.body).toBe('');
    expect(s.contacts().some((c) => c.FullName === 'Throttled')).toBe(false);
    // Reads are not writes.
    expect((await client('api/billing/contractcontacts')).statusCode).toBe(200);
    // The window slides: 60 s after the first write, one more is allowed, and only one.
    now = 1_000_000 + 1000 + 60_000;
    expect((await postContact(client, validContact())).statusCode).toBe(200);
    expect((await postContact(client, validContact())).statusCode).toBe(409);
    const stats = s.stats();
    expect(stats).toMatchObject({ writes: 6, creates: 6, throttled: 2 });
    expect(stats.throttledBy).toEqual({ writes: 2, requests: 0, hour: 0 });
    expect(stats.writeTimes).toHaveLength(6);
  });

  it('limits all requests (writes included, the token endpoint not) per minute', async () => {
    let now = 5_000_000;
    const s = await sandbox({ requestsPerMinute: 3, now: () => now });
    const client = api(s);
    expect((await client('api/sys/countries')).statusCode).toBe(200);
    expect((await postContact(client, validContact())).statusCode).toBe(200);
    expect((await client('api/sys/countries')).statusCode).toBe(200);
    const form = { grant_type: 'password', username: s.username, password: s.password };
    expect((await login(s.url, form)).statusCode).toBe(200);
    const fourth = await client('api/sys/countries');
    expect(fourth.statusCode).toBe(409);
    expect(fourth.headers['retry-after']).toBe('1');
    expect((await postContact(client, validContact())).statusCode).toBe(409);
    expect(s.contacts()).toHaveLength(3);
    now += 60_000;
    expect((await client('api/sys/countries')).statusCode).toBe(200);
    expect(s.stats().throttledBy).toEqual({ writes: 0, requests: 2, hour: 0 });
  });

  it('limits all requests per hour, over a sliding hour that hourMs may shorten', async () => {
    let now = 9_000_000;
    // An "hour" of 10 s holding 4 requests; the per-minute limits are far above it.
    const s = await sandbox({ requestsPerHour: 4, hourMs: 10_000, now: () => now });
    const client = api(s);
    for (let i = 0; i < 3; i++) {
      expect((await client('api/sys/countries')).statusCode).toBe(200);
      now += 1000;
    }
    expect((await postContact(client, validContact())).statusCode).toBe(200);
    const form = { grant_type: 'password', username: s.username, password: s.password };
    expect((await login(s.url, form)).statusCode).toBe(200); // the token endpoint is not limited
    const fifth = await postContact(client, validContact({ FullName: 'Over the hour' }));
    expect(fifth.statusCode).toBe(409);
    expect(fifth.headers['retry-after']).toBe('1');
    expect(fifth.body).toBe('');
    expect((await client('api/sys/countries')).statusCode).toBe(409);
    expect(s.contacts().some((c) => c.FullName === 'Over the hour')).toBe(false);
    // 10 s after the first request it leaves the window: one more, and only one.
    now = 9_000_000 + 10_000;
    expect((await client('api/sys/countries')).statusCode).toBe(200);
    expect((await client('api/sys/countries')).statusCode).toBe(409);
    const stats = s.stats();
    expect(stats.throttledBy).toEqual({ writes: 0, requests: 0, hour: 3 });
    expect(stats.requestTimes).toHaveLength(5);
  });

  it('applies the Nexudus defaults: 60 writes and 120 requests a minute, 5,000 an hour', async () => {
    const s = await sandbox({
      writesPerMinute: undefined,
      requestsPerMinute: undefined,
      requestsPerHour: undefined,
    });
    expect(s.options).toMatchObject({
      writesPerMinute: 60,
      requestsPerMinute: 120,
      requestsPerHour: 5000,
      hourMs: 3_600_000,
    });
    const fast = await sandbox({
      writesPerMinute: 100,
      requestsPerMinute: undefined,
      requestsPerHour: undefined,
    });
    expect(fast.options.requestsPerMinute).toBe(200);
    expect(fast.options.requestsPerHour).toBe(8334); // Nexudus's ratio, 5,000 an hour per 60 writes a minute
  });
});

describe('faults', () => {
  async function faulty(kind: FaultKind, extra: { slowMs?: number } = {}) {
    const s = await sandbox({ faults: { rate: 1, seed: 7, kinds: [kind], ...extra } });
    return { s, client: api(s) };
  }

  it.each([
    ['500', 500],
    ['503', 503],
  ] as const)('%s answers an error without creating anything', async (kind, status) => {
    const { s, client } = await faulty(kind);
    const res = await postContact(client, validContact());
    expect(res.statusCode).toBe(status);
    expect(json(res)).toEqual({ Message: 'An error has occurred.' });
    expect(s.contacts()).toHaveLength(2);
    expect(s.stats().faults[kind]).toBe(1);
    // Writes only by default: reads are untouched.
    expect((await client('api/billing/contractcontacts')).statusCode).toBe(200);
  });

  it.each([
    ['409', 409],
    ['429', 429],
  ] as const)('%s answers a throttle reply without creating anything', async (kind, status) => {
    const { s, client } = await faulty(kind);
    const res = await postContact(client, validContact());
    expect(res.statusCode).toBe(status);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toBe('');
    expect(s.contacts()).toHaveLength(2);
    expect(s.stats()).toMatchObject({ throttled: 0, writes: 0 });
  });

  it('reset-before drops the connection without creating anything', async () => {
    const { s, client } = await faulty('reset-before');
    await expect(postContact(client, validContact())).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(s.contacts()).toHaveLength(2);
    expect(s.stats().faults['reset-before']).toBe(1);
  });

  it('reset-after-create stores the record, but the client sees a socket error', async () => {
    const { s, client } = await faulty('reset-after-create');
    await expect(postContact(client, validContact({ FullName: 'Ghost' }))).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(s.contacts().at(-1)).toMatchObject({ Id: 87650003, FullName: 'Ghost' });
    expect(s.stats()).toMatchObject({ writes: 1, creates: 1 });
  });

  it('slow-after-create stores the record and replies too late; the server carries on', async () => {
    const { s, client } = await faulty('slow-after-create', { slowMs: 250 });
    await expect(
      postContact(client.extend({ timeout: { request: 50 } }), validContact({ FullName: 'Slow' })),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(s.contacts().at(-1)).toMatchObject({ FullName: 'Slow' });
    // A patient client gets the normal reply.
    const late = await postContact(client, validContact({ FullName: 'Patient' }));
    expect(late.statusCode).toBe(200);
    expect((await client('api/sys/countries')).statusCode).toBe(200);
  });

  it("on: 'all' faults reads and the token endpoint too", async () => {
    const s = await sandbox({ faults: { rate: 1, seed: 1, kinds: ['503'], on: 'all' } });
    expect((await api(s)('api/sys/countries')).statusCode).toBe(503);
    const form = { grant_type: 'password', username: s.username, password: s.password };
    expect((await login(s.url, form)).statusCode).toBe(503);
  });

  it('repeats the same faults for the same seed and request sequence', async () => {
    async function run(seed: number) {
      const s = await sandbox({
        faults: { rate: 0.5, seed, kinds: ['500', '503', '409', '429'] },
      });
      const client = api(s);
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) {
        // Reads in between draw nothing, so they do not shift the sequence.
        if (i % 3 === 0) await client('api/sys/countries');
        statuses.push((await postContact(client, validContact())).statusCode);
      }
      return statuses;
    }
    const a = await run(42);
    expect(await run(42)).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(2);
    expect(a).toContain(200);
    expect(await run(43)).not.toEqual(a);
  });

  it('defaults to all seven kinds', async () => {
    const s = await sandbox({ faults: { rate: 0.1, seed: 3 } });
    expect(s.options.faults?.kinds).toEqual([...FAULT_KINDS]);
    expect(s.options.faults?.slowMs).toBe(30_000);
  });
});

describe('write script', () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('gives the first writes their steps in arrival order, then behaves normally', async () => {
    const s = await sandbox({ writeScript: ['reset-before', 'normal', '503'] });
    const client = api(s);
    await client('api/sys/countries'); // reads take no step
    await expect(postContact(client, validContact({ FullName: 'One' }))).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect((await postContact(client, validContact({ FullName: 'Two' }))).statusCode).toBe(200);
    expect((await postContact(client, validContact({ FullName: 'Three' }))).statusCode).toBe(503);
    expect((await postContact(client, validContact({ FullName: 'Four' }))).statusCode).toBe(200);
    expect(s.contacts().map((c) => c.FullName)).toEqual([
      'Olivia Bennett',
      'Durand Conseil',
      'Two',
      'Four',
    ]);
    expect(s.stats().faults).toMatchObject({ 'reset-before': 1, '503': 1 });
  });

  it('replyAfterMs: the record is stored at once, the answer comes late', async () => {
    const s = await sandbox({ writeScript: [{ replyAfterMs: 400 }] });
    const client = api(s);
    const started = Date.now();
    const reply = postContact(client, validContact({ FullName: 'Late reply' }));
    while (s.stats().creates === 0) await wait(5);
    expect(Date.now() - started).toBeLessThan(300);
    expect((await reply).statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('storeAfterMs: the record appears late, stamped when stored, even after the client gave up', async () => {
    const s = await sandbox({ writeScript: [{ storeAfterMs: 600 }] });
    const client = api(s);
    const sent = Date.now();
    await expect(
      postContact(
        client.extend({ timeout: { request: 100 } }),
        validContact({ FullName: 'Queued' }),
      ),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(s.contacts().some((c) => c.FullName === 'Queued')).toBe(false);
    while (s.stats().creates === 0) await wait(10);
    const stored = s.contacts().find((c) => c.FullName === 'Queued');
    expect(Date.now() - sent).toBeGreaterThanOrEqual(600);
    // CreatedOn (whole seconds, UTC) is when it was stored, not when it was sent
    expect(Date.parse(stored?.CreatedOn ?? '')).toBeGreaterThanOrEqual(
      Math.floor((sent + 600) / 1000) * 1000,
    );
    expect(stored?.UpdatedOn).toBe(stored?.CreatedOn);
    // a list shows CreatedOn and UpdatedOn as the API does
    const page = json<Page>(await client('api/billing/contractcontacts?orderBy=Id&dir=Descending'));
    expect(page.Records[0]).toMatchObject({ FullName: 'Queued', CreatedOn: stored?.CreatedOn });
  });

  it('close() cancels a write still waiting to be stored', async () => {
    const s = await sandbox({ writeScript: [{ storeAfterMs: 5000 }] });
    const pending = postContact(api(s), validContact());
    await wait(100);
    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(500);
    await expect(pending).rejects.toBeDefined();
    expect(s.stats().creates).toBe(0);
  });

  it('refuses a step it does not know', async () => {
    await expect(sandbox({ writeScript: ['slow' as never] })).rejects.toThrow(/writeScript/);
  });
});

describe('latency, persistence and shutdown', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('adds latencyMs before every reply', async () => {
    const s = await sandbox({ latencyMs: 80 });
    const started = performance.now();
    expect((await api(s)('api/sys/countries')).statusCode).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('keeps records in --data FILE across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
    dirs.push(dir);
    const file = join(dir, 'records.json');
    const first = await sandbox({ dataFile: file });
    const created = json<Envelope>(
      await postContact(api(first), validContact({ FullName: 'Kept' })),
    );
    expect(created.Value?.Id).toBe(87650003);
    await first.close();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { contacts: unknown[] };
    expect(saved.contacts).toHaveLength(3);

    const second = await sandbox({ dataFile: file });
    expect(second.contacts().map((c) => c.FullName)).toEqual([
      'Olivia Bennett',
      'Durand Conseil',
      'Kept',
    ]);
    const next = json<Envelope>(await postContact(api(second), validContact()));
    expect(next.Value?.Id).toBe(87650004);
    expect(json(await api(second)('api/billing/contractcontacts/87650003'))).toMatchObject({
      FullName: 'Kept',
    });
  });

  it('answers 500 and keeps nothing when the data file cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
    dirs.push(dir);
    // A folder that does not exist: refused at the start, not at the first write.
    await expect(sandbox({ dataFile: join(dir, 'gone', 'records.json') })).rejects.toThrow(
      /cannot write its data file/,
    );
    const file = join(dir, 'records.json');
    const running = await sandbox({ dataFile: file });
    rmSync(dir, { recursive: true });
    const res = await postContact(api(running), validContact());
    expect(res.statusCode).toBe(500);
    expect(running.contacts()).toHaveLength(2);
    mkdirSync(dir);
    const ok = json<Envelope>(await postContact(api(running), validContact()));
    expect(ok.Value?.Id).toBe(87650003);
  });

  it('refuses a data file that is not its own instead of overwriting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
    dirs.push(dir);
    const file = join(dir, 'other.json');
    writeFileSync(file, 'not json');
    await expect(sandbox({ dataFile: file })).rejects.toThrow(/not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('not json');
  });

  it('close() ends promptly with a slow reply pending and idle keep-alive sockets', async () => {
    const s = await sandbox({ faults: { rate: 1, seed: 1, kinds: ['slow-after-create'] } });
    const client = api(s);
    await client('api/sys/countries'); // leaves an idle keep-alive socket
    const pending = postContact(client, validContact());
    while (s.stats().creates === 0) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(500);
    await expect(pending).rejects.toBeDefined();
    await s.close(); // twice is fine
  });

  it('describes itself with the URL, the login and the import command', async () => {
    const s = await sandbox({ password: "it's secret" });
    const text = describeSandbox(s);
    expect(text).toContain(s.url);
    expect(text).toContain(
      `NEXUDUS_USERNAME=admin@sandbox.test NEXUDUS_PASSWORD='it'\\''s secret' npx nexudus-import import FILE --base-url ${s.url}`,
    );
  });
});
