import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT_COLUMNS, FIELD_NAMES, ID_COLUMN } from '../src/fields.js';
import { openSource } from '../src/read/index.js';
import { startSandbox } from '../src/sandbox/index.js';
import { runExport } from './helpers/exported.js';
import { readSummary, runCli, tempDir } from './helpers/run.js';

/** 100,000 contacts: every one in the file once, in order, a sample of values as stored. */
describe('export of a large account', () => {
  it('writes 100,000 contacts, each once, readable by our own reader; imported again with --update: 100,000 unchanged, no write', async () => {
    const sandbox = await startSandbox({
      port: 0,
      writesPerMinute: false,
      requestsPerMinute: false,
      requestsPerHour: false,
      extraContacts: 99_998,
    });
    const cwd = tempDir();
    try {
      const run = await runExport(sandbox, cwd, [
        '--out',
        'all.xlsx',
        '--requests-per-minute',
        '1000000',
        '--requests-per-hour',
        '100000000',
      ]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Exported 100,000 contacts to all\.xlsx/);
      const stored = sandbox.contacts();
      const table = await openSource(join(cwd, 'all.xlsx'));
      expect(table.headers).toEqual([ID_COLUMN, ...FIELD_NAMES, ...CONTEXT_COLUMNS]);
      const at = (name: string) => table.headers.indexOf(name);
      let n = 0;
      for await (const row of table.rows()) {
        const record = stored[n]!;
        expect(row.cells[at('Id')]).toBe(record.Id);
        if (n % 997 === 0) {
          expect(row.cells[at('FullName')]).toBe(record.FullName);
          expect(row.cells[at('CoworkerContractId')]).toBe(record.CoworkerContractId);
          expect(row.cells[at('PhoneNumber')] ?? undefined).toBe(record.PhoneNumber);
          expect(row.cells[at('Email')] ?? undefined).toBe(record.Email);
        }
        n += 1;
      }
      expect(n).toBe(100_000);
      expect(sandbox.stats().gets['/api/billing/contractcontacts']).toBe(100);

      // The file as exported, imported again with --update: every contact unchanged, no write.
      const again = await runCli(
        [
          'import',
          'all.xlsx',
          '--update',
          '--base-url',
          sandbox.url,
          '--out',
          'again',
          '--requests-per-minute',
          '1000000',
          '--requests-per-hour',
          '100000000',
          '--quiet',
        ],
        { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
      );
      expect(again.code, again.stderr).toBe(0);
      expect(readSummary(join(cwd, 'again')).counts).toMatchObject({
        rows: 100_000,
        unchanged: 100_000,
        updated: 0,
        created: 0,
        failed: 0,
      });
      expect(sandbox.stats().writes).toBe(0);
      expect(sandbox.contacts()).toEqual(stored);
    } finally {
      await sandbox.close();
    }
  }, 300_000);
});
