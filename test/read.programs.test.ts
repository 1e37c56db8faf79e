/**
 * Files written by other programs (test/fixtures/programs, README.md there says how each was
 * made), imported with the real CLI into the sandbox: every field of every stored record, and
 * the rows that fail. The number formats the reader does not render yet are in
 * read.programs.formats.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { countryId, importFixture, type Imported, type Stored } from './helpers/programs.js';

type Row = Imported['created'][number];

const row = (n: number, stored: Stored): Row => ({ row: n, stored });

/** contacts.json as Nexudus should store it, whichever program wrote it. Row 10 is blank. */
const CONTACTS: readonly Row[] = [
  row(2, {
    CoworkerContractId: 7101,
    FullName: 'Amélie Lefèvre',
    ContractContactType: 1,
    AmlCheckStatus: 2,
    Email: 'amelie.lefevre@example.fr',
    DateOfBirth: '1975-06-23T00:00:00',
    Address: '12 Rue de la Paix, 2e étage',
    PostCode: '75002',
    CityName: 'Paris',
    CountryId: countryId('FR'),
    PhoneNumber: '+33 1 42 68 53 00',
  }),
  row(3, {
    CoworkerContractId: 7101,
    FullName: 'Bennett Design Studio',
    ContractContactType: 2,
    AmlCheckStatus: 0,
    CountryId: countryId('GB'),
  }),
  row(4, {
    CoworkerContractId: 7102,
    FullName: 'Jürgen Weiß',
    ContractContactType: 3,
    AmlCheckStatus: 1,
    Email: 'juergen.weiss@example.de',
    DateOfBirth: '1968-06-05T00:00:00',
    Address: 'Prager Straße 8',
    PostCode: '01069',
    CityName: 'Dresden',
    CountryId: countryId('DE'),
    PhoneNumber: '+49 351 4865 0',
  }),
  row(5, {
    CoworkerContractId: 7102,
    FullName: 'Søren Østergaard',
    ContractContactType: 1,
    AmlCheckStatus: 3,
    Email: 'soren@example.dk',
    DateOfBirth: '1981-11-12T00:00:00',
    Address: 'Nyhavn 17',
    PostCode: '1051',
    CityName: 'København',
    CountryId: countryId('DK'),
    PhoneNumber: '+45 33 12 34 56',
  }),
  row(6, {
    CoworkerContractId: 7103,
    FullName: 'Zoë Núñez García',
    ContractContactType: 1,
    AmlCheckStatus: 6,
    Email: 'zoe.nunez@example.es',
    DateOfBirth: '1990-02-28T00:00:00',
    Address: 'Calle de Alcalá 50',
    PostCode: '28014',
    CityName: 'Madrid',
    CountryId: countryId('ES'),
    PhoneNumber: '+34 912 345 678',
  }),
  row(7, {
    CoworkerContractId: 7103,
    FullName: 'Siobhán Ní Bhriain',
    ContractContactType: 3,
    AmlCheckStatus: 4,
    Email: 'siobhan@example.ie',
    DateOfBirth: '1979-03-17T00:00:00',
    Address: '3 Merrion Square',
    PostCode: 'D02 X285',
    CityName: 'Dublin',
    CountryId: countryId('IE'),
    PhoneNumber: '+353 1 234 5678',
  }),
  row(8, {
    CoworkerContractId: 7104,
    FullName: 'François-Xavier Dupont',
    ContractContactType: 1,
    AmlCheckStatus: 5,
    Email: 'fx.dupont@example.be',
    DateOfBirth: '1962-12-31T00:00:00',
    Address: 'Rue Neuve 1',
    PostCode: '1000',
    CityName: 'Bruxelles',
    CountryId: countryId('BE'),
    PhoneNumber: '+32 2 555 01 01',
  }),
  row(9, {
    CoworkerContractId: 7104,
    FullName: 'Łukasz Wiśniewski',
    ContractContactType: 1,
    AmlCheckStatus: 2,
    Email: 'lukasz@example.pl',
    DateOfBirth: '1988-07-04T00:00:00',
    Address: 'ul. Marszałkowska 10',
    PostCode: '00-950',
    CityName: 'Warszawa',
    CountryId: countryId('PL'),
    PhoneNumber: '+48 22 123 45 67',
  }),
  row(11, {
    CoworkerContractId: 7105,
    FullName: 'Mehta Analytics ("MA")',
    ContractContactType: 2,
    AmlCheckStatus: 2,
    PostCode: '400001',
    CityName: 'Mumbai',
    CountryId: countryId('IN'),
    PhoneNumber: '+91 22 1234 5678',
  }),
  row(12, {
    CoworkerContractId: 7105,
    FullName: 'Ana Conceição',
    ContractContactType: 3,
    AmlCheckStatus: 1,
    Email: 'ana.conceicao@example.pt',
    DateOfBirth: '1993-01-09T00:00:00',
    Address: 'Rua Augusta 100',
    PostCode: '1100-053',
    CityName: 'Lisboa',
    CountryId: countryId('PT'),
    PhoneNumber: '+351 21 123 4567',
  }),
  row(13, {
    CoworkerContractId: 7104,
    FullName: "Mary-Jane O'Connor",
    ContractContactType: 1,
    AmlCheckStatus: 2,
    Email: 'mj.oconnor@example.com',
    DateOfBirth: '1970-05-01T00:00:00',
    Address: '1 Beacon St',
    PostCode: '02134',
    CityName: 'Boston',
    CountryId: countryId('US'),
    PhoneNumber: '+1 617 555 0134',
  }),
  // row 14 (Anders Ångström) fails: anders.angstrom@@example.se
  row(15, {
    CoworkerContractId: 7105,
    FullName: 'Chloé Martin',
    ContractContactType: 1,
    AmlCheckStatus: 2,
    Email: 'chloe.martin@example.com',
    DateOfBirth: '1985-02-01T00:00:00',
    PostCode: '69002',
    CityName: 'Lyon',
    CountryId: countryId('FR'),
    PhoneNumber: '+33 4 72 00 00 00',
  }),
];

const CONTACTS_FAILED = [{ row: 14, errors: 'Email: is not a valid email address' }];

describe('the same contacts, written by other programs, store the same records', () => {
  it.each([
    ['openpyxl-contacts.xlsx', 'inline strings, serial dates (yyyy-mm-dd), &#NNN; accents'],
    ['openpyxl-iso-dates.xlsx', 'dates as t="d" ISO text'],
    ['xlsxwriter-contacts.xlsx', 'shared strings zipped after the worksheet'],
    ['xlsxwriter-constant-memory-contacts.xlsx', 'inline strings, no sharedStrings.xml'],
    ['xlsxwriter-date1904-contacts.xlsx', 'the 1904 date system'],
    ['sheetjs-contacts.xlsx', 'shared strings, [Content_Types].xml last in the zip'],
    ['sheetjs-no-sst-contacts.xlsx', 't="str" strings, t="d" dates ending in Z'],
    ['libreoffice-contacts.xlsx', 'LibreOffice Calc 7.4 from a .fods'],
    ['libreoffice-contacts.csv', 'every text quoted, LF, dates dd/mm/yyyy'],
    ['google-sheets-contacts.csv', 'no BOM, CRLF, no last line break, dates M/D/YYYY'],
    ['excel-csv-utf8-contacts.csv', 'BOM, CRLF, dates DD/MM/YYYY'],
  ])('%s (%s)', async (file) => {
    const result = await importFixture(file);
    expect(result.failed).toEqual(CONTACTS_FAILED);
    expect(result.created).toEqual(CONTACTS);
    expect(result.code).toBe(1);
  });
});

/** The cells file's records where every program agrees; per program below, what differs. */
const CELLS_BASE = {
  ada: row(2, {
    CoworkerContractId: 7102,
    FullName: 'Ada Lovelace',
    ContractContactType: 1,
    AmlCheckStatus: 2,
    Email: 'ada.lovelace@example.com',
    DateOfBirth: '1976-12-10T00:00:00',
    AmlCheckDate: '2026-01-15T10:30:00',
    PostCode: '02134',
    PhoneNumber: '+44 20 7946 0958',
    CountryId: countryId('GB'),
    Notes: 'Profile page',
  }),
  grace: row(3, {
    CoworkerContractId: 7103,
    FullName: 'Grace Hopper',
    ContractContactType: 3,
    AmlCheckStatus: 1,
    Email: 'grace.hopper@example.com',
    DateOfBirth: '1986-12-09T00:00:00',
    PostCode: '75002',
    PhoneNumber: '+1 202 555 0147',
    CountryId: countryId('US'),
    Notes: 'Mail on Fridays',
  }),
  hedy: row(4, {
    CoworkerContractId: 7104,
    FullName: 'Hedy Lamarr',
    ContractContactType: 3,
    AmlCheckStatus: 6,
    CountryId: countryId('AT'),
    Notes: 'Ring twice, then wait',
  }),
  katherine: (notes: string) =>
    row(6, {
      CoworkerContractId: 7105,
      FullName: 'Katherine Johnson',
      ContractContactType: 1,
      AmlCheckStatus: 0,
      DateOfBirth: '1968-08-26T00:00:00',
      AmlCheckDate: '2026-01-20T00:00:00',
      CountryId: countryId('US'),
      Notes: notes,
    }),
};

const TRUE_IN_NOTES = { row: 5, errors: 'Notes: is a TRUE/FALSE cell (TRUE), not text' };
const ERROR_IN_NOTES = { row: 7, errors: 'Notes: the cell shows the spreadsheet error #DIV/0!' };

describe('the kinds of cell each program writes', () => {
  it('openpyxl: a formula it could not calculate fails its row instead of vanishing; _x0041_ unescaped reads as A', async () => {
    const result = await importFixture('openpyxl-cells.xlsx');
    expect(result.created).toEqual([
      CELLS_BASE.ada,
      CELLS_BASE.hedy,
      CELLS_BASE.katherine('Ref A'),
    ]);
    expect(result.failed).toEqual([
      {
        row: 3,
        errors:
          'Notes: is a formula whose result the file does not hold (the program that wrote it does not calculate): open the file in Excel or LibreOffice, save it, and import it again',
      },
      TRUE_IN_NOTES,
    ]);
    expect(result.code).toBe(1);
  });

  it.each(['xlsxwriter-cells.xlsx', 'xlsxwriter-constant-memory-cells.xlsx'])(
    '%s: rich text, formulas by their given results, links by their text, an error result fails its row',
    async (file) => {
      const result = await importFixture(file);
      expect(result.created).toEqual([
        CELLS_BASE.ada,
        CELLS_BASE.grace,
        CELLS_BASE.hedy,
        CELLS_BASE.katherine('Ref _x0041_'),
      ]);
      expect(result.failed).toEqual([TRUE_IN_NOTES, ERROR_IN_NOTES]);
      expect(result.code).toBe(1);
    },
  );

  it.each(['sheetjs-cells.xlsx', 'sheetjs-no-sst-cells.xlsx'])(
    '%s: formulas by their results (a string result as a shared string index), _x0041_ unescaped reads as A',
    async (file) => {
      const result = await importFixture(file);
      expect(result.created).toEqual([
        CELLS_BASE.ada,
        CELLS_BASE.grace,
        CELLS_BASE.hedy,
        CELLS_BASE.katherine('Ref A'),
      ]);
      expect(result.failed).toEqual([TRUE_IN_NOTES, ERROR_IN_NOTES]);
      expect(result.code).toBe(1);
    },
  );

  it('libreoffice-cells.xlsx: rich text, formulas, links, two paragraphs in a cell, a boolean styled "TRUE";"TRUE";"FALSE"', async () => {
    const result = await importFixture('libreoffice-cells.xlsx');
    expect(result.created).toEqual([
      CELLS_BASE.ada,
      CELLS_BASE.grace,
      CELLS_BASE.hedy,
      CELLS_BASE.katherine('Ref _x0041_'),
    ]);
    expect(result.failed).toEqual([TRUE_IN_NOTES, ERROR_IN_NOTES]);
    expect(result.code).toBe(1);
  });
});
