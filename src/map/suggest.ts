import { distance } from 'fastest-levenshtein';
import { SLOT_HEADERS, type Slot } from './slots.js';

/** Words that say nothing about a column ("Type of contact", "Date of birth"). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
]);

/** At most this many fields are suggested for one column. */
const MAX_SUGGESTIONS = 3;
/** A header sharing at least this share of its words with a field's names is close to it. */
const MIN_COVERAGE = 0.5;
/**
 * A header this close in edits to a field's name is a typo of it: two edits at most, and at
 * most two in five letters (`Emial` for `Email`: a swap costs two in Levenshtein's count).
 */
const MAX_TYPO_EDITS = 2;
const MAX_TYPO_RATIO = 0.4;
/** Words of one or two letters (`id`, `no`) weigh half: they say little on their own. */
const weight = (word: string): number => (word.length <= 2 ? 0.5 : 1);

/** Lower case, accents off: `Téléphone` and `telephone` are the same word to a reader. */
function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replaceAll('ß', 'ss');
}

/** The words of a header or field name: `ContractContactType` → contract, contact, type. */
function wordsOf(text: string): string[] {
  return plain(text.normalize('NFC').replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !STOP_WORDS.has(w));
}

/** A header as compared letter by letter: words only, run together. */
function squeezed(text: string): string {
  return plain(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Two words are one when equal, or when one abbreviates the other (`addr`, `address`). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  return Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a));
}

interface Name {
  readonly slot: Slot;
  readonly words: readonly string[];
  readonly squeezed: string;
}

const NAMES: readonly Name[] = [...SLOT_HEADERS].flatMap(([slot, headers]) =>
  headers.map((header) => ({ slot, words: wordsOf(header), squeezed: squeezed(header) })),
);

/** How close a header is to one name, from 0 (nothing alike) to 1 (the same words). */
function closeness(words: readonly string[], letters: string, name: Name): number {
  let shared = 0;
  let all = 0;
  for (const w of words) {
    all += weight(w);
    if (name.words.some((n) => sameWord(w, n))) shared += weight(w);
  }
  const coverage = all === 0 ? 0 : shared / all;
  const longest = Math.max(letters.length, name.squeezed.length);
  const edits = distance(letters, name.squeezed);
  const ratio = longest === 0 ? 1 : edits / longest;
  const typo = edits <= MAX_TYPO_EDITS && ratio <= MAX_TYPO_RATIO;
  return Math.max(coverage >= MIN_COVERAGE ? coverage : 0, typo ? 1 - ratio : 0);
}

/**
 * The fields (or name parts) a header that matches none was most likely meant for, best first:
 * those whose names (the field's own and its aliases, fields.ts) share most of the header's
 * words (`Type of contact` ~ `Contact Type` → ContractContactType; `Email addr` ~ `Email
 * Address` → Email, an abbreviation counting as its word), or that are a typo away from it
 * (Levenshtein distance 1 or 2: `Adress` → Address, `Emial` → Email). Only the closest are kept,
 * ties together; none when nothing is close (`Nationality`) or when more than three are equally
 * close (the header does not say which). Slots in
 * `taken` (fed by another column already) are not suggested.
 */
export function closestSlots(header: string, taken: ReadonlySet<Slot> = new Set()): Slot[] {
  const words = wordsOf(header);
  const letters = squeezed(header);
  const best = new Map<Slot, number>();
  for (const name of NAMES) {
    if (taken.has(name.slot)) continue;
    const score = closeness(words, letters, name);
    if (score > (best.get(name.slot) ?? 0)) best.set(name.slot, score);
  }
  const top = Math.max(0, ...best.values());
  if (top === 0) return [];
  const closest = [...best].filter(([, score]) => score === top).map(([slot]) => slot);
  // Four fields or more, equally close (`AML`, `Name 2`): the header does not say which.
  return closest.length <= MAX_SUGGESTIONS ? closest : [];
}
