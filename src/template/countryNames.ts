import isoCountries from 'i18n-iso-countries';
import { countryKey } from '../map/countries.js';

/** A country as the template's dropdown offers it. */
export interface CountryChoice {
  /** The English name i18n-iso-countries gives (what the dropdown shows and the mapper reads). */
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
}

/**
 * Every ISO country by its English name, in alphabetical order ignoring accents (Åland Islands
 * among the A's). The mapper resolves each of these names to its code (a test holds it to that).
 */
export function countryChoices(): CountryChoice[] {
  return Object.entries(isoCountries.getNames('en', { select: 'official' }))
    .map(([code, name]) => ({ code, name, key: countryKey(name) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ code, name }) => ({ code, name }));
}
