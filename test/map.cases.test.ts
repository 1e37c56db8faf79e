import { describe, expect, it } from 'vitest';
import type { FieldName } from '../src/fields.js';
import { mapRow } from '../src/map/index.js';
import type { MapContext } from '../src/map/types.js';
import { payloadSchema } from '../src/payload.js';
import type { CellValue } from '../src/read/types.js';
import { col, context, rowOf } from './map.helpers.js';

interface Case {
  /** The cells that differ from a valid base row (contract 7101, "Ann Lee"). */
  readonly cells: Partial<Record<FieldName, CellValue>>;
  readonly ctx?: Partial<MapContext>;
  /** The row maps, and its payload holds these values... */
  readonly payload?: Record<string, unknown>;
  /** ...and not these fields. */
  readonly absent?: readonly FieldName[];
  /** The row fails with (at least) this problem. */
  readonly problem?: readonly [FieldName, string | RegExp];
}

const utc = (y: number, m: number, d: number, h = 0, mi = 0): Date =>
  new Date(Date.UTC(y, m - 1, d, h, mi));
const ACCEPTED_TYPES = 'None, Director, Company alias or Nominated recipient';

const CASES: Record<string, Case> = {
  // Text
  'text: trimmed, runs of spaces collapsed': {
    cells: { FullName: '  Ann   Lee ' },
    payload: { FullName: 'Ann Lee' },
  },
  'text: no-break space U+00A0': {
    cells: { FullName: 'Ann\u00A0Lee' },
    payload: { FullName: 'Ann Lee' },
  },
  'text: narrow no-break space U+202F': {
    cells: { FullName: 'Ann\u202FLee' },
    payload: { FullName: 'Ann Lee' },
  },
  'text: figure space U+2007': {
    cells: { FullName: 'Ann\u2007Lee' },
    payload: { FullName: 'Ann Lee' },
  },
  'text: zero-width space removed': {
    cells: { FullName: 'An\u200Bn Lee' },
    payload: { FullName: 'Ann Lee' },
  },
  'text: BOM and word joiner removed': {
    cells: { FullName: '\uFEFFAnn Lee\u2060' },
    payload: { FullName: 'Ann Lee' },
  },
  'text: zero-width joiners removed': {
    cells: { CityName: 'Pa\u200Cr\u200Dis' },
    payload: { CityName: 'Paris' },
  },
  'text: NFC': {
    cells: { FullName: 'Ame\u0301lie Durand' },
    payload: { FullName: 'Amélie Durand' },
  },
  'text: tabs and line breaks are spaces': {
    cells: { Notes: 'Collects\tmail\r\non Fridays' },
    payload: { Notes: 'Collects mail on Fridays' },
  },
  'text: empty is left out': { cells: { CityName: '' }, absent: ['CityName'] },
  'text: spaces only is left out': { cells: { CityName: ' \u00A0 ' }, absent: ['CityName'] },
  'text: invisible only is left out': { cells: { AmlNotes: '\u200B' }, absent: ['AmlNotes'] },
  'text: a number cell is its digits': { cells: { Notes: 12 }, payload: { Notes: '12' } },
  'text: a TRUE cell': {
    cells: { State: true },
    problem: ['State', 'is a TRUE/FALSE cell (TRUE), not text'],
  },
  'text: an error cell': {
    cells: { CityName: { error: '#N/A' } },
    problem: ['CityName', 'the cell shows the spreadsheet error #N/A'],
  },
  'text: a date cell': {
    cells: { CityName: utc(2024, 3, 1) },
    problem: ['CityName', /^is a date cell \(2024-03-01\), not text/],
  },
  'text: all of AmlPappersStatus': {
    cells: { AmlPappersStatus: ' Clear ' },
    payload: { AmlPappersStatus: 'Clear' },
  },
  // Whole numbers
  'id: "123"': { cells: { CoworkerContractId: '123' }, payload: { CoworkerContractId: 123 } },
  'id: "123.0"': { cells: { CoworkerContractId: '123.0' }, payload: { CoworkerContractId: 123 } },
  'id: number cell': { cells: { CoworkerContractId: 123 }, payload: { CoworkerContractId: 123 } },
  'id: spaces around': {
    cells: { CoworkerContractId: ' 123 ' },
    payload: { CoworkerContractId: 123 },
  },
  'id: letters': {
    cells: { CoworkerContractId: '12a' },
    problem: ['CoworkerContractId', 'is not a whole number'],
  },
  'id: a fraction': {
    cells: { CoworkerContractId: 12.5 },
    problem: ['CoworkerContractId', 'is not a whole number'],
  },
  'id: "12.5"': {
    cells: { CoworkerContractId: '12.5' },
    problem: ['CoworkerContractId', 'is not a whole number'],
  },
  'id: thousands separator': {
    cells: { CoworkerContractId: '1,234' },
    problem: ['CoworkerContractId', 'is not a whole number'],
  },
  'id: blank contract': {
    cells: { CoworkerContractId: '' },
    problem: ['CoworkerContractId', 'is a required field'],
  },
  'id: CoworkerId': { cells: { CoworkerId: '2003' }, payload: { CoworkerId: 2003 } },
  'id: zero': { cells: { CoworkerId: '0' }, problem: ['CoworkerId', /^is not a valid Id/] },
  'id: TRUE': {
    cells: { CoworkerContractId: true },
    problem: ['CoworkerContractId', 'is a TRUE/FALSE cell (TRUE), not a whole number'],
  },
  'id: #REF!': {
    cells: { CoworkerContractId: { error: '#REF!' } },
    problem: ['CoworkerContractId', 'the cell shows the spreadsheet error #REF!'],
  },
  'id: a date cell': {
    cells: { CoworkerId: utc(2024, 1, 2) },
    problem: ['CoworkerId', /^is a date cell \(2024-01-02\), not a whole number/],
  },
  // ContractContactType
  'type: company alias': {
    cells: { ContractContactType: 'company alias' },
    payload: { ContractContactType: 2 },
  },
  'type: CompanyAlias': {
    cells: { ContractContactType: 'CompanyAlias' },
    payload: { ContractContactType: 2 },
  },
  'type: NOMINATED RECIPIENT': {
    cells: { ContractContactType: 'NOMINATED RECIPIENT' },
    payload: { ContractContactType: 3 },
  },
  'type: nominated_recipient': {
    cells: { ContractContactType: 'nominated_recipient' },
    payload: { ContractContactType: 3 },
  },
  'type: Director': {
    cells: { ContractContactType: ' Director ' },
    payload: { ContractContactType: 1 },
  },
  'type: none': { cells: { ContractContactType: 'none' }, payload: { ContractContactType: 0 } },
  'type: blank is Director': {
    cells: { ContractContactType: '' },
    payload: { ContractContactType: 1 },
  },
  'type: empty cell is Director': {
    cells: { ContractContactType: null },
    payload: { ContractContactType: 1 },
  },
  'type: number 3': { cells: { ContractContactType: 3 }, payload: { ContractContactType: 3 } },
  'type: "2"': { cells: { ContractContactType: '2' }, payload: { ContractContactType: 2 } },
  'type: 4': {
    cells: { ContractContactType: '4' },
    problem: ['ContractContactType', `'4' is not one of ${ACCEPTED_TYPES} (or a number 0 to 3)`],
  },
  'type: Boss': {
    cells: { ContractContactType: 'Boss' },
    problem: ['ContractContactType', `'Boss' is not one of ${ACCEPTED_TYPES} (or a number 0 to 3)`],
  },
  // AmlCheckStatus
  'aml: Manually cleared': {
    cells: { AmlCheckStatus: 'Manually cleared' },
    payload: { AmlCheckStatus: 6 },
  },
  'aml: manuallycleared': {
    cells: { AmlCheckStatus: 'manuallycleared' },
    payload: { AmlCheckStatus: 6 },
  },
  'aml: Potential match': {
    cells: { AmlCheckStatus: 'Potential match' },
    payload: { AmlCheckStatus: 3 },
  },
  'aml: NotStarted': { cells: { AmlCheckStatus: 'NotStarted' }, payload: { AmlCheckStatus: 0 } },
  'aml: confirmed-match': {
    cells: { AmlCheckStatus: 'confirmed-match' },
    payload: { AmlCheckStatus: 4 },
  },
  'aml: blank is Not started': { cells: { AmlCheckStatus: '  ' }, payload: { AmlCheckStatus: 0 } },
  'aml: number 6': { cells: { AmlCheckStatus: 6 }, payload: { AmlCheckStatus: 6 } },
  'aml: 7': {
    cells: { AmlCheckStatus: 7 },
    problem: [
      'AmlCheckStatus',
      /^'7' is not one of Not started, .* or Manually cleared \(or a number 0 to 6\)$/,
    ],
  },
  'aml: Done': {
    cells: { AmlCheckStatus: 'Done' },
    problem: ['AmlCheckStatus', /^'Done' is not one of .*Potential match/],
  },
  // Email
  'email: trimmed': {
    cells: { Email: ' ann@example.com ' },
    payload: { Email: 'ann@example.com' },
  },
  'email: subdomains and plus': {
    cells: { Email: 'ann.lee+mail@mail.example.co.uk' },
    payload: { Email: 'ann.lee+mail@mail.example.co.uk' },
  },
  'email: mailto: prefix dropped': {
    cells: { Email: 'mailto:ann@example.com' },
    payload: { Email: 'ann@example.com' },
  },
  'email: no dot in domain': {
    cells: { Email: 'ann@example' },
    problem: ['Email', 'is not a valid email address'],
  },
  'email: no @': {
    cells: { Email: 'ann.example.com' },
    problem: ['Email', 'is not a valid email address'],
  },
  'email: two @': {
    cells: { Email: 'ann@@example.com' },
    problem: ['Email', 'is not a valid email address'],
  },
  'email: a space inside': {
    cells: { Email: 'ann lee@example.com' },
    problem: ['Email', 'is not a valid email address'],
  },
  'email: comma for dot': {
    cells: { Email: 'ann@example,com' },
    problem: ['Email', 'is not a valid email address'],
  },
  'email: two addresses': {
    cells: { Email: 'ann@example.com; bob@example.com' },
    problem: ['Email', 'is not a valid email address'],
  },
  'email: blank is left out': { cells: { Email: '' }, absent: ['Email'] },
  // Verbatim
  'phone: + and spaces kept': {
    cells: { PhoneNumber: '+44 20 7946 0958' },
    payload: { PhoneNumber: '+44 20 7946 0958' },
  },
  'phone: leading zeros kept, trimmed': {
    cells: { PhoneNumber: '  0044 20  7946 0958 ' },
    payload: { PhoneNumber: '0044 20  7946 0958' },
  },
  'phone: number cell is its digits': {
    cells: { PhoneNumber: 442079460958 },
    payload: { PhoneNumber: '442079460958' },
  },
  'phone: a date cell': {
    cells: { PhoneNumber: utc(2020, 1, 2) },
    problem: ['PhoneNumber', /format the column as Text/],
  },
  'postcode: leading zero kept': { cells: { PostCode: '02134' }, payload: { PostCode: '02134' } },
  'postcode: number cell': { cells: { PostCode: 75002 }, payload: { PostCode: '75002' } },
  'postcode: inner spacing kept': {
    cells: { PostCode: 'SW1A  1AA' },
    payload: { PostCode: 'SW1A  1AA' },
  },
  // AmlOpenSanctionsScore
  'score: "0.12"': {
    cells: { AmlOpenSanctionsScore: '0.12' },
    payload: { AmlOpenSanctionsScore: 0.12 },
  },
  'score: number cell': {
    cells: { AmlOpenSanctionsScore: 0.5 },
    payload: { AmlOpenSanctionsScore: 0.5 },
  },
  'score: decimal comma refused in a , file': {
    cells: { AmlOpenSanctionsScore: '0,12' },
    problem: ['AmlOpenSanctionsScore', 'is not a number'],
  },
  'score: decimal comma in a ; file': {
    cells: { AmlOpenSanctionsScore: '0,12' },
    ctx: { decimalComma: true },
    payload: { AmlOpenSanctionsScore: 0.12 },
  },
  'score: words': {
    cells: { AmlOpenSanctionsScore: 'high' },
    problem: ['AmlOpenSanctionsScore', 'is not a number'],
  },
  // AmlOpenSanctionsResponse
  'json: valid, sent as the text': {
    cells: { AmlOpenSanctionsResponse: '{"results":[]}' },
    payload: { AmlOpenSanctionsResponse: '{"results":[]}' },
  },
  'json: inner spacing kept': {
    cells: { AmlOpenSanctionsResponse: ' {"a": "x  y"} ' },
    payload: { AmlOpenSanctionsResponse: '{"a": "x  y"}' },
  },
  'json: invalid': {
    cells: { AmlOpenSanctionsResponse: '{results:[]}' },
    problem: ['AmlOpenSanctionsResponse', 'is not valid JSON'],
  },
  // Dates
  'date: ISO': {
    cells: { DateOfBirth: '1975-06-23' },
    payload: { DateOfBirth: '1975-06-23T00:00:00' },
  },
  'date: ISO with HH:mm': {
    cells: { DateOfBirth: '1975-06-23 14:30' },
    payload: { DateOfBirth: '1975-06-23T14:30:00' },
  },
  'date: ISO with T and seconds': {
    cells: { DateOfBirth: '1975-06-23T14:30:15' },
    payload: { DateOfBirth: '1975-06-23T14:30:15' },
  },
  'date: Nexudus export with Z': {
    cells: { DateOfBirth: '1975-06-23T10:30:00Z' },
    payload: { DateOfBirth: '1975-06-23T10:30:00' },
  },
  'date: D/M/Y in a day-first column': {
    cells: { DateOfBirth: '23/06/1975' },
    payload: { DateOfBirth: '1975-06-23T00:00:00' },
  },
  'date: 05/06/1975 in a day-first column': {
    cells: { DateOfBirth: '05/06/1975' },
    payload: { DateOfBirth: '1975-06-05T00:00:00' },
  },
  'date: D.M.Y': {
    cells: { DateOfBirth: '23.06.1975' },
    payload: { DateOfBirth: '1975-06-23T00:00:00' },
  },
  'date: D-M-Y, single digits': {
    cells: { DateOfBirth: '3-6-1975' },
    payload: { DateOfBirth: '1975-06-03T00:00:00' },
  },
  'date: 23 Jun 1975': {
    cells: { DateOfBirth: '23 Jun 1975' },
    payload: { DateOfBirth: '1975-06-23T00:00:00' },
  },
  'date: June 23, 1975': {
    cells: { DateOfBirth: 'June 23, 1975' },
    payload: { DateOfBirth: '1975-06-23T00:00:00' },
  },
  'date: 23-Jun-1975': {
    cells: { DateOfBirth: '23-Jun-1975' },
    payload: { DateOfBirth: '1975-06-23T00:00:00' },
  },
  'date: 23rd September 1975': {
    cells: { DateOfBirth: '23rd September 1975' },
    payload: { DateOfBirth: '1975-09-23T00:00:00' },
  },
  'date: a date cell is its wall clock': {
    cells: { DateOfBirth: utc(1975, 6, 23) },
    payload: { DateOfBirth: '1975-06-23T00:00:00' },
  },
  'date: 31/02/1980': {
    cells: { DateOfBirth: '31/02/1980' },
    problem: ['DateOfBirth', 'is not a real date (31/02/1980)'],
  },
  'date: 29/02/1981': {
    cells: { DateOfBirth: '29/02/1981' },
    problem: ['DateOfBirth', 'is not a real date (29/02/1981)'],
  },
  'date: 29/02/1980 is a leap day': {
    cells: { DateOfBirth: '29/02/1980' },
    payload: { DateOfBirth: '1980-02-29T00:00:00' },
  },
  'date: month 13': {
    cells: { DateOfBirth: '1975-13-01' },
    problem: ['DateOfBirth', 'is not a real date (1975-13-01)'],
  },
  'date: birth in the future': {
    cells: { DateOfBirth: '2030-01-01' },
    problem: ['DateOfBirth', 'is in the future (2030-01-01)'],
  },
  'date: birth today is fine': {
    cells: { DateOfBirth: '2026-01-15' },
    payload: { DateOfBirth: '2026-01-15T00:00:00' },
  },
  'date: birth before 1900': {
    cells: { DateOfBirth: '1899-12-31' },
    problem: ['DateOfBirth', 'is before 1900 (1899-12-31)'],
  },
  'date: month-first value in a day-first column': {
    cells: { DateOfBirth: '06/23/1975' },
    problem: [
      'DateOfBirth',
      /^is not a date in day\/month\/year order, the order of this column \(06\/23\/1975\)$/,
    ],
  },
  'date: 2-digit year': {
    cells: { DateOfBirth: '05/06/75' },
    problem: ['DateOfBirth', /^has a 2-digit year \(05\/06\/75\)/],
  },
  'date: words': {
    cells: { DateOfBirth: 'yesterday' },
    problem: ['DateOfBirth', /^is not a date/],
  },
  'date: a number cell': {
    cells: { DateOfBirth: 27569 },
    problem: ['DateOfBirth', /^is a number \(27569\), not a date/],
  },
  'date: a TRUE cell': {
    cells: { DateOfBirth: false },
    problem: ['DateOfBirth', 'is a TRUE/FALSE cell (FALSE), not a date'],
  },
  'date: an hour that does not exist': {
    cells: { DateOfBirth: '23/06/1975 25:00' },
    problem: ['DateOfBirth', 'has a time that does not exist'],
  },
  'date: M/D/Y in a month-first column': {
    cells: { AmlCheckDate: '06/23/2025' },
    payload: { AmlCheckDate: '2025-06-23T00:00:00' },
  },
  'date: 05/06/2025 in a month-first column': {
    cells: { AmlCheckDate: '05/06/2025' },
    payload: { AmlCheckDate: '2025-05-06T00:00:00' },
  },
  'date: 12-hour time': {
    cells: { AmlCheckDate: '6/23/2025 3:05 PM' },
    payload: { AmlCheckDate: '2025-06-23T15:05:00' },
  },
  'date: 12 AM is midnight': {
    cells: { AmlCheckDate: '6/23/2025 12:00 am' },
    payload: { AmlCheckDate: '2025-06-23T00:00:00' },
  },
  'date: a time-only cell in an AML date': {
    cells: { AmlClearedOn: utc(1899, 12, 30, 10, 30) },
    problem: ['AmlClearedOn', 'is before 1900 (1899-12-30)'],
  },
  'date: AML dates may be in the future': {
    cells: { AmlCheckDate: '2030-01-01' },
    payload: { AmlCheckDate: '2030-01-01T00:00:00' },
  },
  'date: unsettled column, ambiguous value': {
    cells: { AmlClearedOn: '05/06/2025' },
    problem: ['AmlClearedOn', 'is ambiguous (05/06/2025): pass --date-format DMY or MDY'],
  },
  'date: unsettled column, value shows day first': {
    cells: { AmlClearedOn: '25/06/2025' },
    payload: { AmlClearedOn: '2025-06-25T00:00:00' },
  },
  'date: unsettled column, same both ways': {
    cells: { AmlClearedOn: '05/05/2025' },
    payload: { AmlClearedOn: '2025-05-05T00:00:00' },
  },
  'date: unsettled column, ISO is never ambiguous': {
    cells: { AmlClearedOn: '2025-05-06' },
    payload: { AmlClearedOn: '2025-05-06T00:00:00' },
  },
  // Countries
  'country: UK': { cells: { CountryId: 'UK' }, payload: { CountryId: 1001 } },
  'country: gb': { cells: { CountryId: 'gb' }, payload: { CountryId: 1001 } },
  'country: GBR': { cells: { CountryId: 'GBR' }, payload: { CountryId: 1001 } },
  'country: England': { cells: { CountryId: 'England' }, payload: { CountryId: 1001 } },
  'country: Great Britain': { cells: { CountryId: 'great britain' }, payload: { CountryId: 1001 } },
  'country: USA': { cells: { CountryId: 'USA' }, payload: { CountryId: 1003 } },
  'country: United States of America': {
    cells: { CountryId: 'United States of America' },
    payload: { CountryId: 1003 },
  },
  'country: Holland': { cells: { CountryId: 'Holland' }, payload: { CountryId: 1004 } },
  'country: South Korea': { cells: { CountryId: 'South Korea' }, payload: { CountryId: 1005 } },
  'country: Russia': { cells: { CountryId: 'Russia' }, payload: { CountryId: 1006 } },
  'country: Czech Republic': {
    cells: { CountryId: 'Czech Republic' },
    payload: { CountryId: 1007 },
  },
  'country: Ivory Coast': { cells: { CountryId: 'Ivory Coast' }, payload: { CountryId: 1008 } },
  "country: Côte d'Ivoire without the accent": {
    cells: { CountryId: "cote d'ivoire" },
    payload: { CountryId: 1008 },
  },
  'country: a Nexudus Id': { cells: { CountryId: '1002' }, payload: { CountryId: 1002 } },
  'country: a Nexudus Id as a number cell': {
    cells: { CountryId: 1009 },
    payload: { CountryId: 1009 },
  },
  'country: Narnia': {
    cells: { CountryId: 'Narnia' },
    problem: ['CountryId', "unknown country 'Narnia'"],
  },
  'country: an Id the account lacks': {
    cells: { CountryId: '9999' },
    problem: ['CountryId', /^unknown country '9999'/],
  },
  'country: not in the account': {
    cells: { CountryId: 'Japan' },
    problem: ['CountryId', /^country 'Japan' \(JP\) is not in this Nexudus account/],
  },
  'country: offline, checked and left out': {
    cells: { CountryId: 'France' },
    ctx: { countries: undefined },
    absent: ['CountryId'],
  },
  'country: offline, unknown still fails': {
    cells: { CountryId: 'Narnia' },
    ctx: { countries: undefined },
    problem: ['CountryId', "unknown country 'Narnia'"],
  },
  // The row
  'row: FullName blank, CoworkerId given': {
    cells: { FullName: '', CoworkerId: 2003 },
    payload: { CoworkerId: 2003 },
    absent: ['FullName'],
  },
  'row: FullName blank, no CoworkerId': {
    cells: { FullName: ' ' },
    problem: ['FullName', 'is a required field'],
  },
  'row: only the seed fields and defaults': {
    cells: {},
    payload: {
      CoworkerContractId: 7101,
      FullName: 'Ann Lee',
      ContractContactType: 1,
      AmlCheckStatus: 0,
    },
  },
};

describe('mapRow: input → payload or problem', () => {
  it.each(Object.entries(CASES))('%s', (_name, c) => {
    const ctx = context(c.ctx);
    const mapped = mapRow(rowOf(c.cells), ctx);
    if (c.problem) {
      expect(mapped.ok).toBe(false);
      if (mapped.ok) return;
      const [field, message] = c.problem;
      const found = mapped.problems.filter((p) => p.PropertyName === field);
      expect(found).toHaveLength(1);
      if (typeof message === 'string') expect(found[0]?.Message).toBe(message);
      else expect(found[0]?.Message).toMatch(message);
      // The cell the problem is about (except a required field that is blank everywhere).
      expect(found[0]?.columns).toEqual([col(field)]);
      return;
    }
    expect(mapped.ok, JSON.stringify(mapped)).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.payload).toMatchObject(c.payload ?? {});
    for (const field of c.absent ?? []) expect(mapped.payload).not.toHaveProperty(field);
    for (const value of Object.values(mapped.payload)) expect(value).not.toBe('');
    const schema = mapped.nameFromCoworker ? payloadSchema.omit({ FullName: true }) : payloadSchema;
    expect(schema.safeParse(mapped.payload).success).toBe(true);
    expect(mapped.nameFromCoworker).toBe(c.absent?.includes('FullName') ?? false);
  });

  it('has at least 80 cases', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(80);
  });
});

describe('mapRow: the row as a whole', () => {
  it('reports every problem of a row at once, each with its column', () => {
    const mapped = mapRow(
      rowOf({
        CoworkerContractId: 'x',
        FullName: '',
        Email: 'ann@',
        DateOfBirth: '31/02/1980',
        CountryId: 'Narnia',
        AmlCheckStatus: 'Done',
      }),
      context(),
    );
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.problems.map((p) => [p.PropertyName, p.columns])).toEqual([
      ['CoworkerContractId', [col('CoworkerContractId')]],
      ['Email', [col('Email')]],
      ['CountryId', [col('CountryId')]],
      ['DateOfBirth', [col('DateOfBirth')]],
      ['AmlCheckStatus', [col('AmlCheckStatus')]],
      ['FullName', [col('FullName')]],
    ]);
  });

  it('does not ask for FullName when the CoworkerId that would give it is wrong', () => {
    const mapped = mapRow(rowOf({ FullName: '', CoworkerId: 'abc' }), context());
    expect(mapped.ok ? [] : mapped.problems.map((p) => p.PropertyName)).toEqual(['CoworkerId']);
  });

  it('names the source row and keeps its cells', () => {
    const row = rowOf({}, 42);
    const mapped = mapRow(row, context());
    expect(mapped.row).toBe(42);
    expect(mapped.cells).toBe(row.cells);
  });

  it('gives the payload its keys in the order of fields.ts', () => {
    const mapped = mapRow(rowOf({ Notes: 'n', Email: 'a@b.co', CoworkerId: 5 }), context());
    expect(mapped.ok && Object.keys(mapped.payload)).toEqual([
      'CoworkerContractId',
      'FullName',
      'ContractContactType',
      'Email',
      'Notes',
      'CoworkerId',
      'AmlCheckStatus',
    ]);
  });
});
