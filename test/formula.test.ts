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

  it.each(['+44 20 7946 0958', '-5', '+33 (0)1 42 68 53 00', '-0.5', 'Amélie', "'quoted", ''])(
    'leaves %j as it is',
    (text) => {
      expect(neutralize(text)).toBe(text);
      expect(unneutralize(text)).toBe(text);
    },
  );
});
