import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutralize, unneutralize } from '../src/formula.js';

describe('formula neutralisation', () => {
  it.each(['=HYPERLINK("http://x","click")', '@SUM(A1)', '+A1', '-A1+2', '\tx', '\rx', '=1+1'])(
    'neutralises %j and restores it exactly',
    (text) => {
      expect(isFormulaLike(text)).toBe(true);
      expect(neutralize(text)).toBe(`'${text}`);
      expect(unneutralize(neutralize(text))).toBe(text);
    },
  );

  it.each([
    ["'=already quoted", "''=already quoted"],
    ["''=twice", "'''=twice"],
    ["'@SUM(A1)", "''@SUM(A1)"],
    ["'+A1", "''+A1"],
  ])("keeps a user's own apostrophe: %j is written %j and read back as it was", (text, written) => {
    expect(neutralize(text)).toBe(written);
    expect(unneutralize(written)).toBe(text);
  });

  it('restores every text exactly, and never writes one a spreadsheet would run', () => {
    // Texts made of the characters that matter here, in front of anything at all.
    const prefix = fc
      .array(fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', ' ', '1', '(', '.', 'a'), {
        maxLength: 6,
      })
      .map((chars) => chars.join(''));
    const text = fc.oneof(
      fc.tuple(prefix, fc.string({ unit: 'binary', maxLength: 12 })).map(([p, s]) => p + s),
      fc.string({ unit: 'binary' }),
    );
    fc.assert(
      fc.property(text, (x) => {
        expect(unneutralize(neutralize(x))).toBe(x);
        expect(isFormulaLike(neutralize(x))).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['+44 20 7946 0958', '-5', '+33 (0)1 42 68 53 00', '-0.5', 'Amélie', "'quoted", ''])(
    'leaves %j as it is',
    (text) => {
      expect(neutralize(text)).toBe(text);
      expect(unneutralize(text)).toBe(text);
    },
  );
});
