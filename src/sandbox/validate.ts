import { isIsoDateTime } from './isoDate.js';

/** One problem with a create request, as Nexudus reports it in `Errors`. */
export interface ValidationError {
  AttemptedValue: unknown;
  Message: string;
  PropertyName: string;
}

/** The references a contact may point at; the validator asks, the store and account answer. */
export interface ContactReferences {
  hasContract(id: number): boolean;
  hasCoworker(id: number): boolean;
  hasCountry(id: number): boolean;
}

/** The seed's fields of a contract contact, as a create request may send them. */
export type ContactFields = Record<string, string | number>;

export type ValidationResult =
  { ok: true; fields: ContactFields } | { ok: false; errors: ValidationError[] };

type Kind = 'integer' | 'enum' | 'number' | 'string' | 'date' | 'json';

interface FieldRule {
  name: string;
  kind: Kind;
  required?: boolean;
  /** For enums: the value names, indexed by value. */
  names?: readonly string[];
  /** For Ids: whether a record with this Id exists. */
  exists?: (refs: ContactReferences, id: number) => boolean;
  /** The message when it does not. */
  missing?: string;
}

// The seed's request body (post-contractcontacts.txt), written out here rather than read from
// src/fields.ts: the sandbox stands in for Nexudus and must not share the importer's mistakes.
const RULES: readonly FieldRule[] = [
  {
    name: 'CoworkerContractId',
    kind: 'integer',
    required: true,
    exists: (refs, id) => refs.hasContract(id),
    missing: 'no coworker contract with Id',
  },
  { name: 'FullName', kind: 'string', required: true },
  {
    name: 'ContractContactType',
    kind: 'enum',
    required: true,
    names: ['None', 'Director', 'CompanyAlias', 'NominatedRecipient'],
  },
  {
    name: 'AmlCheckStatus',
    kind: 'enum',
    required: true,
    names: [
      'NotStarted',
      'Pending',
      'Clear',
      'PotentialMatch',
      'ConfirmedMatch',
      'Error',
      'ManuallyCleared',
    ],
  },
  {
    name: 'CoworkerId',
    kind: 'integer',
    exists: (refs, id) => refs.hasCoworker(id),
    missing: 'no coworker with Id',
  },
  { name: 'Email', kind: 'string' },
  { name: 'DateOfBirth', kind: 'date' },
  { name: 'Address', kind: 'string' },
  { name: 'PostCode', kind: 'string' },
  { name: 'CityName', kind: 'string' },
  { name: 'State', kind: 'string' },
  {
    name: 'CountryId',
    kind: 'integer',
    exists: (refs, id) => refs.hasCountry(id),
    missing: 'no country with Id',
  },
  { name: 'PhoneNumber', kind: 'string' },
  { name: 'Notes', kind: 'string' },
  { name: 'AmlCheckDate', kind: 'date' },
  { name: 'AmlOpenSanctionsScore', kind: 'number' },
  { name: 'AmlOpenSanctionsResponse', kind: 'json' },
  { name: 'AmlPappersResponse', kind: 'string' },
  { name: 'AmlPappersStatus', kind: 'string' },
  { name: 'AmlNotes', kind: 'string' },
  { name: 'AmlClearedBy', kind: 'string' },
  { name: 'AmlClearedOn', kind: 'date' },
];

/** The seed's field names, in the seed's order. */
export const CONTACT_FIELD_NAMES: readonly string[] = RULES.map((r) => r.name);

const INT32_MAX = 2_147_483_647;

/**
 * Check a create request's body the way the seed describes: the four required fields, every
 * field's type, the enum ranges, and that referenced records exist. Every problem is reported,
 * in the seed's field order. Unknown properties are ignored, and null means "not sent".
 * Property names match exactly (case included): stricter than .NET's binding, on purpose.
 */
export function validateContact(body: unknown, refs: ContactReferences): ValidationResult {
  const input: Record<string, unknown> =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const fields: ContactFields = {};
  const errors: ValidationError[] = [];
  for (const rule of RULES) {
    const value = Object.hasOwn(input, rule.name) ? input[rule.name] : undefined;
    const message = check(rule, value, refs);
    if (message !== undefined) {
      errors.push({ AttemptedValue: value ?? null, Message: message, PropertyName: rule.name });
    } else if (value !== undefined && value !== null) {
      fields[rule.name] = value as string | number;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}

/** The problem with one field's value, or undefined when it is fine. */
function check(rule: FieldRule, value: unknown, refs: ContactReferences): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (rule.required) return 'is a required field';
    if (value === undefined || value === null || rule.kind === 'string') return undefined;
  }
  switch (rule.kind) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'date':
      return typeof value === 'string' && isIsoDateTime(value)
        ? undefined
        : 'is not a valid date (send YYYY-MM-DDTHH:mm:ss)';
    case 'json':
      if (typeof value !== 'string') return 'must be text holding JSON';
      try {
        JSON.parse(value);
        return undefined;
      } catch {
        return 'is not valid JSON';
      }
    case 'integer':
    case 'enum': {
      if (!isInt32(value)) return 'must be a whole number';
      if (rule.names && (value < 0 || value >= rule.names.length)) {
        return `must be one of ${rule.names.map((name, i) => `${i} (${name})`).join(', ')}`;
      }
      if (rule.exists && !rule.exists(refs, value)) return `${rule.missing} ${value}`;
      return undefined;
    }
  }
}

function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= INT32_MAX;
}
