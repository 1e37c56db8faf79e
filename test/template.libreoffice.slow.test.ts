import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/sandbox/index.js';
import { besidesReading } from './helpers/run.js';
import { TEMPLATE_HEADERS } from '../src/template/templateColumns.js';
import { FILLED, fillTemplate, importInto } from './helpers/template.js';
import { sandboxPerTest } from './helpers/sandbox.js';

/** LibreOffice's command, when installed (`apt-get install libreoffice-calc-nogui`). */
function soffice(): string | undefined {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const SOFFICE = soffice();
const title = SOFFICE
  ? 'imports the same after LibreOffice opened and saved it again'
  : 'imports the same after LibreOffice opened and saved it again: SKIPPED, LibreOffice (soffice) is not installed (apt-get install libreoffice-calc-nogui)';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

describe('a filled-in template re-saved by LibreOffice', () => {
  it.skipIf(!SOFFICE)(
    title,
    async () => {
      const filled = join(cwd, 'filled.xlsx');
      await fillTemplate(
        filled,
        FILLED.map((f) => f.typed),
      );
      const out = join(cwd, 'libreoffice');
      // Its own profile: a LibreOffice already running (or another test) cannot get in the way.
      const profile = pathToFileURL(join(cwd, 'profile')).href;
      execFileSync(
        SOFFICE ?? 'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--convert-to',
          'xlsx',
          '--outdir',
          out,
          filled,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const resaved = join(out, 'filled.xlsx');

      // What LibreOffice kept: the sheets, the dropdowns, the notes, the cell kinds.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(resaved);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Contacts', 'Instructions', 'Lists']);
      const sheet = workbook.getWorksheet('Contacts') as ExcelJS.Worksheet;
      const cell = (row: number, name: string) =>
        sheet.getCell(row, TEMPLATE_HEADERS.indexOf(name) + 1);
      // The dropdowns still only warn: LibreOffice kept the DE typed under the country's.
      for (const name of ['ContractContactType', 'AmlCheckStatus', 'CountryId']) {
        expect(cell(2, name).dataValidation, name).toMatchObject({
          type: 'list',
          errorStyle: 'warning',
        });
      }
      const karl = FILLED.findIndex((f) => f.typed.CountryId === 'DE') + 2;
      expect(cell(karl, 'CountryId').value).toBe('DE');
      expect(cell(karl, 'AmlCheckStatus').value).toBeNull();
      expect(sheet.getCell('A1').note).toBeTruthy();
      expect(cell(2, 'DateOfBirth').value).toBeInstanceOf(Date);
      expect(cell(2, 'PostCode').value).toBe('01620');
      // The AML columns are still grouped and closed; the others shown.
      TEMPLATE_HEADERS.forEach((name, i) => {
        const column = sheet.getColumn(i + 1);
        const aml = name.startsWith('Aml');
        expect([column.outlineLevel, column.hidden], name).toEqual(aml ? [1, true] : [0, false]);
      });

      const before = sandbox.contacts().length;
      const run = await importInto(sandbox, cwd, resaved);
      // every column matched: nothing said but how the file was read
      expect(besidesReading(run.stderr)).toBe('');
      expect(run.stderr).not.toMatch(/left out|no field/);
      expect(run.code).toBe(0);
      const created = sandbox.contacts().slice(before);
      expect(created).toHaveLength(FILLED.length);
      for (const { stored } of FILLED) {
        const record = created.find((r) => r.FullName === stored.FullName);
        const { Id: _id, CreatedOn: _c, UpdatedOn: _u, UniqueId: _q, ...payload } = record ?? {};
        expect(payload, String(stored.FullName)).toEqual(stored);
      }
    },
    180_000,
  );
});
