import { describe, expect, it } from 'vitest';
import { HashedKeys } from '../src/preflight/hashedKeys.js';

describe('HashedKeys', () => {
  it('behaves as a Map from key to first row over many keys', () => {
    const keys = new HashedKeys();
    const exact = new Map<string, number>();
    for (let row = 2; row < 50_000; row += 1) {
      const key = `71${row % 7}\u0000contact${row % 20_000}\u0000${row % 3}`;
      expect(keys.get(key)).toBe(exact.get(key));
      if (!exact.has(key)) {
        exact.set(key, row);
        keys.set(key, row);
      }
    }
    expect(keys.get('never seen')).toBeUndefined();
  });
});
