import iconv from 'iconv-lite';
import * as L from './languages.js';
import { TELLING, VOWELS } from './languages.js';
import type { Language } from './languages.js';

/**
 * A single-byte code page a spreadsheet program writes "CSV" in, with the languages whose text
 * it carries and how common each is among such files.
 */
export interface CodePage {
  /** iconv-lite's name, what `--encoding` takes and SourceTable.encoding records. */
  readonly encoding: string;
  /** For people: `Windows-1250 (Central European)`. */
  readonly label: string;
  /**
   * How often a CSV that is not UTF-8 is in this code page, relative to the others: Windows-1252
   * is what Excel writes on most Windows installations (the Americas, Western Europe, Africa,
   * much of Asia), so it is the one a doubt leans to; the margin still has to be won.
   */
  readonly prior: number;
  /** Its languages with their weight among its files (any scale: they are normalised). */
  readonly languages: readonly (readonly [Language, number])[];
}

const WESTERN: readonly (readonly [Language, number])[] = [
  [L.FRENCH, 20],
  [L.GERMAN, 20],
  [L.SPANISH, 15],
  [L.PORTUGUESE, 10],
  [L.ITALIAN, 10],
  [L.DUTCH, 5],
  [L.CATALAN, 2],
  [L.SWEDISH, 3],
  [L.DANISH, 2],
  [L.NORWEGIAN, 2],
  [L.FINNISH, 2],
  [L.IRISH, 1],
  [L.ALBANIAN, 0.5],
];

/** The candidates, in the order that names a reading when several give the same text. */
export const CODE_PAGES: readonly CodePage[] = [
  {
    encoding: 'windows-1252',
    label: 'Windows-1252 (Western European)',
    prior: 20,
    languages: [...WESTERN, [L.ICELANDIC, 0.5], [L.FAROESE, 0.2], [L.ESTONIAN, 0.5]],
  },
  {
    encoding: 'windows-1250',
    label: 'Windows-1250 (Central European)',
    prior: 4,
    languages: [
      [L.POLISH, 20],
      [L.CZECH, 15],
      [L.HUNGARIAN, 10],
      [L.SLOVAK, 8],
      [L.ROMANIAN, 8],
      [L.CROATIAN, 8],
      [L.SLOVENE, 5],
      [L.ALBANIAN, 1],
      [L.GERMAN, 5],
    ],
  },
  {
    encoding: 'windows-1251',
    label: 'Windows-1251 (Cyrillic)',
    prior: 4,
    languages: [
      [L.RUSSIAN, 20],
      [L.UKRAINIAN, 10],
      [L.BULGARIAN, 5],
      [L.SERBIAN, 5],
      [L.BELARUSIAN, 3],
      [L.MACEDONIAN, 2],
    ],
  },
  {
    encoding: 'windows-1253',
    label: 'Windows-1253 (Greek)',
    prior: 1,
    languages: [[L.GREEK, 1]],
  },
  {
    encoding: 'windows-1254',
    label: 'Windows-1254 (Turkish)',
    prior: 2,
    languages: [[L.TURKISH, 60], ...WESTERN],
  },
  {
    encoding: 'windows-1257',
    label: 'Windows-1257 (Baltic)',
    prior: 1,
    languages: [
      [L.LITHUANIAN, 20],
      [L.LATVIAN, 15],
      [L.ESTONIAN, 10],
      [L.POLISH, 3],
      [L.GERMAN, 3],
      [L.FINNISH, 2],
      [L.SWEDISH, 2],
      [L.DANISH, 1],
      [L.NORWEGIAN, 1],
    ],
  },
  {
    encoding: 'macintosh',
    label: 'Mac Roman',
    prior: 1,
    languages: WESTERN,
  },
];

/** What a byte (or an ASCII character) is, for judging the words it appears in. */
export const Kind = {
  /** A byte the code page does not define: iconv-lite would give U+FFFD. */
  undefined: 0,
  /** A letter of one of the code page's languages. */
  letter: 1,
  /** A letter of none of them (ƒ, µ, ﬁ, π in Mac Roman, ...): never part of a name. */
  foreignLetter: 2,
  /** ' ’ ‘ ´ ʼ: anywhere in a word (O’Brien, l’Église). */
  apostrophe: 3,
  /** “ ” „ « » ‹ ›: at either end of a word, never inside one. */
  quote: 4,
  /** ™ ® © …: after a word, never before a letter. */
  trailing: 5,
  /** ·: alone, at the end of a word, or between two l (Catalan col·lega). */
  middleDot: 6,
  /** º ª °: alone, or after n / N (nº 5, N° 12); ° also before C or F. */
  ordinal: 7,
  /** ¿ ¡: before a capital letter (¿Qué), never after a letter. */
  inverted: 8,
  /** ¹ ² ³: alone or after a unit (m², km²), never before a letter. */
  superscript: 9,
  /** A no-break space (Mac Roman 0xCA): separates words. */
  space: 10,
  /** Any other symbol (€ £ ¥ § × – — • ¬ ¦ ¨ ¯ ¸ ...): never touching a letter. */
  symbol: 11,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export const Script = { none: 0, latin: 1, cyrillic: 2, greek: 3 } as const;
export type Script = (typeof Script)[keyof typeof Script];

/** One byte of a code page. */
export interface ByteInfo {
  readonly char: string;
  readonly kind: Kind;
  readonly script: Script;
  /** A capital letter. */
  readonly upper: boolean;
  /** A small letter (ß and ı are; a letter can be neither). */
  readonly lower: boolean;
  /** Bit i set: language i of the code page has this letter (ASCII letters: every language). */
  readonly mask: number;
  /** The languages of `mask` in which a word can begin with this letter. */
  readonly initialMask: number;
  /** The languages of `mask` in which this letter can follow a consonant. */
  readonly afterConsonantMask: number;
  /** A vowel (for afterConsonantMask). */
  readonly vowel: boolean;
  /**
   * Letters: ln(frequency) of this letter in language i, -Infinity where it has none (an ASCII
   * letter outside TELLING gets an even share of what TELLING and the non-ASCII letters leave).
   */
  readonly logFrequency: Float64Array;
}

/** A code page ready for judging text: its 256 bytes and its languages' numbers. */
export interface CodePageTable {
  readonly page: CodePage;
  readonly bytes: readonly ByteInfo[];
  /** The languages' weights, normalised to sum 1. */
  readonly weights: Float64Array;
  /** Per language, the share of its letters that are not ASCII (0..1). */
  readonly nonAsciiShare: Float64Array;
}

/**
 * The least frequency a language's letter is given: names and places use a language's rare
 * letters far more than running text does (Noël, Loïc, Zoë, rue des Œillets).
 */
const MIN_PERCENT = 0.1;
/** The least frequency of a TELLING letter: foreign names bring them into any language. */
const MIN_TELLING_PERCENT = 0.05;
/** ASCII letters outside TELLING. */
const POOLED = 26 - TELLING.length;

const APOSTROPHES = new Set(["'", '’', '‘', '´', 'ʼ']);
const QUOTES = new Set(['“', '”', '„', '«', '»', '‹', '›']);
const TRAILING = new Set(['™', '®', '©', '…']);
const ORDINALS = new Set(['º', 'ª', '°']);
const INVERTED = new Set(['¿', '¡']);
const SUPERSCRIPTS = new Set(['¹', '²', '³']);

function kindOf(char: string, known: ReadonlySet<string>): Kind {
  const code = char.codePointAt(0) ?? 0;
  // U+FFFD: iconv-lite's mark for a byte the code page leaves undefined; C0/C1 controls and the
  // private use area (Mac Roman's Apple logo) are no text either.
  if (code === 0xfffd || code < 0x20 || (code >= 0x7f && code <= 0x9f)) return Kind.undefined;
  if (code >= 0xe000 && code <= 0xf8ff) return Kind.undefined;
  if (APOSTROPHES.has(char)) return Kind.apostrophe;
  if (QUOTES.has(char)) return Kind.quote;
  if (TRAILING.has(char)) return Kind.trailing;
  if (char === '·') return Kind.middleDot;
  if (ORDINALS.has(char)) return Kind.ordinal;
  if (INVERTED.has(char)) return Kind.inverted;
  if (SUPERSCRIPTS.has(char)) return Kind.superscript;
  if (char === '\u00A0') return Kind.space;
  if (/\p{L}/u.test(char)) return known.has(lowerOf(char)) ? Kind.letter : Kind.foreignLetter;
  return Kind.symbol;
}

/** Lowercase for the frequency tables; İ stays itself (its lowercase is i plus a dot). */
export function lowerOf(char: string): string {
  return char === 'İ' ? 'İ' : char.toLowerCase();
}

function scriptOf(char: string): Script {
  if (/\p{Script=Cyrillic}/u.test(char)) return Script.cyrillic;
  if (/\p{Script=Greek}/u.test(char)) return Script.greek;
  if (/\p{Script=Latin}/u.test(char)) return Script.latin;
  return Script.none;
}

function buildTable(page: CodePage): CodePageTable {
  const languages = page.languages.map(([language]) => language);
  const known = new Set(languages.flatMap((language) => Object.keys(language.letters)));
  const all = Buffer.alloc(256);
  for (let b = 0; b < 256; b++) all[b] = b;
  const chars = [...iconv.decode(all, page.encoding)];
  const every = (1 << languages.length) - 1;
  const shares = languages.map(nonAsciiShare);
  const bytes = chars.map((char, b): ByteInfo => {
    const kind = b < 0x80 ? asciiKind(char) : kindOf(char, known);
    const lower = lowerOf(char);
    const letter = kind === Kind.letter;
    let mask = letter && b < 0x80 ? every : 0;
    let initialMask = mask;
    let afterConsonantMask = mask;
    const logFrequency = new Float64Array(letter ? languages.length : 0);
    languages.forEach((language, i) => {
      if (!letter) return;
      if (b < 0x80) {
        logFrequency[i] = Math.log(asciiFrequency(language, lower, shares[i] as number));
        return;
      }
      const percent = language.letters[lower];
      if (percent === undefined) {
        logFrequency[i] = -Infinity;
      } else {
        mask |= 1 << i;
        if (!language.notInitial.includes(lower)) initialMask |= 1 << i;
        if (!language.afterVowel.includes(lower)) afterConsonantMask |= 1 << i;
        logFrequency[i] = Math.log(Math.max(percent, MIN_PERCENT) / 100);
      }
    });
    return {
      char,
      kind,
      script: letter ? scriptOf(char) : Script.none,
      upper: letter && char !== lower,
      lower: letter && char !== char.toUpperCase(),
      mask,
      initialMask,
      afterConsonantMask,
      vowel: letter && VOWELS.includes(lower),
      logFrequency,
    };
  });
  const total = page.languages.reduce((sum, [, weight]) => sum + weight, 0);
  return {
    page,
    bytes,
    weights: Float64Array.from(page.languages, ([, weight]) => weight / total),
    nonAsciiShare: Float64Array.from(shares),
  };
}

/** The share of a language's letters that are not ASCII (0..1). */
function nonAsciiShare(language: Language): number {
  const percent = Object.values(language.letters).reduce((sum, p) => sum + p, 0);
  return Math.min(1, percent / 100);
}

/** How often an ASCII letter appears in a language (0..1). */
function asciiFrequency(language: Language, letter: string, share: number): number {
  if (share >= 1) return 1e-6; // Cyrillic and Greek words hold no ASCII letters
  const telling = language.telling[letter];
  if (telling !== undefined) return Math.max(telling, MIN_TELLING_PERCENT) / 100;
  const told = TELLING.reduce((sum, t) => sum + (language.telling[t] ?? 0), 0) / 100;
  return Math.max(1 - share - told, 0.5) / POOLED;
}

function asciiKind(char: string): Kind {
  if (/[A-Za-z]/.test(char)) return Kind.letter;
  if (char === "'") return Kind.apostrophe;
  return Kind.symbol;
}

let tables: readonly CodePageTable[] | undefined;

/** The candidates' tables, built once from iconv-lite's own mappings. */
export function codePageTables(): readonly CodePageTable[] {
  tables ??= CODE_PAGES.map(buildTable);
  return tables;
}
