import isoCountries from 'i18n-iso-countries';
import type { Country } from './types.js';
import { normalizeText } from './text.js';
import { wholeNumberOf } from './numbers.js';

/** Names people use that i18n-iso-countries does not list. */
const EXTRA_NAMES: Readonly<Record<string, readonly string[]>> = {
  GB: ['Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'U.K.'],
  NL: ['Holland'],
  US: ['America', 'United States'],
  KR: ['Korea'],
  MK: ['Macedonia'],
  MM: ['Burma'],
  LA: ['Laos'],
  SY: ['Syria'],
  MD: ['Moldova'],
  BN: ['Brunei'],
  CV: ['Cabo Verde'],
  SZ: ['Swaziland'],
  FM: ['Micronesia'],
  VA: ['Vatican', 'Vatican City'],
  VN: ['Viet Nam'],
  MO: ['Macau'],
  TL: ['East Timor'],
  IE: ['Republic of Ireland', 'Eire'],
  CI: ['Ivory Coast'],
  CZ: ['Czechia'],
  RU: ['Russia'],
  BO: ['Bolivia, Plurinational State of'],
  VE: ['Venezuela, Bolivarian Republic of'],
  PS: ['Palestinian Territories'],
  VG: ['British Virgin Islands'],
  VI: ['US Virgin Islands', 'U.S. Virgin Islands'],
  CD: ['DR Congo', 'DRC', 'Congo-Kinshasa'],
  CG: ['Congo-Brazzaville'],
};

const ACCENTS = /\p{M}+/gu;
const PUNCTUATION = /[.,'’()]+/g;
const DASHES_SPACES = /[\s\-_]+/g;
const AMPERSAND = /&/g;
const LEADING_THE = /^the /;
const LEADING_ST = /^st /;

/** Compares names ignoring case, accents, punctuation, `&`/`and`, `St`/`Saint`, a leading `the`. */
export function countryKey(text: string): string {
  return normalizeText(text)
    .normalize('NFD')
    .replace(ACCENTS, '')
    .toLowerCase()
    .replace(PUNCTUATION, '')
    .replace(AMPERSAND, ' and ')
    .replace(DASHES_SPACES, ' ')
    .trim()
    .replace(LEADING_THE, '')
    .replace(LEADING_ST, 'saint ');
}

interface NameIndex {
  /** Name key → alpha-2; names shared by two countries (Congo) are in `ambiguous`. */
  readonly byName: ReadonlyMap<string, string>;
  readonly ambiguous: ReadonlyMap<string, readonly string[]>;
  readonly alpha3: Readonly<Record<string, string>>;
  readonly alpha2: ReadonlySet<string>;
}

let nameIndex: NameIndex | undefined;

/** Built on first use, once per process: a few thousand names, not work for every row. */
function isoIndex(): NameIndex {
  if (nameIndex) return nameIndex;
  const names = new Map<string, Set<string>>();
  const add = (name: string, code: string): void => {
    const key = countryKey(name);
    const codes = names.get(key) ?? new Set<string>();
    codes.add(code);
    names.set(key, codes);
  };
  for (const [code, list] of Object.entries(isoCountries.getNames('en', { select: 'all' }))) {
    for (const name of list) add(name, code);
  }
  for (const [code, list] of Object.entries(EXTRA_NAMES)) for (const name of list) add(name, code);
  const byName = new Map<string, string>();
  const ambiguous = new Map<string, string[]>();
  for (const [key, codes] of names) {
    const [only, ...more] = codes;
    if (only !== undefined && more.length === 0) byName.set(key, only);
    else ambiguous.set(key, [...codes]);
  }
  const alpha3 = isoCountries.getAlpha3Codes();
  nameIndex = { byName, ambiguous, alpha3, alpha2: new Set(Object.values(alpha3)) };
  return nameIndex;
}

interface AccountIndex {
  readonly memo: Map<string, CountryResult>;
  readonly byCode: ReadonlyMap<string, number>;
  readonly ids: ReadonlySet<number>;
  readonly byName: ReadonlyMap<string, number>;
}

/** One index per countries list (the command reads it once per run). */
const accountIndexes = new WeakMap<readonly Country[], AccountIndex>();

function accountIndex(countries: readonly Country[]): AccountIndex {
  let index = accountIndexes.get(countries);
  if (!index) {
    index = {
      memo: new Map(),
      byCode: new Map(countries.map((c) => [c.TwoDigitsCode.toUpperCase(), c.Id])),
      ids: new Set(countries.map((c) => c.Id)),
      byName: new Map(countries.map((c) => [countryKey(c.Name), c.Id])),
    };
    accountIndexes.set(countries, index);
  }
  return index;
}

/** The ISO 3166-1 alpha-2 code of a code (alpha-2, alpha-3) or English name, or undefined. */
export function isoCodeOf(text: string): string | undefined {
  const index = isoIndex();
  const upper = text.toUpperCase();
  if (upper.length === 2 && index.alpha2.has(upper)) return upper;
  if (upper.length === 3) {
    const code = index.alpha3[upper];
    if (code) return code;
  }
  return index.byName.get(countryKey(text));
}

export type CountryResult =
  | { readonly ok: true; readonly id?: number; readonly code?: string }
  | { readonly ok: false; readonly message: string };

/**
 * Text → the account's country Id. Accepts a Nexudus country Id (when `countries` is given), an
 * ISO alpha-2 or alpha-3 code, or an English name or common alias, in any case. Without
 * `countries` (offline) the text is only checked: `id` is absent (and a number is taken on trust).
 */
export function resolveCountry(text: string, countries?: readonly Country[]): CountryResult {
  // A country column holds few distinct values: remember their answers (bounded, for the odd
  // file with a different text in every row).
  const memo = countries ? accountIndex(countries).memo : offlineMemo;
  let result = memo.get(text);
  if (!result) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    result = resolve(text, countries);
    memo.set(text, result);
  }
  return result;
}

const MEMO_LIMIT = 10_000;
const offlineMemo = new Map<string, CountryResult>();

function resolve(text: string, countries: readonly Country[] | undefined): CountryResult {
  const shown = normalizeText(text);
  const number = wholeNumberOf(shown);
  if (number !== undefined) {
    if (!countries) return { ok: true };
    return accountIndex(countries).ids.has(number)
      ? { ok: true, id: number }
      : { ok: false, message: `unknown country '${shown}' (no country has that Id)` };
  }
  const code = isoCodeOf(shown);
  if (!code) {
    const account = countries && accountIndex(countries).byName.get(countryKey(shown));
    if (account !== undefined) return { ok: true, id: account };
    const several = isoIndex().ambiguous.get(countryKey(shown));
    if (several) {
      return {
        ok: false,
        message: `'${shown}' could be several countries (${several.join(', ')}): use the ISO code`,
      };
    }
    return { ok: false, message: `unknown country '${shown}'` };
  }
  if (!countries) return { ok: true, code };
  const id = accountIndex(countries).byCode.get(code);
  return id === undefined
    ? { ok: false, message: `country '${shown}' (${code}) is not in this Nexudus account's list` }
    : { ok: true, id, code };
}
