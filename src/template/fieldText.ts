import type { FieldDef, FieldKind } from '../fields.js';

/**
 * What the template says about each column, in words, all derived from fields.ts: the header
 * notes, the input messages and the Instructions sheet read these, so they never disagree.
 */

/** Fields whose blank cell has a rule the mapper applies beyond `required`/`default`. */
const BLANK_RULES: Partial<Record<string, { required: string; blank: string }>> = {
  // mapRow: a blank FullName with a CoworkerId is taken from that coworker (SPEC "Values").
  FullName: {
    required: 'Yes, unless CoworkerId is given',
    blank: "The coworker's name, when CoworkerId is given; otherwise the row is rejected",
  },
  // mapRow: a Customer cell names the contract instead (docs/customer.md).
  CoworkerContractId: {
    required: 'No, if Customer names the contract (one of the two is needed)',
    blank: 'The contract is found by the Customer (+ Plan); with neither, the row is rejected',
  },
  Customer: {
    required: 'No, if CoworkerContractId is given (one of the two is needed)',
    blank: 'CoworkerContractId names the contract',
  },
};

const ACCEPTED: Record<Exclude<FieldKind, 'enum'>, (def: FieldDef) => string> = {
  integer: (def) => `A whole number, e.g. ${def.example}`,
  text: () => 'Any text',
  verbatim: () => 'Any text, kept exactly as typed (leading zeros and a leading + too)',
  date: () => 'A date: type it as 1975-06-23 (year-month-day); it shows as yyyy-mm-dd',
  number: (def) => `A number, e.g. ${def.example}`,
  email: () => 'An email address',
  json: () => 'JSON text',
  // The dropdown refuses anything else, codes included (the CSV template takes codes too).
  country: () => 'A country from the dropdown: its English name, as on the Lists sheet',
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
  if (!def.required) return 'No';
  return def.default === undefined ? 'Yes' : 'Yes (a blank cell takes the default)';
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
    `${def.name}${def.required ? ' (required)' : ''}`,
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
