import { FIELDS, type FieldDef, type FieldName } from '../fields.js';
import { normalizeText, normalizeVerbatim } from '../map/text.js';
import type { Payload } from '../payload.js';

/** A writable field's value as Nexudus holds it (a read record's), or as an update sends it. */
export type FieldValue = string | number | null;

/** One field an update changes: `changes.csv`'s line, and what undo puts back. */
export interface FieldChange {
  readonly field: FieldName;
  /** As the record held it when it was read (null: empty). */
  readonly before: FieldValue;
  /** As the update sends it (null: cleared, with --clear-blank). */
  readonly after: FieldValue;
}

/** What decides which cells of a row change its contact. */
export interface ChangeRules {
  /** The fields with a column and a blank cell in the row (MappedOk.blanks). */
  readonly blanks: readonly FieldName[];
  /** `--clear-blank`: a blank cell clears the field (never a required one). */
  readonly clearBlank: boolean;
}

/**
 * The fields where the row's checked payload differs from the record as Nexudus holds it, in
 * the template's field order. Values compare as the mapper reads them: dates as dates (the
 * time of day and an offset's absence aside), Ids, enums and countries as numbers, text after
 * the same normalising, emails ignoring case (an address is the same mailbox in any case, and a
 * server that stores it lower-cased must not look changed on every run), JSON by its content.
 *
 * A blank cell leaves its field as it is, even where the mapper filled in a required enum's
 * default. With `clearBlank` it clears a field the record has, except the required ones
 * (CoworkerContractId, FullName, ContractContactType, AmlCheckStatus): Nexudus refuses a record
 * without them, so their blank cell leaves them as they are (docs/updating.md).
 * The contract is never changed: a row only ever matches a contact of its own contract.
 */
export function fieldChanges(
  payload: Payload,
  record: Readonly<Record<string, unknown>>,
  rules: ChangeRules,
): FieldChange[] {
  const changes: FieldChange[] = [];
  const blanks = new Set(rules.blanks);
  const given = payload as Readonly<Record<string, string | number | undefined>>;
  for (const def of FIELDS) {
    if (def.name === 'CoworkerContractId') continue;
    const before = recordValue(record[def.name]);
    if (blanks.has(def.name)) {
      if (rules.clearBlank && !def.required && !isEmpty(before)) {
        changes.push({ field: def.name, before, after: null });
      }
      continue;
    }
    const after = given[def.name];
    if (after === undefined) continue; // no column: the field is the record's
    if (!sameValue(def, before, after)) changes.push({ field: def.name, before, after });
  }
  return changes;
}

/** A record's value as it can be compared and sent back: missing and `''` are null. */
export function recordValue(value: unknown): FieldValue {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return JSON.stringify(value);
}

export function isEmpty(value: FieldValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** Whether the record's value and the payload's say the same, for a field of this kind. */
export function sameValue(def: FieldDef, before: FieldValue, after: string | number): boolean {
  if (isEmpty(before)) return false; // the payload never holds an empty value
  return canonical(def, before) === canonical(def, after);
}

/**
 * A value as the comparison sees it: two values say the same exactly when their canonical texts
 * are equal (see fieldChanges). Empty is `''`.
 */
export function canonical(def: FieldDef, value: FieldValue): string {
  if (isEmpty(value)) return '';
  switch (def.kind) {
    case 'integer':
    case 'enum':
    case 'country':
    case 'number':
      return String(Number(value));
    case 'date':
      return dateTimeOf(value);
    case 'text':
      return normalizeText(String(value));
    case 'verbatim':
      return normalizeVerbatim(String(value));
    case 'email':
      return String(value).trim().toLowerCase();
    case 'json':
      return jsonText(String(value));
  }
}

/**
 * A Nexudus date-time as `YYYY-MM-DDTHH:mm:ss`: replies end with `Z` (or an offset) and may carry
 * a fraction, while the tool sends local date-times without an offset (Nexudus keeps the
 * space's local time), so neither counts; a bare date is its midnight. Text that is no date is
 * kept as it is (it then differs from any date sent).
 */
export function dateTimeOf(value: FieldValue): string {
  const text = String(value).trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!m) return text;
  return `${m[1]}T${m[2] ?? '00:00'}:${m[3] ?? '00'}`;
}

function jsonText(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
