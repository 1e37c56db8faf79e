import { describe, expect, it } from 'vitest';
import { resolveCountry } from '../src/map/index.js';
import { COUNTRIES } from './map.helpers.js';

describe('resolveCountry', () => {
  it.each([
    ['UK', 1001],
    ['Great Britain', 1001],
    ['england', 1001],
    ['Scotland', 1001],
    ['GBR', 1001],
    ['United Kingdom', 1001],
    [' U.K. ', 1001],
    ['FR', 1002],
    ['fra', 1002],
    ['FRANCE', 1002],
    ['USA', 1003],
    ['US', 1003],
    ['U.S.A.', 1003],
    ['United States of America', 1003],
    ['the Netherlands', 1004],
    ['Holland', 1004],
    ['South Korea', 1005],
    ['Korea, Republic of', 1005],
    ['Russia', 1006],
    ['Russian Federation', 1006],
    ['Czech Republic', 1007],
    ['Czechia', 1007],
    ['Ivory Coast', 1008],
    ["Côte d'Ivoire", 1008],
    ['Germany', 1009],
    ['DEU', 1009],
    ['Republic of Ireland', 1010],
    ['1009', 1009],
    ['1009.0', 1009],
    // A name only this account uses.
    ['deutsche demokratische republik', 1011],
  ])('%s → %i', (text, id) => {
    expect(resolveCountry(text, COUNTRIES)).toMatchObject({ ok: true, id });
  });

  it('gives the ISO code and no Id offline', () => {
    expect(resolveCountry('Holland')).toEqual({ ok: true, code: 'NL' });
    expect(resolveCountry('jpn')).toEqual({ ok: true, code: 'JP' });
    // A number cannot be checked without the account's list: preflight will.
    expect(resolveCountry('1009')).toEqual({ ok: true });
  });

  it('fails plainly', () => {
    expect(resolveCountry('Narnia', COUNTRIES)).toEqual({
      ok: false,
      message: "unknown country 'Narnia'",
    });
    expect(resolveCountry('Narnia')).toEqual({ ok: false, message: "unknown country 'Narnia'" });
    expect(resolveCountry('ZZ')).toEqual({ ok: false, message: "unknown country 'ZZ'" });
    expect(resolveCountry('12', COUNTRIES)).toEqual({
      ok: false,
      message: "unknown country '12' (no country has that Id)",
    });
    expect(resolveCountry('Japan', COUNTRIES)).toEqual({
      ok: false,
      message: "country 'Japan' (JP) is not in this Nexudus account's list",
    });
    expect(resolveCountry('Congo')).toEqual({
      ok: false,
      message: "'Congo' could be several countries (CG, CD): use the ISO code",
    });
  });

  it('is fast once its index is built', () => {
    resolveCountry('France', COUNTRIES);
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) resolveCountry(i % 2 ? 'United Kingdom' : 'fr', COUNTRIES);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
