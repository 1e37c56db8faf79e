import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { met } from '../bench/figures.js';
import { CLI } from '../bench/measure.js';
import { QUICK } from '../bench/plan.js';
import { SECTION_RUNNERS } from '../bench/sections.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-update-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench, update section', () => {
  // The child runs the built CLI; `npm test` builds dist/ before the tests.
  it.skipIf(!existsSync(CLI.replace(/bin[/\\]nexudus-import\.js$/, 'dist/cli.js')))(
    'an update of 2,000 contacts of which 200 differ sends exactly 200 writes, all PUTs',
    async () => {
      const { figures, raw } = await SECTION_RUNNERS.update(QUICK, { data: tmp, tmp });
      expect(raw).toMatchObject({
        rows: 2000,
        changed: 200,
        writes: 200,
        updates: 200,
        creates: 0,
        updated: 200,
        unchanged: 1800,
      });
      const [figure] = figures;
      expect(figure?.id).toBe('update-writes');
      expect(met(figure!)).toBe(true);
    },
    60_000,
  );
});
