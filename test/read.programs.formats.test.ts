/**
 * SPEC "Reading": a number with a display format, read into a text field, is the text Excel
 * shows; an elapsed-time format (`[h]:mm:ss`) is a duration, not a date. The same five rows
 * written by four programs, each of which stores the formats its own way (README.md in
 * test/fixtures/programs): the target payloads, one assertion per cell, so a failure names the
 * format that is not rendered yet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importFixture, type Imported, type Stored } from './helpers/programs.js';

/** The target records of every *-formats.xlsx file, by row. */
const TARGET: Readonly<Record<number, Stored>> = {
  2: {
    CoworkerContractId: 7101,
    FullName: 'Nadia Boulanger',
    ContractContactType: 1,
    AmlCheckStatus: 0,
    PostCode: '02134',
    PhoneNumber: '+4479460958',
  },
  3: {
    CoworkerContractId: 7101,
    FullName: 'Clara Schumann',
    ContractContactType: 1,
    AmlCheckStatus: 0,
    PostCode: '02134-0001',
    PhoneNumber: '+33 1 42 68 53 00',
  },
  4: {
    CoworkerContractId: 7102,
    FullName: 'Lili Boulanger',
    ContractContactType: 1,
    AmlCheckStatus: 0,
    PostCode: '00501',
  },
  5: {
    CoworkerContractId: 7102,
    FullName: 'Fanny Mendelssohn',
    ContractContactType: 1,
    AmlCheckStatus: 0,
    PhoneNumber: '0612345678',
    Notes: '1,234.50',
  },
  6: {
    CoworkerContractId: 7103,
    FullName: 'Ethel Smyth',
    ContractContactType: 1,
    AmlCheckStatus: 0,
    Notes: '36:30:00',
    AmlNotes: '18:00',
  },
};

/** Each cell to check: row, field, and the number written with its format code. */
const CELLS = [
  [2, 'PostCode', '2134 as 00000'],
  [2, 'PhoneNumber', '4479460958 as +0'],
  [3, 'PostCode', '21340001 as 00000-0000'],
  [3, 'PhoneNumber', '33142685300 as +00 0 00 00 00 00'],
  [4, 'PostCode', '501 as 00000'],
  [5, 'PhoneNumber', '612345678 as 0000000000'],
  [5, 'Notes', '1234.5 as #,##0.00'],
  [6, 'Notes', '1.5208333 (36.5 hours) as [h]:mm:ss, a duration, not a date'],
  [6, 'AmlNotes', '0.75 (18 hours) as [h]:mm, a duration, not a date'],
] as const;

describe.each([
  ['openpyxl-formats.xlsx', 'codes as given; #,##0.00 as built-in 4; [hh]:mm:ss for a timedelta'],
  ['xlsxwriter-formats.xlsx', 'every code as given, from id 164'],
  ['sheetjs-formats.xlsx', 'custom ids below 164; [h]:mm:ss as built-in 46, #,##0.00 as 4'],
  ['libreoffice-formats.xlsx', 'codes escaped: \\+0, 00000\\-0000, \\+00\\ 0\\ 00…; [hh]:mm'],
])('%s (%s)', (file) => {
  let result: Imported;
  beforeAll(async () => {
    result = await importFixture(file);
  });

  const stored = (n: number): Stored | undefined => result.created.find((r) => r.row === n)?.stored;
  const why = (n: number): string => {
    const failed = result.failed.find((f) => f.row === n);
    return failed ? `row ${n} failed: ${failed.errors}` : `row ${n}`;
  };

  it.each(CELLS)('row %i %s: %s', (n, field, _written) => {
    expect(stored(n)?.[field], why(n)).toBe(TARGET[n]?.[field]);
  });

  it('every row is created with exactly the target record, none fails', () => {
    expect(result.failed).toEqual([]);
    expect(result.created).toEqual(
      Object.entries(TARGET).map(([n, record]) => ({ row: Number(n), stored: record })),
    );
  });
});
