import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/sandbox/index.js';
import { besidesReading, readSummary } from './helpers/run.js';
import { FILLED, fillTemplate, importInto } from './helpers/template.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

describe('a filled-in template', () => {
  it('imports with no options: every row created with the payload its cells say', async () => {
    const file = join(cwd, 'filled.xlsx');
    await fillTemplate(
      file,
      FILLED.map((f) => f.typed),
    );
    const before = sandbox.contacts().length;
    const run = await importInto(sandbox, cwd, file);
    // every column matched: nothing said but how the file was read
    expect(besidesReading(run.stderr)).toBe('');
    expect(run.stderr).not.toMatch(/left out|no field/);
    expect(run.code).toBe(0);
    expect(readSummary(join(cwd, 'r')).counts).toMatchObject({
      rows: FILLED.length,
      created: FILLED.length,
      failed: 0,
    });
    const created = sandbox.contacts().slice(before);
    expect(created).toHaveLength(FILLED.length);
    for (const { stored } of FILLED) {
      const record = created.find((r) => r.FullName === stored.FullName);
      expect(record, String(stored.FullName)).toBeDefined();
      // exactly these fields: nothing blank was sent
      const { Id: _id, CreatedOn: _c, UpdatedOn: _u, UniqueId: _q, ...payload } = record ?? {};
      expect(payload).toEqual(stored);
    }
  });
});
