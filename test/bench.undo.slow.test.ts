import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../bench/measure.js';
import { QUICK } from '../bench/plan.js';
import { SECTION_RUNNERS } from '../bench/sections.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-undo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench, undo section', () => {
  // The child runs the built CLI; `npm test` builds dist/ before the tests.
  it.skipIf(!existsSync(CLI.replace(/bin[/\\]nexudus-import\.js$/, 'dist/cli.js')))(
    'an undo of 300 creates at 3,000 writes a minute deletes all 300, with no 409, reading them in 3 GETs',
    async () => {
      const { figures, raw } = await SECTION_RUNNERS.undo(QUICK, { data: tmp, tmp });
      expect(raw).toMatchObject({ records: 300, deletes: 300, throttled: 0, readRequests: 3 });
      expect(figures.map((f) => f.id)).toEqual(['undo-ratio', 'undo-409', 'undo-gets']);
      // the pace is the benchmark's to judge (a shared machine moves it); the counts are exact
    },
    60_000,
  );
});
