import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../src/sandbox/index.js';
import {
  api,
  closeSandboxesAfterEach,
  json,
  postContact,
  sandbox,
  validContact,
} from './sandbox.helpers.js';

closeSandboxesAfterEach();

/** Live timers and sockets of this process, by kind. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

describe('sandbox under faults and load', () => {
  it('survives 400 concurrent requests with every fault kind, and leaks nothing', async () => {
    const before = resources();
    const s = await sandbox({
      writesPerMinute: 150,
      requestsPerMinute: false,
      latencyMs: 2,
      faults: { rate: 0.3, seed: 2024, slowMs: 300 },
    });
    const client = api(s).extend({ timeout: { request: 150 } });
    const created = new Set<number>();
    const outcomes: Record<string, number> = {};
    let next = 0;
    async function worker() {
      while (next < 400) {
        const i = next++;
        const request =
          i % 4 === 0
            ? client('api/billing/contractcontacts?ContractContact_CoworkerContract=7103')
            : postContact(client, validContact({ FullName: `Contact ${i}` }));
        try {
          const res = await request;
          outcomes[res.statusCode] = (outcomes[res.statusCode] ?? 0) + 1;
          const id =
            res.statusCode === 200 ? json<{ Value?: { Id: number } }>(res).Value?.Id : undefined;
          if (id !== undefined) created.add(id);
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'error';
          outcomes[code] = (outcomes[code] ?? 0) + 1;
        }
      }
    }
    await Promise.all(Array.from({ length: 12 }, worker));

    const stats = s.stats();
    expect(stats.requests).toBe(400);
    expect(outcomes['200']).toBeGreaterThan(100);
    expect(outcomes['409']).toBeGreaterThan(0); // the write limit and the injected 409s
    expect(outcomes['ECONNRESET']).toBeGreaterThan(0);
    expect(outcomes['ETIMEDOUT']).toBeGreaterThan(0);
    // Every kind a fault storm draws from (the opt-in ones are asked for by name only).
    for (const kind of FAULT_KINDS) expect(stats.faults[kind]).toBeGreaterThan(0);
    // Every Id a client was told about exists; the others were created by an "after" fault.
    const stored = new Set(s.contacts().map((c) => c.Id));
    for (const id of created) expect(stored.has(id)).toBe(true);
    expect(s.contacts().length - 2).toBe(stats.creates);
    expect(stats.writes).toBeLessThanOrEqual(150);

    // Still serving normally.
    expect((await api(s)('api/sys/countries')).statusCode).toBe(200);

    const started = performance.now();
    await s.close();
    expect(performance.now() - started).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 50));
    const after = resources();
    expect(after['Timeout'] ?? 0).toBeLessThanOrEqual(before['Timeout'] ?? 0);
    expect(after['TCPServerWrap'] ?? 0).toBeLessThanOrEqual(before['TCPServerWrap'] ?? 0);
    expect(after['TCPSocketWrap'] ?? 0).toBeLessThanOrEqual(before['TCPSocketWrap'] ?? 0);
  });
});

describe('a 100,000-contact account', () => {
  it('starts, reads in 101 pages of 1000, filters by contract and takes writes', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const s = await sandbox({ extraContacts: 100_000 });
    const startMs = performance.now() - started;
    const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    expect(s.contactCount()).toBe(100_002);

    const client = api(s);
    const readStarted = performance.now();
    const ids = new Set<number>();
    let pages = 0;
    for (let page = 1; ; page++) {
      const reply = json<{ Records: { Id: number }[]; HasNextPage: boolean }>(
        await client(`api/billing/contractcontacts?size=1000&page=${page}`),
      );
      for (const record of reply.Records) ids.add(record.Id);
      pages = page;
      if (!reply.HasNextPage) break;
    }
    const readMs = performance.now() - readStarted;
    expect(ids.size).toBe(100_002);
    expect(pages).toBe(101);

    const on7103 = json<{ TotalItems: number }>(
      await client('api/billing/contractcontacts?ContractContact_CoworkerContract=7103&size=1'),
    );
    expect(on7103.TotalItems).toBe(
      s.contacts().filter((c) => c.CoworkerContractId === 7103).length,
    );

    // A batch read of 100 and a PUT of each: the shape of an update run.
    const writesStarted = performance.now();
    const batch = json<{ Records: Record<string, unknown>[] }>(
      await client(
        `api/billing/contractcontacts?size=100&id=[${[...ids].slice(5000, 5100).join(',')}]`,
      ),
    );
    expect(batch.Records).toHaveLength(100);
    for (const record of batch.Records) {
      const res = await client.put('api/billing/contractcontacts', {
        json: { ...record, Notes: 'Checked in the 2026 AML refresh.' },
      });
      expect(res.statusCode).toBe(200);
    }
    const writesMs = performance.now() - writesStarted;
    expect(s.stats().updates).toBe(100);
    // eslint-disable-next-line no-console
    console.info(
      `100,000 extra contacts: started in ${Math.round(startMs)} ms, heap +${Math.round(heapMB)} MB, ` +
        `read in ${pages} pages in ${Math.round(readMs)} ms, 100 PUTs in ${Math.round(writesMs)} ms`,
    );
  }, 120_000);
});
