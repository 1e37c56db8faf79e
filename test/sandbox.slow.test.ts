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
