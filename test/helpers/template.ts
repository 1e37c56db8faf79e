import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { FieldName } from '../../src/fields.js';
import { TEMPLATE_HEADERS } from '../../src/template/templateColumns.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli } from './run.js';

export const TEMPLATE_XLSX = join(
  import.meta.dirname,
  '..',
  '..',
  'templates',
  'contract-contacts.xlsx',
);
export const TEMPLATE_CSV = join(
  import.meta.dirname,
  '..',
  '..',
  'templates',
  'contract-contacts.csv',
);

/** One contact as a person types it into the template: labels, date cells, text post codes. */
export type TypedContact = Partial<Record<FieldName, ExcelJS.CellValue>>;

/** A date cell's value: exceljs writes a Date's UTC fields as the sheet's date. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Opens the committed template with exceljs, types the contacts from row 2 on, saves it as `out`. */
export async function fillTemplate(out: string, contacts: readonly TypedContact[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(TEMPLATE_XLSX);
  const sheet = workbook.getWorksheet('Contacts');
  if (!sheet) throw new Error('no Contacts sheet');
  contacts.forEach((contact, i) => {
    for (const [field, value] of Object.entries(contact)) {
      const column = TEMPLATE_HEADERS.indexOf(field) + 1;
      if (column === 0) throw new Error(`no field ${field}`);
      sheet.getCell(i + 2, column).value = value ?? null;
    }
  });
  await workbook.xlsx.writeFile(out);
}

/**
 * Contacts that use every dropdown label, date cells, a post code with a leading zero, a phone
 * number with +, every Aml field, blanks that take the defaults, an ISO country code and a Nexudus
 * value name (not in the dropdowns, which only warn), and a name from a coworker; each
 * with the record the sandbox should then hold.
 */
export const FILLED: readonly { typed: TypedContact; stored: Record<string, unknown> }[] = [
  {
    typed: {
      CoworkerContractId: 7103,
      FullName: 'Ada Lovelace',
      ContractContactType: 'Company alias',
      AmlCheckStatus: 'Potential match',
      Email: 'ada.lovelace@example.com',
      DateOfBirth: day('1975-06-23'),
      Address: 'Vesterbrogade 4',
      PostCode: '01620',
      CityName: 'København',
      State: 'Hovedstaden',
      CountryId: 'Denmark',
      PhoneNumber: '+45 33 12 34 56',
      Notes: 'Collects mail on Fridays',
      AmlCheckDate: day('2026-01-15'),
      AmlOpenSanctionsScore: 0.12,
      AmlOpenSanctionsResponse: '{"results":[]}',
      AmlPappersResponse: 'No match',
      AmlPappersStatus: 'Clear',
      AmlNotes: 'Passport seen in person',
      AmlClearedBy: 'compliance@example.com',
      AmlClearedOn: day('2026-01-20'),
    },
    stored: {
      CoworkerContractId: 7103,
      FullName: 'Ada Lovelace',
      ContractContactType: 2,
      AmlCheckStatus: 3,
      Email: 'ada.lovelace@example.com',
      DateOfBirth: '1975-06-23T00:00:00',
      Address: 'Vesterbrogade 4',
      PostCode: '01620',
      CityName: 'København',
      State: 'Hovedstaden',
      CountryId: 1208,
      PhoneNumber: '+45 33 12 34 56',
      Notes: 'Collects mail on Fridays',
      AmlCheckDate: '2026-01-15T00:00:00',
      AmlOpenSanctionsScore: 0.12,
      AmlOpenSanctionsResponse: '{"results":[]}',
      AmlPappersResponse: 'No match',
      AmlPappersStatus: 'Clear',
      AmlNotes: 'Passport seen in person',
      AmlClearedBy: 'compliance@example.com',
      AmlClearedOn: '2026-01-20T00:00:00',
    },
  },
  ...(
    [
      ['None', 'Not started', 'Moldova, Republic of', 1498],
      ['Director', 'Pending', 'Åland Islands', 1248],
      ['Nominated recipient', 'Clear', "Cote d'Ivoire", 1384],
      ['Director', 'Confirmed match', 'Bonaire, Sint Eustatius and Saba', 1535],
      ['None', 'Error', 'United Kingdom', 1826],
      ['Company alias', 'Manually cleared', 'Virgin Islands, U.S.', 1850],
    ] as const
  ).map(([type, status, country, countryId], i) => ({
    typed: {
      CoworkerContractId: 7101 + i,
      FullName: `Contact ${i + 1}`,
      ContractContactType: type,
      AmlCheckStatus: status,
      PostCode: `0${i}00${i}`,
      CountryId: country,
    },
    stored: {
      CoworkerContractId: 7101 + i,
      FullName: `Contact ${i + 1}`,
      ContractContactType: ['None', 'Director', 'Company alias', 'Nominated recipient'].indexOf(
        type,
      ),
      AmlCheckStatus: [
        'Not started',
        'Pending',
        'Clear',
        'Potential match',
        'Confirmed match',
        'Error',
        'Manually cleared',
      ].indexOf(status),
      PostCode: `0${i}00${i}`,
      CountryId: countryId,
    },
  })),
  {
    // Type and status left blank: Director and Not started, as the notes say.
    typed: { CoworkerContractId: 7105, FullName: 'Grace Hopper' },
    stored: {
      CoworkerContractId: 7105,
      FullName: 'Grace Hopper',
      ContractContactType: 1,
      AmlCheckStatus: 0,
    },
  },
  {
    // What the dropdowns warn about but keep: an ISO code, a Nexudus value name; and AML
    // status left blank.
    typed: {
      CoworkerContractId: 7102,
      FullName: 'Karl Weber',
      ContractContactType: 'NominatedRecipient',
      CountryId: 'DE',
    },
    stored: {
      CoworkerContractId: 7102,
      FullName: 'Karl Weber',
      ContractContactType: 3,
      AmlCheckStatus: 0,
      CountryId: 1276,
    },
  },
  {
    // No name or email: they come from coworker 2004.
    typed: {
      CoworkerContractId: 7104,
      CoworkerId: 2004,
      ContractContactType: 'Nominated recipient',
    },
    stored: {
      CoworkerContractId: 7104,
      CoworkerId: 2004,
      FullName: "Siobhán O'Connor",
      Email: 'siobhan.oconnor@example.com',
      ContractContactType: 3,
      AmlCheckStatus: 0,
    },
  },
];

/** Imports a file into the sandbox with no options but the test pace; results in `cwd/r`. */
export function importInto(sandbox: Sandbox, cwd: string, file: string) {
  return runCli(
    ['import', file, '--base-url', sandbox.url, '--out', 'r', '--writes-per-minute', '6000'],
    { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
  );
}
