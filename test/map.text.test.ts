import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeVerbatim } from '../src/map/text.js';

/** Letters, accents (combining too), and every kind of space and invisible character people paste. */
const messy = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'B', 'é', 'e', '\u0301', '\u0308', 'ß', '-', "'", '1'),
    fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\n',
      '\r\n',
      '\u00A0',
      '\u2007',
      '\u202F',
      '\u3000',
      '\u2028',
    ),
    fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'),
  ),
  maxLength: 40,
});
const anything = fc.oneof(
  messy,
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('normalizeText', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(anything, (s) => normalizeText(normalizeText(s)) === normalizeText(s)),
      { numRuns: 2000 },
    );
  });

  it('leaves no leading, trailing, double or other white space, nor invisible characters', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const t = normalizeText(s);
        expect(t).toBe(t.trim());
        expect(t).not.toMatch(/ {2}|[^\S ]|[\u200B-\u200D\u2060\uFEFF]/);
        expect(t).toBe(t.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the words', () => {
    expect(normalizeText(' \u00A0Ame\u0301lie\u200B  du\u2060 Pont\t')).toBe('Amélie du Pont');
    expect(normalizeText('plain ascii')).toBe('plain ascii');
  });
});

describe('normalizeVerbatim', () => {
  it('only trims and drops invisible characters', () => {
    expect(normalizeVerbatim('\u00A0+44  20 7946\u200B 0958 ')).toBe('+44  20 7946 0958');
    fc.assert(
      fc.property(
        anything,
        (s) => normalizeVerbatim(normalizeVerbatim(s)) === normalizeVerbatim(s),
      ),
    );
  });
});
