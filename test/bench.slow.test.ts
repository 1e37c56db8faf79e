import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { met } from '../bench/figures.js';
import { CLI } from '../bench/measure.js';
import { QUICK } from '../bench/plan.js';
import { SECTION_RUNNERS } from '../bench/sections.js';

/**
 * The smallest piece of `npm run bench -- --quick` (preflight: 100 rows over 10 contracts, one
 * import child against the sandbox, under 2 s), so the harness itself cannot rot unnoticed. The
 * timed figures are never asserted here: they belong to `npm run bench` on a quiet machine.
 */
const tmp = mkdtempSync(join(tmpdir(), 'bench-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench --quick, preflight section', () => {
  // The child runs the built CLI; `npm test` builds dist/ before the tests.
  it.skipIf(!existsSync(CLI.replace(/bin[/\\]nexudus-import\.js$/, 'dist/cli.js')))(
    'counts the GETs of a real import: countries, one batch of contracts, the account read whole (one page: fewer than one list per contract)',
    async () => {
      const { figures, raw } = await SECTION_RUNNERS.preflight(QUICK, { data: tmp, tmp });
      const { rows, contracts } = QUICK.preflight;
      expect(raw).toMatchObject({
        rows,
        contracts,
        byRoute: {
          '/api/sys/countries': 1,
          '/api/billing/coworkercontracts': 1,
          '/api/billing/contractcontacts': 1,
        },
      });
      const [figure] = figures;
      expect(figure?.id).toBe('preflight-gets');
      expect(figure?.value).toBe((3 * 1000) / rows);
      expect(met(figure!)).toBeUndefined();
    },
    20_000,
  );
});

describe('bench --quick, hourly section', () => {
  it.skipIf(!existsSync(CLI.replace(/bin[/\\]nexudus-import\.js$/, 'dist/cli.js')))(
    'runs a paced import through a compressed hour that fills and slides, with no 409',
    async () => {
      const { figures, raw } = await SECTION_RUNNERS.hourly(QUICK, { data: tmp, tmp });
      const { requestsPerHour, contracts } = QUICK.hourly;
      const r = raw as { requests: number; preflightRequests: number; mostInAnHour: number };
      expect(r.requests).toBeGreaterThan(requestsPerHour); // the hour filled and slid
      // SPEC's bound: countries, ⌈contracts/100⌉ batches, min(contracts, 1 page) + 1
      expect(r.preflightRequests).toBeGreaterThan(0);
      expect(r.preflightRequests).toBeLessThanOrEqual(1 + Math.ceil(contracts / 100) + 1 + 1);
      expect(r.mostInAnHour).toBeLessThanOrEqual(requestsPerHour);
      const throttled = figures.find((f) => f.id === 'hourly-409');
      expect(throttled?.value).toBe(0);
      expect(figures.map((f) => f.id)).toEqual(['hourly-ratio', 'hourly-409']);
    },
    60_000,
  );
});
