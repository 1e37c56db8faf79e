import type { FieldDef, FieldKind } from '../fields.js';

/**
 * What the template says about each column, in words, all derived from fields.ts: the header
 * notes, the input messages and the Instructions sheet read these, so they never disagree.
 */

const ONE_OF_THE_TWO = 'One of CoworkerContractId or Customer';

/** Fields whose blank cell has a rule the mapper applies beyond `required`/`default`. */
const BLANK_RULES: Partial<Record<string, { required: string; blank: string }>> = {
  // mapRow: a blank FullName with a CoworkerId is taken from that coworker (SPEC "Values").
  FullName: {
    required: 'Yes, unless CoworkerId is given',
    blank: "The coworker's name, when CoworkerId is given; otherwise the row is rejected",
  },
  // mapRow: a Customer cell names the contract instead (docs/customer.md).
  CoworkerContractId: {
    required: ONE_OF_THE_TWO,
    blank: 'The contract is found by the Customer (+ Plan); with neither, the row is rejected',
  },
  Customer: {
    required: ONE_OF_THE_TWO,
    blank: 'CoworkerContractId names the contract',
  },
};

/**
 * A field whose cell cannot be left blank: required by Nexudus and with no default to fill a
 * blank in (ContractContactType and AmlCheckStatus have one). Only these look required in the
 * template (bold on amber); CoworkerContractId and Customer each may be blank when the other is
 * given, so neither alone does.
 */
export function mustFill(def: FieldDef): boolean {
  return def.required && def.default === undefined;
}

const ACCEPTED: Record<Exclude<FieldKind, 'enum'>, (def: FieldDef) => string> = {
  integer: (def) => `A whole number, e.g. ${def.example}`,
  text: () => 'Any text',
  verbatim: () => 'Any text, kept exactly as typed (leading zeros and a leading + too)',
  date: () => 'A date: type it as 1975-06-23 (year-month-day); it shows as yyyy-mm-dd',
  number: (def) => `A number, e.g. ${def.example}`,
  email: () => 'An email address',
  json: () => 'JSON text',
  // The dropdown only warns: a code or another spelling the mapper reads is kept (columns.ts).
  country: () =>
    'A country from the dropdown (English names, as on the Lists sheet), or its ISO code such as DE or DEU',
};

/** The labels of an enum field, as its dropdown offers them. */
export function enumLabels(def: FieldDef): string[] {
  return (def.values ?? []).map((v) => v.label);
}

/** "Accepted values" of a field, one sentence without a full stop. */
export function acceptedValues(def: FieldDef): string {
  if (def.kind === 'enum') return `One of: ${enumLabels(def).join(', ')} (pick from the dropdown)`;
  return ACCEPTED[def.kind](def);
}

/** "Required?" of a field. */
export function requiredText(def: FieldDef): string {
  const rule = BLANK_RULES[def.name];
  if (rule) return rule.required;
  if (mustFill(def)) return 'Yes';
  return def.default === undefined ? 'No' : `No (blank means ${blankText(def)})`;
}

/** What a blank cell becomes. */
export function blankText(def: FieldDef): string {
  const rule = BLANK_RULES[def.name];
  if (rule) return rule.blank;
  if (def.default !== undefined) {
    const label = def.values?.find((v) => v.value === def.default)?.label;
    return label ?? String(def.default);
  }
  return def.required ? 'Not allowed (the row is rejected)' : 'Nothing is sent';
}

/** The note on a Contacts header: what the column is, what it takes, its blank and an example. */
export function noteText(def: FieldDef): string {
  const lines = [
    `${def.name}${mustFill(def) ? ' (required)' : def.aml ? ' (AML)' : ''}`,
    def.description,
    '',
    `Accepted: ${acceptedValues(def)}.`,
    `If blank: ${blankText(def)}.`,
    `Example: ${def.example}`,
  ];
  return lines.join('\n');
}

/** Excel refuses an input message longer than 255 characters (and a title over 32). */
const PROMPT_LIMIT = 255;

/** The input message shown when a cell of the column is selected. */
export function promptText(def: FieldDef): string {
  const accepted = `${acceptedValues(def)}.`;
  const blank = def.required ? ` If blank: ${blankText(def)}.` : '';
  const long = `${def.description} ${accepted}${blank}`;
  if (long.length <= PROMPT_LIMIT) return long;
  const short = `${accepted}${blank}`;
  return short.length <= PROMPT_LIMIT ? short : `${short.slice(0, PROMPT_LIMIT - 1)}…`;
}
