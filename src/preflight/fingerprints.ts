import { FIELDS, type FieldDef, type FieldName } from '../fields.js';
import type { Payload } from '../payload.js';
import { canonical, recordValue, type ChangeRules } from './fieldChanges.js';

/**
 * What preflight keeps of each existing contact for `import --update`, in small memory: a 64-bit
 * fingerprint of each compared field's canonical value (see fieldChanges' `canonical`), in typed
 * arrays, 16 bytes a field instead of the record (an account of 100,000 contacts read whole
 * would hold every field of every record, read-only ones too, for the whole run).
 *
 * A row whose every cell has its field's fingerprint is `unchanged`, with no request. A row with
 * any fingerprint different certainly differs: its contact is read again by Id right before its
 * PUT (`?id=[…]`, 100 a request), and the changes are found exactly on that fresh record, which
 * is also the "record as read" the PUT sends. The one way this can err is two different values
 * with the same 64-bit fingerprint: a change then goes unseen (`unchanged`). With two independent
 * 32-bit hashes that is about 1 in 10^19 per changed cell; a million changed cells leave it at 1
 * in 10^13, far below a disk's or a person's error rate, while an exact copy of the values would
 * cost as much memory as the records.
 */
export class Fingerprints {
  /** The fields compared: those with a column in the file (a field without one is never changed). */
  readonly fields: readonly FieldDef[];
  private high = new Uint32Array(0);
  private low = new Uint32Array(0);
  private size = 0;

  constructor(compared: ReadonlySet<FieldName>) {
    this.fields = FIELDS.filter((f) => compared.has(f.name) && f.name !== 'CoworkerContractId');
  }

  /** Keeps a record's fingerprints; returns its slot. */
  add(record: Readonly<Record<string, unknown>>): number {
    const width = this.fields.length;
    const slot = this.size;
    this.size += 1;
    if (this.size * width > this.high.length) this.grow(Math.max(1024, this.size * 2) * width);
    for (const [i, def] of this.fields.entries()) {
      const [h, l] = fingerprint(canonical(def, recordValue(record[def.name])));
      this.high[slot * width + i] = h;
      this.low[slot * width + i] = l;
    }
    return slot;
  }

  /**
   * Whether the row's payload may change the contact in `slot`: a cell whose value differs from
   * the record's, or (with clearBlank) a blank cell of a field the record holds.
   */
  differs(slot: number, payload: Payload, rules: ChangeRules): boolean {
    const width = this.fields.length;
    const blanks = new Set<string>(rules.blanks);
    const given = payload as Readonly<Record<string, string | number | undefined>>;
    for (const [i, def] of this.fields.entries()) {
      const at = slot * width + i;
      const empty = this.high[at] === 0 && this.low[at] === 0;
      if (blanks.has(def.name)) {
        if (rules.clearBlank && !def.required && !empty) return true;
        continue;
      }
      const after = given[def.name];
      if (after === undefined) continue;
      const [h, l] = fingerprint(canonical(def, after));
      if (h !== this.high[at] || l !== this.low[at]) return true;
    }
    return false;
  }

  private grow(length: number): void {
    const high = new Uint32Array(length);
    const low = new Uint32Array(length);
    high.set(this.high);
    low.set(this.low);
    this.high = high;
    this.low = low;
  }
}

/** Two independent 32-bit FNV-1a-style hashes of the text; empty text is (0, 0). */
function fingerprint(text: string): [number, number] {
  if (text === '') return [0, 0];
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}
