import { Kind, Script } from './codePages.js';
import type { ByteInfo, CodePageTable } from './codePages.js';

/** Why a word cannot be text of a code page: the reading is then wrong. */
export type WordFault =
  | 'undefined-byte' // a byte the code page does not define
  | 'foreign-letter' // a letter none of its languages has (ƒ, ﬁ, µ)
  | 'symbol-in-word' // a symbol touching letters (Ma³gorzata, £ukasz, Nœ–ez)
  | 'capital-after-small' // a capital right after a small letter (JosŽ)
  | 'mixed-scripts' // Latin letters with Cyrillic or Greek ones (Mьller)
  // no single language has these letters so (Œliwiñski: œ French, ñ Spanish; no word begins
  // with ð; Turkish ğ never follows a consonant)
  | 'no-language';

/** A word that reads as plausible text of a code page, with what its letters say. */
export interface WordReading {
  /** Characters in the word (its bytes). */
  readonly length: number;
  /**
   * Per language of the code page: the sum of ln(frequency) of the word's characters (letters
   * by the language's tables, apostrophes and symbols by NON_LETTER).
   */
  readonly logFrequency: Float64Array;
}

/**
 * How often a character of a word is an apostrophe or a symbol (O’Brien, “Hot desk”, 12 €): a
 * rough share, the same in every language, so that a reading that turns a letter into an
 * apostrophe (Mac Roman's í read as Windows-1252's ’) pays for it.
 */
export const NON_LETTER = 0.002;
const LOG_NON_LETTER = Math.log(NON_LETTER);

const UNITS = new Set(['m', 'cm', 'mm', 'km', 'dm']);

/**
 * Judges one word (its bytes as a latin1 string) as text of `table`'s code page, by SPEC
 * "Reading": every non-ASCII character must be a letter that belongs among the letters around
 * it, or a symbol where symbols go. Returns the fault that rules the reading out, or what the
 * word's letters say about the code page's languages.
 */
export function checkWord(bytes: string, table: CodePageTable): WordFault | WordReading {
  const n = bytes.length;
  const infos: ByteInfo[] = [];
  for (let k = 0; k < n; k++) {
    const info = table.bytes[bytes.charCodeAt(k)];
    if (!info || info.kind === Kind.undefined) return 'undefined-byte';
    if (info.kind === Kind.foreignLetter) return 'foreign-letter';
    infos.push(info);
  }
  const languages = table.weights.length;
  const logFrequency = new Float64Array(languages);
  let mask = (1 << languages) - 1;
  let scripts = 0;
  for (let k = 0; k < n; k++) {
    const info = infos[k] as ByteInfo;
    const high = bytes.charCodeAt(k) >= 0x80;
    if (info.kind === Kind.letter) {
      const before = infos[k - 1];
      if (
        info.upper &&
        before?.kind === Kind.letter &&
        before.lower &&
        (high || bytes.charCodeAt(k - 1) >= 0x80)
      ) {
        return 'capital-after-small';
      }
      scripts |= 1 << info.script;
      if (high) {
        if (before?.kind !== Kind.letter) mask &= info.initialMask;
        else if (!before.vowel) mask &= info.afterConsonantMask;
        else mask &= info.mask;
      }
      for (let i = 0; i < languages; i++) {
        logFrequency[i] = (logFrequency[i] as number) + (info.logFrequency[i] as number);
      }
      continue;
    }
    if (!symbolFits(infos, k)) return 'symbol-in-word';
    for (let i = 0; i < languages; i++) {
      logFrequency[i] = (logFrequency[i] as number) + LOG_NON_LETTER;
    }
  }
  if (scripts & (1 << Script.latin) && scripts & ~(1 << Script.latin)) return 'mixed-scripts';
  if (scripts & (1 << Script.cyrillic) && scripts & (1 << Script.greek)) return 'mixed-scripts';
  if (mask === 0) return 'no-language';
  return { length: n, logFrequency };
}

/** Whether the symbol at k sits where such a symbol goes (see Kind). */
function symbolFits(infos: readonly ByteInfo[], k: number): boolean {
  const info = infos[k] as ByteInfo;
  const before = infos[k - 1];
  const after = infos[k + 1];
  const letterBefore = before?.kind === Kind.letter;
  const letterAfter = after?.kind === Kind.letter;
  switch (info.kind) {
    case Kind.apostrophe:
    case Kind.space:
      return true;
    case Kind.quote:
      return !(letterBefore && letterAfter);
    case Kind.trailing:
      return !letterAfter;
    case Kind.middleDot:
      if (!letterAfter) return true;
      return before?.char.toLowerCase() === 'l' && after.char.toLowerCase() === 'l';
    case Kind.ordinal: {
      if (!letterBefore && !letterAfter) return true;
      if (letterAfter) {
        // °C, °F
        const next = infos[k + 2];
        return (
          !letterBefore &&
          info.char === '°' &&
          (after.char === 'C' || after.char === 'F') &&
          next?.kind !== Kind.letter
        );
      }
      return /^[nN]$/.test(lettersBefore(infos, k));
    }
    case Kind.inverted:
      return !letterBefore && (!letterAfter || after.upper);
    case Kind.superscript:
      return !letterAfter && (!letterBefore || UNITS.has(lettersBefore(infos, k)));
    default:
      return !letterBefore && !letterAfter;
  }
}

/** The run of letters just before position k. */
function lettersBefore(infos: readonly ByteInfo[], k: number): string {
  let start = k;
  while (start > 0 && infos[start - 1]?.kind === Kind.letter) start--;
  return infos
    .slice(start, k)
    .map((info) => info.char)
    .join('');
}
