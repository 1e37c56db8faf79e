import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FieldDef } from '../src/fields.js';
import { TEMPLATE_COLUMNS, TEMPLATE_HEADERS } from '../src/template/templateColumns.js';
import { matchHeaders, resolveCountry } from '../src/map/index.js';
import { COUNTRIES } from '../src/sandbox/index.js';
import { templateBytes, templateCsv } from '../src/template/index.js';
import { fontsWithoutName, xlsxPart } from './helpers/fonts.js';
import { TEMPLATE_CSV, TEMPLATE_XLSX } from './helpers/template.js';

const fields: readonly FieldDef[] = TEMPLATE_COLUMNS;

/** The columns a person fills in every day, in the order they think of them, as SPEC lists them. */
const EVERYDAY = [
  'CoworkerContractId',
  'Customer',
  'Plan',
  'FullName',
  'ContractContactType',
  'Email',
  'PhoneNumber',
  'Address',
  'CityName',
  'PostCode',
  'State',
  'CountryId',
  'DateOfBirth',
  'Notes',
  'CoworkerId',
];
/** The anti-money-laundering columns: after the everyday ones, grouped and collapsed. */
const AML = [
  'AmlCheckStatus',
  'AmlCheckDate',
  'AmlOpenSanctionsScore',
  'AmlOpenSanctionsResponse',
  'AmlPappersResponse',
  'AmlPappersStatus',
  'AmlNotes',
  'AmlClearedBy',
  'AmlClearedOn',
];
/** The columns a row is rejected without: the name (the contract takes one of two columns). */
const MUST_FILL = ['FullName'];
const columnOf = (name: string): number => TEMPLATE_HEADERS.indexOf(name) + 1;
const noteText = (note: ExcelJS.Cell['note'] | undefined): string =>
  typeof note === 'string' ? note : (note?.texts ?? []).map((t) => t.text).join('');

describe('the committed templates', () => {
  it('are what `npm run templates` writes now (run it after changing src/fields.ts)', async () => {
    const fresh = await templateBytes('xlsx');
    expect(
      fresh.equals(readFileSync(TEMPLATE_XLSX)),
      'templates/contract-contacts.xlsx drifted',
    ).toBe(true);
    expect(readFileSync(TEMPLATE_CSV, 'utf8')).toBe(templateCsv());
    // and generating is deterministic, or the comparison above could never hold
    expect((await templateBytes('xlsx')).equals(fresh)).toBe(true);
  });

  it('CSV: the Nexudus field names (and Customer, Plan) as the header row, UTF-8 with BOM, CRLF, nothing else', () => {
    expect(readFileSync(TEMPLATE_CSV, 'utf8')).toBe(`\uFEFF${TEMPLATE_HEADERS.join(',')}\r\n`);
    expect(TEMPLATE_HEADERS).toEqual(EVERYDAY.concat(AML));
  });

  it('the headers match every field with no mapping and nothing ignored; Customer and Plan name the contract', () => {
    const { columns, unmatched } = matchHeaders(TEMPLATE_HEADERS);
    expect(unmatched).toEqual([]);
    expect(
      columns.uses.filter((u) => u.leftOut !== undefined).map((u) => [u.header, u.leftOut]),
    ).toEqual([
      ['Customer', 'customer'],
      ['Plan', 'plan'],
    ]);
    expect([columns.customerColumn, columns.planColumn]).toEqual([1, 2]);
    TEMPLATE_HEADERS.forEach((name, i) => {
      if (name !== 'Customer' && name !== 'Plan') {
        expect(columns.fields[name as 'FullName']?.columns).toEqual([i]);
      }
    });
  });
});

describe('the template workbook, opened with exceljs', () => {
  let workbook: ExcelJS.Workbook;
  let contacts: ExcelJS.Worksheet;
  let lists: ExcelJS.Worksheet;
  beforeAll(async () => {
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(TEMPLATE_XLSX);
    contacts = workbook.getWorksheet('Contacts') as ExcelJS.Worksheet;
    lists = workbook.getWorksheet('Lists') as ExcelJS.Worksheet;
  });

  /** The values of a `Lists!$A$2:$A$5` range. */
  function listValues(formula: string): string[] {
    const m = /^Lists!\$([A-Z]+)\$(\d+):\$\1\$(\d+)$/.exec(formula);
    if (!m) throw new Error(`not a Lists range: ${formula}`);
    const values: string[] = [];
    for (let row = Number(m[2]); row <= Number(m[3]); row++) {
      values.push(String(lists.getCell(`${m[1]}${row}`).value));
    }
    return values;
  }

  it('has the sheets Contacts, Instructions and Lists, in that order', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Contacts', 'Instructions', 'Lists']);
  });

  it('Contacts: the field names as headers, frozen, only the columns that cannot be blank bold on amber, a note on each', () => {
    expect(contacts.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const bold: string[] = [];
    fields.forEach((def, i) => {
      const cell = contacts.getCell(1, i + 1);
      expect(cell.value).toBe(def.name);
      const fill = cell.fill as ExcelJS.FillPattern;
      if (cell.font?.bold) {
        bold.push(def.name);
        expect(fill.fgColor?.argb, def.name).toBe('FFFFD966');
      } else {
        expect(fill.fgColor?.argb, def.name).toBe('FFEDEDED');
      }
      const note = noteText(cell.note);
      expect(note, def.name).toContain(def.description);
      expect(note).toContain(`Example: ${def.example}`);
      for (const value of def.values ?? []) expect(note).toContain(value.label);
      expect(contacts.getColumn(i + 1).width ?? 0).toBeGreaterThan(def.name.length);
    });
    expect(bold).toEqual(MUST_FILL);
    expect(noteText(contacts.getCell(1, columnOf('ContractContactType')).note)).toContain(
      'If blank: Director.',
    );
  });

  it('Contacts: everyday columns first, then the AML columns in a collapsed outline group', async () => {
    expect(fields.map((f) => f.name)).toEqual(EVERYDAY.concat(AML));
    fields.forEach((def, i) => {
      const column = contacts.getColumn(i + 1);
      const aml = AML.includes(def.name);
      expect([column.outlineLevel, column.hidden], def.name).toEqual(aml ? [1, true] : [0, false]);
    });
    // What makes Excel and LibreOffice draw the group, closed, with its +.
    expect(contacts.properties.outlineLevelCol).toBe(1);
    expect(contacts.properties.outlineProperties).toEqual({
      summaryBelow: true,
      summaryRight: true,
    });
    // exceljs works `collapsed` out when reading, so the + column is checked in the XML.
    const sheetXml = await xlsxPart(TEMPLATE_XLSX, 'xl/worksheets/sheet1.xml');
    const after = fields.length + 1;
    expect(sheetXml).toMatch(new RegExp(`<col min="${after}" max="${after}"[^>]* collapsed="1"`));
    expect(sheetXml.match(/collapsed="1"/g)).toHaveLength(1);
  });

  it('every font of the workbook has a name (LibreOffice shows an unnamed one as a serif)', async () => {
    expect(await fontsWithoutName(TEMPLATE_XLSX)).toEqual([]);
  });

  it('dropdowns that warn (never refuse) on ContractContactType, AmlCheckStatus and CountryId, rows 2 to 1001', () => {
    for (const def of fields.filter((f) => f.kind === 'enum' || f.kind === 'country')) {
      for (const row of [2, 500, 1001]) {
        const validation = contacts.getCell(row, columnOf(def.name)).dataValidation;
        // A stop alert would refuse `DE`, `CompanyAlias` or `3`, which the importer accepts.
        expect(validation, `${def.name} row ${row}`).toMatchObject({
          type: 'list',
          allowBlank: true,
          showErrorMessage: true,
          errorStyle: 'warning',
          showInputMessage: true,
        });
        expect(validation.prompt).toBeTruthy();
        expect(validation.error).toBeTruthy();
      }
      expect(contacts.getCell(1002, columnOf(def.name)).dataValidation).toBeUndefined();
      const formula = contacts.getCell(2, columnOf(def.name)).dataValidation.formulae[0] as string;
      const offered = listValues(formula);
      if (def.kind === 'enum') {
        expect(offered).toEqual(def.values?.map((v) => v.label));
      } else {
        expect(offered).toHaveLength(COUNTRIES.length);
      }
    }
  });

  it("the country's warning says an ISO code such as DE is fine, and the importer takes DE", () => {
    const validation = contacts.getCell(2, columnOf('CountryId')).dataValidation;
    expect(validation.error).toMatch(/ISO code such as DE/);
    expect(resolveCountry('DE', COUNTRIES)).toMatchObject({ ok: true, code: 'DE' });
  });

  it('every country the dropdown offers resolves to that country of the account', () => {
    const formula = contacts.getCell(2, columnOf('CountryId')).dataValidation.formulae[0] as string;
    const names = listValues(formula);
    const column = /\$([A-Z]+)\$/.exec(formula)?.[1] ?? '';
    const codeColumn = lists.getColumn(column).number + 1;
    names.forEach((name, i) => {
      const code = String(lists.getCell(i + 2, codeColumn).value);
      const id = COUNTRIES.find((c) => c.TwoDigitsCode === code)?.Id;
      expect(resolveCountry(name, COUNTRIES), name).toEqual({ ok: true, id, code });
    });
  });

  it('formats: dates yyyy-mm-dd, post code and phone as text, Ids as whole numbers', () => {
    for (const def of fields) {
      const expected = {
        date: 'yyyy-mm-dd',
        integer: '0',
        verbatim: '@',
      }[def.kind as string];
      if (!expected) continue;
      for (const row of [2, 1001]) {
        expect(contacts.getCell(row, columnOf(def.name)).numFmt, `${def.name} ${row}`).toBe(
          expected,
        );
      }
      const validation = contacts.getCell(2, columnOf(def.name)).dataValidation;
      expect(validation.type).toBe(
        def.kind === 'date' ? 'date' : def.kind === 'integer' ? 'whole' : 'any',
      );
    }
    expect(contacts.getCell(2, columnOf('PostCode')).numFmt).toBe('@');
    expect(contacts.getCell(2, columnOf('PhoneNumber')).numFmt).toBe('@');
    // every column tells what it wants when a cell is selected
    fields.forEach((def, i) =>
      expect(contacts.getCell(2, i + 1).dataValidation?.prompt).toBeTruthy(),
    );
  });

  it('Instructions: one row per column with required, what to enter, accepted values, example, blank', () => {
    const sheet = workbook.getWorksheet('Instructions') as ExcelJS.Worksheet;
    let heading = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === 'Column') heading = n;
    });
    expect(heading).toBeGreaterThan(0);
    expect((sheet.getRow(heading).values as unknown[]).slice(1)).toEqual([
      'Column',
      'Required?',
      'What to enter',
      'Accepted values',
      'Example',
      'If left blank',
    ]);
    // The table's rows, in order, as the Contacts sheet's columns; one line marks the AML ones.
    const rows: unknown[][] = [];
    for (let n = heading + 1; n <= sheet.rowCount; n++) {
      rows.push((sheet.getRow(n).values as unknown[]).slice(1));
    }
    const amlLine = rows.findIndex((r) => r.length === 1);
    expect(String(rows[amlLine]?.[0])).toMatch(/^AML .*closed group/);
    expect(rows.filter((r) => r.length > 1).map((r) => r[0])).toEqual(EVERYDAY.concat(AML));
    expect(rows.slice(amlLine + 1).map((r) => r[0])).toEqual(AML);
    const row = (name: string) => rows.find((r) => r[0] === name) ?? [];
    fields.forEach((def) => {
      const [name, required, what, accepted, example, blank] = row(def.name);
      expect(name).toBe(def.name);
      expect(
        String(required).startsWith(MUST_FILL.includes(def.name) ? 'Yes' : 'No'),
        def.name,
      ).toBe(!['CoworkerContractId', 'Customer'].includes(def.name));
      expect(what).toBe(def.description);
      expect(accepted).toBeTruthy();
      expect(example).toBe(def.example);
      expect(blank).toBeTruthy();
    });
    expect(row('CoworkerContractId')[1]).toBe('One of CoworkerContractId or Customer');
    expect(row('Customer')[1]).toBe('One of CoworkerContractId or Customer');
    expect(row('ContractContactType')[1]).toBe('No (blank means Director)');
    expect(row('AmlCheckStatus')[1]).toBe('No (blank means Not started)');
    expect(row('ContractContactType')[5]).toBe('Director');
    expect(row('AmlCheckStatus')[5]).toBe('Not started');
    expect(row('ContractContactType')[3]).toContain('Company alias');
  });
});
