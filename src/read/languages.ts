/**
 * The languages whose text the single-byte code pages carry, as data for guessing a CSV's code
 * page (see guessEncoding.ts): each language's non-ASCII letters, lowercase, with how often each
 * appears, in percent of all the letters of ordinary text. Only letters outside A-Z are listed:
 * they are what changes from one code page to another.
 *
 * The figures are approximate on purpose: the guess only compares orders of magnitude (`ł` is
 * about 2% of Polish letters, `£` is no letter at all; `è` is 0.3% of French letters, `č` is 1%
 * of Czech ones), and it reads a file only when one reading beats the others by a wide margin.
 * Sources, rounded:
 * - French, German, Spanish, Portuguese, Italian, Turkish, Swedish, Polish, Danish, Icelandic,
 *   Finnish: the table "Relative frequencies of letters in other languages" of Wikipedia's
 *   article "Letter frequency".
 * - Czech: J. Králík, "Czech alphabet" (czech-language.cz, 2001).
 * - Russian: the frequencies of the Russian National Corpus quoted in Wikipedia's "Russian
 *   alphabet".
 * - Every other language (marked `estimate`): our estimates from the same kinds of counts for
 *   related languages, good to within a factor of two or so, which is all the margin needs.
 */

export interface Language {
  readonly name: string;
  /** Non-ASCII letters (lowercase) with their frequency in percent of all letters. */
  readonly letters: Readonly<Record<string, number>>;
  /**
   * The frequencies of the ASCII letters that tell Latin-script languages apart best (TELLING:
   * `z` is 5% of Polish letters and 0.1% of French ones), in percent; empty for Cyrillic and
   * Greek, whose words have no ASCII letters.
   */
  readonly telling: Readonly<Record<string, number>>;
  /** Letters that never begin a word of the language (Icelandic ð, German ß, Czech ě ů). */
  readonly notInitial: string;
  /** Letters that only ever follow a vowel (Turkish ğ: Sigurğur is no Turkish). */
  readonly afterVowel: string;
}

/** Vowels, for Language.afterVowel. */
export const VOWELS = 'aeiouyáàâäãåæéèêëíìîïıóòôöõøœúùûüýůűőěąęėįųūāēīō';

/** The ASCII letters whose frequencies are given per language (the others are pooled). */
export const TELLING = ['k', 'w', 'z', 'y', 'j', 'v', 'q', 'x'] as const;

/** Letters written as `letter percent` pairs: `'é 1.5 è 0.27'`. */
function table(pairs: string): Record<string, number> {
  const parts = pairs.trim().split(/\s+/).filter(Boolean);
  const result: Record<string, number> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) result[parts[i] ?? ''] = Number(parts[i + 1]);
  return result;
}

function language(
  name: string,
  letters: string,
  telling = '',
  notInitial = '',
  afterVowel = '',
): Language {
  return { name, letters: table(letters), telling: table(telling), notInitial, afterVowel };
}

// Western Europe (Windows-1252, Mac Roman; most of them also in Windows-1254)
export const FRENCH = language(
  'French',
  'é 1.50 è 0.27 ê 0.22 à 0.49 â 0.05 ç 0.09 ô 0.02 î 0.05 ï 0.005 ù 0.06 û 0.06 ë 0.01 ü 0.002 œ 0.02 æ 0.001 ÿ 0.001',
  'k 0.05 w 0.11 z 0.14 y 0.31 j 0.55 v 1.63 q 1.36 x 0.39',
  'ÿ',
);
export const GERMAN = language(
  'German',
  'ä 0.58 ö 0.44 ü 1.00 ß 0.31',
  'k 1.21 w 1.89 z 1.13 y 0.04 j 0.27 v 0.67 q 0.02 x 0.03',
  'ß',
);
export const SPANISH = language(
  'Spanish',
  'á 0.50 é 0.43 í 0.73 ñ 0.31 ó 0.83 ú 0.17 ü 0.01',
  'k 0.01 w 0.02 z 0.52 y 0.90 j 0.44 v 0.90 q 0.88 x 0.22',
);
/** estimate */
export const CATALAN = language(
  'Catalan',
  'à 0.50 è 0.40 é 0.60 í 0.40 ï 0.05 ò 0.30 ó 0.30 ú 0.10 ü 0.03 ç 0.15',
  'k 0.01 w 0.02 z 0.15 y 0.30 j 0.30 v 1.10 q 0.90 x 0.40',
);
export const PORTUGUESE = language(
  'Portuguese',
  'á 0.12 â 0.56 ã 0.73 à 0.07 ç 0.53 é 0.34 ê 0.45 í 0.13 ó 0.30 ô 0.64 õ 0.04 ú 0.21 ü 0.03',
  'k 0.02 w 0.01 z 0.47 y 0.01 j 0.40 v 1.67 q 1.20 x 0.21',
  'ãõ',
);
/** Wikipedia's column has no é (perché, né): 0.10 is an estimate; so are í, ó and î. */
export const ITALIAN = language(
  'Italian',
  'à 0.64 è 0.26 é 0.10 ì 0.03 í 0.01 î 0.001 ò 0.002 ó 0.01 ù 0.17',
  'k 0.01 w 0.01 z 0.49 y 0.01 j 0.01 v 2.10 q 0.51 x 0.01',
);
/** estimate: Dutch writes accents only for stress and on loan words. */
export const DUTCH = language(
  'Dutch',
  'é 0.10 ë 0.10 ï 0.05 è 0.02 ö 0.02 ü 0.01 á 0.01 ó 0.01 ú 0.01 ê 0.01 ô 0.01 â 0.005',
  'k 2.25 w 1.52 z 1.39 y 0.04 j 1.46 v 2.85 q 0.01 x 0.04',
);
export const DANISH = language(
  'Danish',
  'æ 0.87 ø 0.94 å 1.19 é 0.01',
  'k 3.40 w 0.07 z 0.03 y 0.70 j 0.73 v 2.33 q 0.01 x 0.03',
);
/** estimate: the same letters as Danish. */
export const NORWEGIAN = language(
  'Norwegian',
  'æ 0.80 ø 0.90 å 1.00 é 0.01 ò 0.001 ô 0.001',
  'k 3.40 w 0.07 z 0.03 y 0.70 j 0.73 v 2.33 q 0.01 x 0.03',
);
export const SWEDISH = language(
  'Swedish',
  'å 1.34 ä 1.80 ö 1.31 é 0.02',
  'k 3.14 w 0.14 z 0.07 y 0.71 j 0.61 v 2.42 q 0.02 x 0.16',
);
export const FINNISH = language(
  'Finnish',
  'ä 3.58 ö 0.44 å 0.003 š 0.001 ž 0.001',
  'k 4.97 w 0.09 z 0.05 y 1.75 j 2.04 v 2.25 q 0.01 x 0.03',
);
export const ICELANDIC = language(
  'Icelandic',
  'á 1.80 ð 4.39 é 0.65 í 1.57 ó 0.99 ú 0.61 ý 0.23 þ 1.46 æ 0.87 ö 0.78',
  'k 3.31 w 0.01 z 0.01 y 0.90 j 1.14 v 2.44 q 0.01 x 0.05',
  'ð',
);
/** estimate */
export const FAROESE = language(
  'Faroese',
  'á 1.50 ð 3.00 í 1.50 ó 0.70 ú 0.60 ý 0.30 æ 0.50 ø 1.00',
  'k 3.30 w 0.01 z 0.01 y 0.90 j 1.10 v 2.40 q 0.01 x 0.05',
  'ð',
);
/** estimate */
export const IRISH = language(
  'Irish',
  'á 1.00 é 0.50 í 0.80 ó 0.60 ú 0.40',
  'k 0.01 w 0.01 z 0.01 y 0.01 j 0.01 v 0.01 q 0.01 x 0.01',
);
/** estimate */
export const ALBANIAN = language(
  'Albanian',
  'ë 8.00 ç 0.60',
  'k 3.00 w 0.01 z 0.70 y 0.90 j 3.00 v 0.80 q 0.80 x 0.10',
);
/** estimate */
export const ESTONIAN = language(
  'Estonian',
  'ä 1.80 õ 1.00 ü 0.60 ö 0.20 š 0.01 ž 0.01',
  'k 4.50 w 0.01 z 0.01 y 0.01 j 1.80 v 2.10 q 0.01 x 0.01',
);

// Central Europe (Windows-1250)
export const POLISH = language(
  'Polish',
  'ą 0.70 ć 0.74 ę 1.04 ł 2.11 ń 0.36 ó 1.14 ś 0.81 ź 0.08 ż 0.71',
  'k 2.70 w 3.60 z 5.10 y 3.20 j 1.90 v 0.01 q 0.01 x 0.01',
  'ąęń',
);
export const CZECH = language(
  'Czech',
  'á 2.24 č 0.95 ď 0.02 é 1.33 ě 1.65 í 3.27 ň 0.08 ó 0.03 ř 1.22 š 0.81 ť 0.04 ú 0.10 ů 0.69 ý 1.07 ž 1.00',
  'k 3.74 w 0.01 z 2.20 y 1.91 j 2.12 v 4.66 q 0.01 x 0.08',
  'ěů',
);
/** estimate */
export const SLOVAK = language(
  'Slovak',
  'á 2.10 ä 0.10 č 1.00 ď 0.20 é 0.70 í 1.60 ĺ 0.01 ľ 0.40 ň 0.10 ó 0.20 ô 0.20 ŕ 0.01 š 0.80 ť 0.50 ú 0.70 ý 1.10 ž 0.80',
  'k 3.50 w 0.01 z 2.00 y 1.80 j 2.10 v 4.30 q 0.01 x 0.01',
);
/** estimate */
export const HUNGARIAN = language(
  'Hungarian',
  'á 3.40 é 4.20 í 0.70 ó 1.00 ö 1.00 ő 0.90 ú 0.30 ü 0.60 ű 0.30',
  'k 4.50 w 0.01 z 4.30 y 2.00 j 1.00 v 2.00 q 0.01 x 0.01',
);
/** estimate */
export const SLOVENE = language(
  'Slovene',
  'č 1.50 š 1.00 ž 0.80 ć 0.01 đ 0.01',
  'k 3.70 w 0.01 z 1.90 y 0.01 j 4.70 v 3.80 q 0.01 x 0.01',
);
/** estimate; also Bosnian and Serbian in Latin letters. */
export const CROATIAN = language(
  'Croatian',
  'č 1.10 ć 0.60 đ 0.20 š 1.00 ž 0.80',
  'k 3.60 w 0.01 z 1.60 y 0.01 j 5.10 v 3.40 q 0.01 x 0.01',
);
/** estimate; Windows-1250 has ş and ţ with a cedilla, which Romanian Windows uses. */
export const ROMANIAN = language(
  'Romanian',
  'ă 4.00 â 1.00 î 1.30 ş 1.40 ţ 1.00',
  'k 0.10 w 0.01 z 0.70 y 0.10 j 0.20 v 1.10 q 0.01 x 0.10',
);

// The Baltic (Windows-1257)
/** estimate */
export const LITHUANIAN = language(
  'Lithuanian',
  'ą 0.60 č 0.40 ę 0.20 ė 1.60 į 0.60 š 1.20 ų 0.90 ū 0.50 ž 0.80',
  'k 5.70 w 0.01 z 0.40 y 1.50 j 2.40 v 2.50 q 0.01 x 0.01',
);
/** estimate */
export const LATVIAN = language(
  'Latvian',
  'ā 4.00 č 0.20 ē 1.70 ģ 0.20 ī 1.70 ķ 0.30 ļ 0.40 ņ 0.50 š 1.30 ū 0.60 ž 0.40',
  'k 3.90 w 0.01 z 2.10 y 0.01 j 3.40 v 2.90 q 0.01 x 0.01',
);

// Turkish (Windows-1254): İ, the capital of the ASCII i, is listed as itself (see codePages.ts).
export const TURKISH = language(
  'Turkish',
  'ç 1.16 ğ 1.13 ı 5.11 ö 0.78 ş 1.78 ü 1.85 â 0.05 î 0.01 û 0.01 İ 0.50',
  'k 4.71 w 0.01 z 1.50 y 3.37 j 0.01 v 0.98 q 0.01 x 0.01',
  'ğ',
  'ğ',
);

// Cyrillic (Windows-1251)
export const RUSSIAN = language(
  'Russian',
  'о 10.97 е 8.45 а 8.01 и 7.35 н 6.70 т 6.26 с 5.47 р 4.73 в 4.54 л 4.40 к 3.49 м 3.21 д 2.98 п 2.81 у 2.62 я 2.01 ы 1.90 ь 1.74 г 1.70 з 1.65 б 1.59 ч 1.44 й 1.21 х 0.97 ж 0.94 ш 0.73 ю 0.64 ц 0.48 щ 0.36 э 0.32 ф 0.26 ъ 0.04 ё 0.04',
);
/** estimate */
export const UKRAINIAN = language(
  'Ukrainian',
  'о 9.2 а 7.2 н 6.5 и 6.2 і 5.7 т 5.5 в 5.2 е 5.0 р 4.7 с 4.4 у 4.0 к 3.6 л 3.6 д 3.5 м 3.0 п 2.9 з 2.3 я 2.2 ь 1.7 б 1.7 г 1.6 ч 1.5 й 1.4 х 1.2 ж 0.9 ц 0.9 ш 0.8 ю 0.8 ї 0.6 є 0.5 щ 0.5 ф 0.3 ґ 0.01',
);
/** estimate */
export const BELARUSIAN = language(
  'Belarusian',
  'а 10.0 о 6.0 н 5.5 і 6.0 е 5.0 ы 3.5 р 4.5 с 4.5 т 4.5 в 3.5 л 4.0 к 3.5 д 3.5 м 3.0 п 2.5 у 3.0 я 2.5 ў 2.0 ь 1.5 г 1.5 з 2.0 б 1.5 ч 1.5 й 1.0 х 1.0 ж 0.8 ш 0.8 ц 1.5 ю 0.5 э 0.3 ф 0.2 ё 1.0',
);
/** estimate */
export const BULGARIAN = language(
  'Bulgarian',
  'а 8.9 и 9.0 о 8.9 е 8.1 н 8.6 т 7.2 р 5.0 в 4.7 с 4.4 к 3.5 л 3.3 д 3.3 п 2.9 м 2.8 ъ 2.2 я 2.1 з 1.9 у 1.9 г 1.6 ч 1.6 б 1.5 х 1.1 й 0.9 ц 0.9 ж 0.8 ш 0.6 щ 0.6 ф 0.2 ю 0.2 ь 0.04',
);
/** estimate */
export const SERBIAN = language(
  'Serbian',
  'а 10.4 и 9.2 о 9.1 е 8.6 н 5.0 с 4.7 ј 4.7 р 4.6 т 4.4 у 4.1 в 3.6 к 3.6 д 3.3 м 3.2 л 2.8 п 2.7 б 1.5 г 1.6 з 1.6 ч 1.1 ш 0.9 ћ 0.8 ц 0.8 ж 0.6 х 0.6 њ 0.5 љ 0.4 ф 0.2 ђ 0.1 џ 0.1',
);
/** estimate */
export const MACEDONIAN = language(
  'Macedonian',
  'а 10.5 о 8.5 е 8.5 и 8.0 н 6.5 т 5.5 с 4.5 р 4.5 в 4.0 к 3.5 д 3.5 ј 3.0 л 3.0 п 3.0 м 3.0 у 2.5 з 2.0 г 1.8 б 1.5 ч 1.2 ш 0.8 ц 0.7 ж 0.5 х 0.5 њ 0.5 ќ 0.4 ѓ 0.2 љ 0.2 ф 0.2 ѕ 0.1 џ 0.1',
);

// Greek (Windows-1253); σ and its final form ς are separate letters.
/** estimate */
export const GREEK = language(
  'Greek',
  'α 10.0 ά 1.9 β 0.8 γ 1.8 δ 1.7 ε 7.5 έ 1.5 ζ 0.4 η 4.0 ή 1.3 θ 1.3 ι 7.0 ί 1.9 ϊ 0.1 ΐ 0.02 κ 4.0 λ 2.6 μ 3.4 ν 6.5 ξ 0.5 ο 8.2 ό 1.7 π 4.0 ρ 4.5 σ 4.2 ς 2.4 τ 7.8 υ 3.9 ύ 0.8 ϋ 0.02 ΰ 0.01 φ 0.8 χ 1.1 ψ 0.15 ω 1.4 ώ 0.7',
);
