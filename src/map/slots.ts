import { FIELDS, type FieldName } from '../fields.js';

/**
 * What a column can feed: a field, or one part of a field made of several columns. The parts'
 * names are also what `--mapping` accepts for them (`{"Prénom": "FirstName"}`).
 */
export type Slot = FieldName | NamePart;
export type NamePart = 'FirstName' | 'LastName' | 'AddressLine2';

/** Headers of the parts; FullName is `First Name + ' ' + Last Name`, Address `line 1, line 2`. */
const PART_HEADERS: Readonly<Record<NamePart, readonly string[]>> = {
  FirstName: ['First Name', 'Given Name', 'Forename', 'First Names', 'Given Names', 'Forenames'],
  LastName: ['Last Name', 'Surname', 'Family Name'],
  AddressLine2: ['Address Line 2', 'Address 2', 'Street 2'],
};

export const NAME_PARTS = Object.keys(PART_HEADERS) as readonly NamePart[];

const IGNORED = /[\s_\-.\u200B-\u200D\u2060\uFEFF]+/g;

/** A header as matched: case, spaces, `_`, `-` and `.` do not count (`E-mail` = `email`). */
export function headerKey(header: string): string {
  return header.normalize('NFC').replace(IGNORED, '').toLowerCase();
}

function buildIndex(): ReadonlyMap<string, Slot> {
  const index = new Map<string, Slot>();
  const add = (header: string, slot: Slot): void => {
    const key = headerKey(header);
    const taken = index.get(key);
    // Two fields answering to one header would make matching depend on order: a bug in fields.ts.
    if (taken !== undefined && taken !== slot) {
      throw new Error(`header "${header}" would match both ${taken} and ${slot}`);
    }
    index.set(key, slot);
  };
  for (const f of FIELDS) {
    add(f.name, f.name);
    for (const alias of f.aliases) add(alias, f.name);
  }
  for (const part of NAME_PARTS) {
    add(part, part);
    for (const header of PART_HEADERS[part]) add(header, part);
  }
  return index;
}

const INDEX = buildIndex();

/** Every name a column can carry for each slot: the slot's own name, then its aliases. */
export const SLOT_HEADERS: ReadonlyMap<Slot, readonly string[]> = new Map<Slot, readonly string[]>([
  ...FIELDS.map((f): [Slot, readonly string[]] => [f.name, [f.name, ...f.aliases]]),
  ...NAME_PARTS.map((part): [Slot, readonly string[]] => [part, [part, ...PART_HEADERS[part]]]),
]);

/** The field a slot feeds: FullName for First/Last Name, Address for its second line. */
export function fieldOfSlot(slot: Slot): FieldName {
  if (slot === 'FirstName' || slot === 'LastName') return 'FullName';
  if (slot === 'AddressLine2') return 'Address';
  return slot;
}

/** The field (or part of one) a header or `--mapping` target names, or undefined. */
export function slotOf(header: string): Slot | undefined {
  return INDEX.get(headerKey(header));
}

/** Spreadsheet column letters for messages: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
