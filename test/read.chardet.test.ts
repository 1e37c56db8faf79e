import { describe, expect, it } from 'vitest';
import { compareWithChardet, tally } from './fixtures/encodings/compare.js';

/**
 * Our rule: prefer a kept library unless a measurement shows ours is better. This is that
 * measurement, on test/fixtures/encodings (figures in docs/reading-encodings.md; print them with
 * `node --import tsx scripts/encodings-vs-chardet.ts`).
 */
describe('our encoding guess against chardet 2.2, on the same fixtures', () => {
  it('ours is never wrong; chardet is wrong on 45 of 85 files', async () => {
    const results = await compareWithChardet();
    expect(results.filter((r) => r.ours === 'wrong').map((r) => r.file)).toEqual([]);
    expect(tally(results)).toEqual({
      'windows-1252': {
        ours: { right: 23, refused: 4, wrong: 0 },
        chardet: { right: 24, refused: 0, wrong: 3 },
      },
      'windows-1250': {
        ours: { right: 18, refused: 3, wrong: 0 },
        chardet: { right: 9, refused: 0, wrong: 12 },
      },
      'windows-1251': {
        ours: { right: 12, refused: 0, wrong: 0 },
        chardet: { right: 3, refused: 0, wrong: 9 },
      },
      'windows-1253': {
        ours: { right: 3, refused: 0, wrong: 0 },
        chardet: { right: 0, refused: 0, wrong: 3 },
      },
      'windows-1254': {
        ours: { right: 2, refused: 1, wrong: 0 },
        chardet: { right: 2, refused: 0, wrong: 1 },
      },
      'windows-1257': {
        ours: { right: 9, refused: 0, wrong: 0 },
        chardet: { right: 2, refused: 0, wrong: 7 },
      },
      macintosh: {
        ours: { right: 10, refused: 0, wrong: 0 },
        chardet: { right: 0, refused: 0, wrong: 10 },
      },
    });
    // Where we refuse (one-row files), chardet answers, and is wrong on some of those too.
    const refused = results.filter((r) => r.ours === 'refused');
    expect(refused.filter((r) => r.chardet === 'wrong').map((r) => r.file)).toEqual([
      'hu-1250-1row.csv',
      'hr-1250-1row.csv',
      'tr-1254-1row.csv',
    ]);
  });
});
