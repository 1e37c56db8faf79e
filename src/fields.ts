/**
 * THE field definitions of a Nexudus ContractContact, as the seed's reference page
 * (`POST /api/billing/contractcontacts`) lists them. Validation, header matching, the import
 * template and the docs all read this one module; nothing else names a field by hand.
 *
 * FIELDS is in the order a person fills a contact in, which is the template's and export's column
 * order: the everyday fields first (contract, name, type, email, phone, address, country, date
 * of birth, notes, then CoworkerId, which few use), the anti-money-laundering fields (`aml`)
 * after them, in a group the template collapses (docs/template.md).
 */

/** How a field's cell is read and checked (see SPEC "Values"). */
export type FieldKind =
  | 'integer' // whole number: 123, "123", "123.0"
  | 'text' // trimmed, white space collapsed, NFC
  | 'verbatim' // text kept exactly as written (leading + and zeros): phone numbers, post codes
  | 'enum' // a number or one of the field's value names
  | 'date' // date cell, ISO, D/M/Y or M/D/Y, month names
  | 'number' // decimal number (decimal comma accepted in `;` files)
  | 'email'
  | 'json' // must parse as JSON
  | 'country'; // Nexudus country Id, ISO alpha-2/alpha-3, English name or alias

/** One value of an enum field: what Nexudus stores, its API name, and what a person types. */
export interface EnumValue {
  readonly value: number;
  /** The API's name of the value (`NominatedRecipient`). */
  readonly name: string;
  /** The label shown in the template's dropdown (`Nominated recipient`). */
  readonly label: string;
}

export interface FieldDef {
  /** The Nexudus PropertyName, as sent in the payload and named in `Errors`. */
  readonly name: string;
  /** An anti-money-laundering field: the template groups these columns and collapses them. */
  readonly aml?: boolean;
  readonly kind: FieldKind;
  /** Required by the seed. A required field with a `default` may be left blank. */
  readonly required: boolean;
  /** What a blank cell becomes, for required enums (as the API documents). */
  readonly default?: number;
  readonly description: string;
  /** A realistic example value, as a person would type it. */
  readonly example: string;
  /** Other headers people use for this column (matched ignoring case, spaces, `_`, `-`, `.`). */
  readonly aliases: readonly string[];
  readonly values?: readonly EnumValue[];
}

export const CONTRACT_CONTACT_TYPES = [
  { value: 0, name: 'None', label: 'None' },
  { value: 1, name: 'Director', label: 'Director' },
  { value: 2, name: 'CompanyAlias', label: 'Company alias' },
  { value: 3, name: 'NominatedRecipient', label: 'Nominated recipient' },
] as const satisfies readonly EnumValue[];

export const AML_CHECK_STATUSES = [
  { value: 0, name: 'NotStarted', label: 'Not started' },
  { value: 1, name: 'Pending', label: 'Pending' },
  { value: 2, name: 'Clear', label: 'Clear' },
  { value: 3, name: 'PotentialMatch', label: 'Potential match' },
  { value: 4, name: 'ConfirmedMatch', label: 'Confirmed match' },
  { value: 5, name: 'Error', label: 'Error' },
  { value: 6, name: 'ManuallyCleared', label: 'Manually cleared' },
] as const satisfies readonly EnumValue[];

export const FIELDS = [
  {
    name: 'CoworkerContractId',
    kind: 'integer',
    required: true,
    description:
      'Id of the coworker contract (the virtual-office contract) this contact belongs to.',
    example: '7101',
    aliases: [
      'Contract',
      'Contract Id',
      'Contract Number',
      'Coworker Contract',
      'Coworker Contract Id',
    ],
  },
  {
    name: 'FullName',
    kind: 'text',
    required: true,
    description:
      'Full name of the contact, or the trading name for a company alias. May be left blank when CoworkerId is given: the name then comes from that coworker.',
    example: 'Amélie Durand',
    aliases: ['Name', 'Full Name', 'Contact Name'],
  },
  {
    name: 'ContractContactType',
    kind: 'enum',
    required: true,
    default: 1,
    description:
      'Role of the contact: Director (a company director), Company alias (a trading name) or Nominated recipient (may receive mail on behalf of the company). Blank means Director.',
    example: 'Director',
    aliases: ['Type', 'Contact Type', 'Role', 'Contact Role'],
    values: CONTRACT_CONTACT_TYPES,
  },
  {
    name: 'Email',
    kind: 'email',
    required: false,
    description: 'Email address of the contact.',
    example: 'amelie.durand@example.com',
    aliases: ['E-mail', 'Email Address'],
  },
  {
    name: 'PhoneNumber',
    kind: 'verbatim',
    required: false,
    description: 'Phone number, kept exactly as written (a leading + too).',
    example: '+33 1 42 68 53 00',
    aliases: ['Phone', 'Telephone', 'Mobile', 'Tel', 'Mobile Number', 'Telephone Number'],
  },
  {
    name: 'Address',
    kind: 'text',
    required: false,
    description: 'Street address.',
    example: '12 Rue de la Paix',
    aliases: ['Street', 'Address Line 1', 'Address 1', 'Street Address'],
  },
  {
    name: 'CityName',
    kind: 'text',
    required: false,
    description: 'City or town.',
    example: 'Paris',
    aliases: ['City', 'Town'],
  },
  {
    name: 'PostCode',
    kind: 'verbatim',
    required: false,
    description: 'Post code, kept exactly as written (leading zeros too).',
    example: '75002',
    aliases: ['Postcode', 'Post Code', 'ZIP', 'Zip Code', 'Postal Code'],
  },
  {
    name: 'State',
    kind: 'text',
    required: false,
    description: 'State, county, province or region.',
    example: 'Île-de-France',
    aliases: ['County', 'Province', 'Region'],
  },
  {
    name: 'CountryId',
    kind: 'country',
    required: false,
    description:
      "Country: its name in English, its ISO code (FR, FRA) or the account's Nexudus country Id.",
    example: 'France',
    aliases: ['Country', 'Country Code', 'Country Name'],
  },
  {
    name: 'DateOfBirth',
    kind: 'date',
    required: false,
    description: 'Date of birth, used for identity verification.',
    example: '1975-06-23',
    aliases: ['DOB', 'Birth Date', 'Date of Birth', 'Birthday'],
  },
  {
    name: 'Notes',
    kind: 'text',
    required: false,
    description: 'Notes about this contact.',
    example: 'Collects mail on Fridays',
    aliases: ['Note', 'Comments', 'Comment'],
  },
  {
    name: 'CoworkerId',
    kind: 'integer',
    required: false,
    description:
      'Id of an existing coworker (customer) this contact is; Nexudus then uses their name and email.',
    example: '2003',
    aliases: ['Coworker', 'Customer Id'],
  },
  {
    name: 'AmlCheckStatus',
    aml: true,
    kind: 'enum',
    required: true,
    default: 0,
    description: 'Status of the anti-money-laundering (AML) check. Blank means Not started.',
    example: 'Clear',
    aliases: ['AML Status', 'AML Check', 'AML Check Status'],
    values: AML_CHECK_STATUSES,
  },
  {
    name: 'AmlCheckDate',
    aml: true,
    kind: 'date',
    required: false,
    description: 'Date the AML check was performed.',
    example: '2026-01-15',
    aliases: [],
  },
  {
    name: 'AmlOpenSanctionsScore',
    aml: true,
    kind: 'number',
    required: false,
    description: 'Score from the OpenSanctions check.',
    example: '0.12',
    aliases: [],
  },
  {
    name: 'AmlOpenSanctionsResponse',
    aml: true,
    kind: 'json',
    required: false,
    description: 'Response of the OpenSanctions check, as JSON text.',
    example: '{"results":[]}',
    aliases: [],
  },
  {
    name: 'AmlPappersResponse',
    aml: true,
    kind: 'text',
    required: false,
    description: 'Response of the Pappers AML check (French company registry), as text.',
    example: 'No match',
    aliases: [],
  },
  {
    name: 'AmlPappersStatus',
    aml: true,
    kind: 'text',
    required: false,
    description: 'Status from the Pappers AML check.',
    example: 'Clear',
    aliases: [],
  },
  {
    name: 'AmlNotes',
    aml: true,
    kind: 'text',
    required: false,
    description: 'Internal notes on the AML check; customers never see them.',
    example: 'Passport seen in person',
    aliases: [],
  },
  {
    name: 'AmlClearedBy',
    aml: true,
    kind: 'text',
    required: false,
    description: 'Who cleared the AML check.',
    example: 'compliance@example.com',
    aliases: [],
  },
  {
    name: 'AmlClearedOn',
    aml: true,
    kind: 'date',
    required: false,
    description: 'Date the AML check was cleared.',
    example: '2026-01-20',
    aliases: [],
  },
] as const satisfies readonly FieldDef[];

export type FieldName = (typeof FIELDS)[number]['name'];

export const FIELD_NAMES: readonly FieldName[] = FIELDS.map((f) => f.name);

const byName = new Map<string, FieldDef>(FIELDS.map((f) => [f.name, f]));

/** The definition of a field by its Nexudus name. */
export function field(name: FieldName): FieldDef {
  const def = byName.get(name);
  if (!def) throw new Error(`unknown field ${name}`);
  return def;
}

/**
 * The column `export` writes first: the contact's Nexudus Id. `import --update` matches a row to
 * its contact by it; without `--update` a row with an Id is one that is already in Nexudus.
 */
export const ID_COLUMN = 'Id';

/**
 * Context columns `export` writes at the right, greyed: they say whose contact it is and when it
 * changed. CreatedOn and UpdatedOn are read-only in Nexudus: `import` recognises them and leaves
 * them out. Customer and Plan name the row's contract (see CUSTOMER_COLUMN): in an exported file
 * they agree with its CoworkerContractId.
 */
export const CONTEXT_COLUMNS = ['Customer', 'Plan', 'CreatedOn', 'UpdatedOn'] as const;
export type ContextColumn = (typeof CONTEXT_COLUMNS)[number];

/**
 * The column naming a row's contract by its customer instead of its CoworkerContractId (the
 * customer's email, full name, company or billing name), and the one narrowing that customer's
 * contracts by plan (TariffName). See docs/customer.md.
 */
export const CUSTOMER_COLUMN = 'Customer';
export const PLAN_COLUMN = 'Plan';
