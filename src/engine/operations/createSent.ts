import { createHash } from 'node:crypto';
import { FIELDS, type FieldName } from '../../fields.js';
import type { Payload } from '../../payload.js';
import { canonical, recordValue } from '../../preflight/fieldChanges.js';
import type { CreateSent } from '../../upload/journal.js';

/**
 * What a create's `sending` line says of the record it makes (see CreateSent): its name and
 * type, the fields the payload holds and a hash of their values as the update comparison reads
 * them (fieldChanges' `canonical`), so that undo can tell, without keeping the payload, whether
 * the record still holds what the run wrote.
 */
export function createSent(payload: Payload): CreateSent {
  const given = payload as Readonly<Record<string, string | number | undefined>>;
  const fields = FIELDS.filter((f) => given[f.name] !== undefined).map((f) => f.name);
  return {
    name: payload.FullName,
    type: payload.ContractContactType,
    fields,
    hash: valuesHash(given, fields),
  };
}

/**
 * Whether `record` still holds what the create wrote: in every field it sent, the value it sent
 * (compared as an update compares: dates as dates, text after the same normalising), and
 * nothing in the fields it did not send, but for the Email that Nexudus fills in from the
 * coworker of a CoworkerId (a zero counts as nothing: a server's default).
 */
export function stillAsCreated(
  record: Readonly<Record<string, unknown>>,
  sent: CreateSent,
): boolean {
  const filledIn = new Set<FieldName>(sent.fields.includes('CoworkerId') ? ['Email'] : []);
  for (const def of FIELDS) {
    if (sent.fields.includes(def.name) || filledIn.has(def.name)) continue;
    const value = recordValue(record[def.name]);
    if (value !== null && value !== 0 && String(value).trim() !== '') return false;
  }
  const held: Record<string, string | number | undefined> = {};
  for (const name of sent.fields) {
    const value = recordValue(record[name]);
    if (value !== null) held[name] = value;
  }
  return valuesHash(held, sent.fields) === sent.hash;
}

/** SHA-256 (first 16 hex digits) of the fields' canonical values, in the order given. */
function valuesHash(
  values: Readonly<Record<string, string | number | undefined>>,
  fields: readonly FieldName[],
): string {
  const hash = createHash('sha256');
  for (const name of fields) {
    const def = FIELDS.find((f) => f.name === name);
    const value = values[name];
    const text = def && value !== undefined ? canonical(def, value) : '';
    hash.update(`${name}\u0000${text}\u0001`);
  }
  return hash.digest('hex').slice(0, 16);
}
