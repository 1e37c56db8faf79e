import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_HEADERS } from '../src/template/templateColumns.js';
import { openSource } from '../src/read/index.js';
import { countryChoices } from '../src/template/index.js';
import { sampleWorkbookBytes } from '../src/template/sample.js';
import { readReport, readSummary, runCli, tempDir } from './helpers/run.js';

const SAMPLES = join(import.meta.dirname, '..', 'samples');
const SAMPLE_CSV = join(SAMPLES, 'contract-contacts.csv');
const SAMPLE_XLSX = join(SAMPLES, 'contract-contacts.xlsx');

/** The deliberate mistakes of both samples: row → the one field at fault. */
const MISTAKES = {
  '7': 'Email', // katrin.vogel@example has no domain
  '10': 'ContractContactType', // Secretary
  '11': 'DateOfBirth', // 1981-02-29
  '13': 'CoworkerContractId', // no contract 9999
};

describe('the samples', () => {
  it('the XLSX is what `npm run samples` builds from the template and the CSV', async () => {
    const fresh = await sampleWorkbookBytes(SAMPLE_CSV);
    expect(fresh.equals(readFileSync(SAMPLE_XLSX)), 'samples/contract-contacts.xlsx drifted').toBe(
      true,
    );
  });

  it('the CSV uses the template headers, the XLSX is a filled-in template with the same rows', async () => {
    const csv = await openSource(SAMPLE_CSV);
    for (const header of csv.headers) expect(TEMPLATE_HEADERS).toContain(header);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(SAMPLE_XLSX);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Contacts', 'Instructions', 'Lists']);
    const sheet = workbook.getWorksheet('Contacts') as ExcelJS.Worksheet;
    const cell = (row: number, field: string) =>
      sheet.getCell(row, TEMPLATE_HEADERS.indexOf(field) + 1).value;
    const countries = new Set(countryChoices().map((c) => c.name));
    for await (const source of csv.rows()) {
      const name = source.cells[csv.headers.indexOf('FullName')];
      expect(cell(source.row, 'FullName') ?? '', `row ${source.row}`).toBe(name ?? '');
      const country = cell(source.row, 'CountryId');
      if (country !== null) expect(countries, `row ${source.row}`).toContain(country);
    }
    expect(cell(12, 'CoworkerContractId')).toBeNull(); // the CSV's blank line stays a blank row
    expect(cell(5, 'DateOfBirth')).toEqual(new Date('1979-06-23T00:00:00Z')); // a real date cell
    expect(cell(11, 'DateOfBirth')).toBe('1981-02-29'); // no such date: text, as a spreadsheet keeps it
    expect(cell(5, 'PostCode')).toBe('75002');
    expect(cell(11, 'PostCode')).toBe('01620');
    expect(cell(5, 'CoworkerContractId')).toBe(7102);
    expect(cell(6, 'CountryId')).toBe('Germany'); // DE in the CSV: the dropdown's name here
  });

  it('import samples/contract-contacts.xlsx --sandbox exits 1, its errors file naming exactly the mistakes', async () => {
    const cwd = tempDir();
    const run = await runCli(
      ['import', SAMPLE_XLSX, '--sandbox', '--out', 'r', '--writes-per-minute', '6000'],
      { cwd },
    );
    expect(run.code).toBe(1);
    const dir = join(cwd, 'r');
    const errors = readReport(join(dir, 'errors.csv'));
    expect(errors.map((e) => e.Row)).toEqual(Object.keys(MISTAKES));
    for (const error of errors) {
      const problems = (error.Errors ?? '').split(' | ');
      expect(problems, `row ${error.Row}`).toHaveLength(1);
      expect(problems[0]?.split(':')[0]).toBe(MISTAKES[error.Row as keyof typeof MISTAKES]);
    }
    expect(errors.find((e) => e.Row === '11')?.DateOfBirth).toBe('1981-02-29');

    const created = readReport(join(dir, 'created.csv'));
    expect(created.filter((c) => c.Result === 'existing').map((c) => c.Row)).toEqual(['2']);
    expect(created.filter((c) => c.Result === 'created').map((c) => c.Row)).toEqual([
      '3',
      '4',
      '5',
      '6',
      '8',
      '9',
      '14',
    ]);
    // Rows 4, 8 and 14 name their contract by its customer: created.csv shows the one found.
    const byRow = new Map(created.map((c) => [c.Row, c]));
    expect(['4', '8', '14'].map((row) => byRow.get(row)?.CoworkerContractId)).toEqual([
      '7101',
      '7104',
      '7105',
    ]);
    expect(readSummary(dir).counts).toEqual({
      rows: 13,
      created: 7,
      existing: 1,
      updated: 0,
      unchanged: 0,
      failed: 4,
      blank: 1,
      notAttempted: 0,
    });
  });
});
