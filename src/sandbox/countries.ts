// The library's main entry registers all ~80 languages (about 200 ms); only English is needed.
import countries from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { stableUuid } from './ids.js';

/** A record of `GET /api/sys/countries`. */
export interface CountryRecord {
  Id: number;
  Name: string;
  /** ISO 3166-1 alpha-2. */
  TwoDigitsCode: string;
  /** A culture name such as `fr-FR`: the country's likely language, then its code. */
  Culture: string;
  UniqueId: string;
}

/**
 * Every ISO 3166-1 country with its English name. Ids are 1000 + the ISO numeric code (GB is
 * 1826, FR 1250): stable across runs, and deliberately not 1..N, so an importer that sends a row
 * number or an ISO numeric code where a Nexudus Id belongs is caught (Nexudus does not document
 * its Ids, see API-FACTS "Reference data").
 */
countries.registerLocale(english);

export const COUNTRIES: readonly CountryRecord[] = Object.entries(countries.getNames('en'))
  .map(([code, name]) => ({
    Id: 1000 + Number(countries.alpha2ToNumeric(code)),
    Name: name,
    TwoDigitsCode: code,
    Culture: `${likelyLanguage(code)}-${code}`,
    UniqueId: stableUuid(`country:${code}`),
  }))
  .sort((a, b) => a.Id - b.Id);

const byCode = new Map(COUNTRIES.map((c) => [c.TwoDigitsCode, c]));

/** The country with this ISO alpha-2 code (for the fake account's records). */
export function countryByCode(code: string): CountryRecord {
  const country = byCode.get(code);
  if (!country) throw new Error(`no country ${code}`);
  return country;
}

function likelyLanguage(code: string): string {
  try {
    return new Intl.Locale(`und-${code}`).maximize().language;
  } catch {
    return 'en';
  }
}
