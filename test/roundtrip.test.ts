import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ContractContactRecord, Sandbox } from '../src/sandbox/index.js';
import { createContact, readWorkbook, runExport } from './helpers/exported.js';
import { readReport, readSummary, runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

const UNPACED = { writesPerMinute: false, requestsPerMinute: false } as const;

/** What a PUT may change besides the fields it names: when, and by whom. */
const comparable = ({ UpdatedOn: _u, ...rest }: ContractContactRecord) => rest;

/** The column of a header in the Contacts sheet (1-based). */
function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, n) => {
    if (cell.value === header) found = n;
  });
  if (!found) throw new Error(`no ${header} column`);
  return found;
}

/** LibreOffice's command, when this machine has it (tests that need it say so and skip). */
const SOFFICE = ['soffice', 'libreoffice'].find(
  (command) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0,
);

describe('round trip: export, two cells edited in a copy another program saved, import --update', () => {
  let sandbox: Sandbox;
  let cwd: string;
  sandboxPerTest({ ...UNPACED, extraContacts: 30, accountSeed: 5 }, (s, c) => {
    sandbox = s;
    cwd = c;
  });

  const importUpdate = (file: string, out: string) =>
    runCli(
      [
        'import',
        file,
        '--update',
        '--base-url',
        sandbox.url,
        '--out',
        out,
        // the pace has its own tests: these are about what is sent
        '--writes-per-minute',
        '6000',
        '--requests-per-minute',
        '6000',
      ],
      {
        cwd,
        env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password },
      },
    );

  /**
   * Exports the account, then changes a phone number on the sheet's 2nd data row and the AML
   * status on its 10th, and saves the copy with exceljs's own (non-streaming) writer: shared
   * strings, its own styles, not the file our streaming writer made.
   */
  async function exportAndEdit(): Promise<{ edited: string; ids: [number, number] }> {
    const run = await runExport(sandbox, cwd, ['--out', 'contacts.xlsx']);
    expect(run.code, run.stderr).toBe(0);
    const workbook = await readWorkbook(join(cwd, 'contacts.xlsx'));
    const sheet = workbook.getWorksheet('Contacts')!;
    const id = columnOf(sheet, 'Id');
    const phone = sheet.getRow(3).getCell(columnOf(sheet, 'PhoneNumber'));
    phone.value = '+44 20 7946 0111';
    const status = sheet.getRow(11).getCell(columnOf(sheet, 'AmlCheckStatus'));
    status.value = status.value === 'Potential match' ? 'Clear' : 'Potential match';
    const ids: [number, number] = [
      Number(sheet.getRow(3).getCell(id).value),
      Number(sheet.getRow(11).getCell(id).value),
    ];
    await workbook.xlsx.writeFile(join(cwd, 'edited.xlsx'));
    return { edited: 'edited.xlsx', ids };
  }

  /** The two edits reached Nexudus, and nothing else changed on any contact. */
  function expectOnlyTheTwoEdits(before: ContractContactRecord[], ids: [number, number]): void {
    const after = new Map(sandbox.contacts().map((c) => [c.Id, c]));
    expect(after.size).toBe(before.length);
    for (const old of before) {
      const now = after.get(old.Id)!;
      if (old.Id === ids[0]) {
        expect(comparable(now)).toEqual({ ...comparable(old), PhoneNumber: '+44 20 7946 0111' });
      } else if (old.Id === ids[1]) {
        expect(now.AmlCheckStatus).not.toBe(old.AmlCheckStatus);
        expect(comparable(now)).toEqual({ ...comparable(old), AmlCheckStatus: now.AmlCheckStatus });
      } else {
        expect(now).toEqual(old);
      }
    }
  }

  it('sends exactly two PUTs, keeps every other field, lists the two cells in changes.csv; the same command again sends nothing', async () => {
    const before = sandbox.contacts();
    const { edited, ids } = await exportAndEdit();

    const first = await importUpdate(edited, 'first');
    expect(first.code, first.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(2);
    expect(sandbox.stats().creates).toBe(0);
    expectOnlyTheTwoEdits(before, ids);
    const changes = readReport(join(cwd, 'first', 'changes.csv'));
    expect(changes.map((c) => [c.Row, c.Id, c.Field])).toEqual([
      ['3', String(ids[0]), 'PhoneNumber'],
      ['11', String(ids[1]), 'AmlCheckStatus'],
    ]);
    expect(changes[0]?.After).toBe('+44 20 7946 0111');
    // created.csv: the file's own Id column holds each record's Id; no second Id column
    const createdLines = readFileSync(join(cwd, 'first', 'created.csv'), 'utf8').split('\r\n');
    expect(createdLines[0]?.split(',').filter((h) => h === 'Id')).toEqual(['Id']);
    const created = readReport(join(cwd, 'first', 'created.csv'));
    expect(created.map((r) => Number(r.Id)).sort((a, b) => a - b)).toEqual(
      before.map((c) => c.Id).sort((a, b) => a - b),
    );
    expect(created.filter((r) => r.Result === 'updated').map((r) => Number(r.Id))).toEqual(ids);
    const counts = readSummary(join(cwd, 'first')).counts;
    expect(counts).toMatchObject({
      updated: 2,
      unchanged: before.length - 2,
      created: 0,
      failed: 0,
    });

    const again = await importUpdate(edited, 'again');
    expect(again.code, again.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(2);
    expect(sandbox.stats().creates).toBe(0);
    expect(readSummary(join(cwd, 'again')).counts).toMatchObject({
      updated: 0,
      unchanged: before.length,
    });
    expect(readReport(join(cwd, 'again', 'changes.csv'))).toEqual([]);
  });

  it.skipIf(!SOFFICE)(
    'the same with the copy saved again by LibreOffice (skipped where LibreOffice is not installed)',
    async () => {
      const before = sandbox.contacts();
      const { edited, ids } = await exportAndEdit();
      const out = mkdtempSync(join(tmpdir(), 'soffice-'));
      execFileSync(
        SOFFICE!,
        [
          `-env:UserInstallation=file://${out}/profile`,
          '--headless',
          '--convert-to',
          'xlsx',
          '--outdir',
          out,
          join(cwd, edited),
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      copyFileSync(join(out, 'edited.xlsx'), join(cwd, 'libreoffice.xlsx'));
      const run = await importUpdate('libreoffice.xlsx', 'lo');
      expect(run.code, run.stderr).toBe(0);
      expect(sandbox.stats().updates).toBe(2);
      expectOnlyTheTwoEdits(before, ids);
    },
    180_000,
  );

  it('CSV: formula-like text comes back exactly (the quote export adds is taken off, a quote typed stays); one edited cell, one PUT', async () => {
    const id = await createContact(sandbox, {
      CoworkerContractId: sandbox.contacts()[0]!.CoworkerContractId,
      FullName: '@Home Trading',
      ContractContactType: 2,
      AmlCheckStatus: 0,
      Notes: '=SUM(A1:A3)',
      AmlNotes: "'=kept as typed",
      PhoneNumber: '+44 20 7946 0958',
    });
    const before = sandbox.contacts();
    const run = await runExport(sandbox, cwd, ['--out', 'contacts.csv']);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(cwd, 'contacts.csv'), 'utf8');
    expect(text).toContain("'=SUM(A1:A3)");

    const same = await importUpdate('contacts.csv', 'same');
    expect(same.code, same.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(0);
    expect(sandbox.contacts()).toEqual(before);

    // A person changes the phone number of the new contact in a text editor.
    writeFileSync(join(cwd, 'edited.csv'), text.replace('+44 20 7946 0958', '+44 20 7946 0959'));
    const edited = await importUpdate('edited.csv', 'edited');
    expect(edited.code, edited.stderr).toBe(0);
    expect(sandbox.stats().updates).toBe(1);
    const now = sandbox.contacts().find((c) => c.Id === id)!;
    const old = before.find((c) => c.Id === id)!;
    expect(comparable(now)).toEqual({ ...comparable(old), PhoneNumber: '+44 20 7946 0959' });
    expect(now.Notes).toBe('=SUM(A1:A3)');
    expect(now.AmlNotes).toBe("'=kept as typed");
  });
});
