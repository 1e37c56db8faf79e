/** What the duplicate check needs of "the rows seen so far": key -> the first row with it. */
export interface SeenKeys {
  get(key: string): number | undefined;
  set(key: string, row: number): unknown;
}

/**
 * SeenKeys for a whole file in bounded, small memory: each key is kept as a 64-bit hash in typed
 * arrays (12 bytes a row instead of ~100 for a Map of strings), so `validate` of a million rows
 * stays flat. Two different keys share a hash with a chance of about 3 in 100 million for a
 * million-row file; then `validate` would call the later row a duplicate. `import` checks with
 * exact keys (a Map), so it never refuses a row for that.
 */
export class HashedKeys implements SeenKeys {
  private high = new Uint32Array(1024);
  private low = new Uint32Array(1024);
  /** 0 marks an empty slot: row numbers start at 1. */
  private rows = new Uint32Array(1024);
  private size = 0;

  get(key: string): number | undefined {
    const [h, l] = hash(key);
    const slot = this.find(h, l);
    const row = this.rows[slot] ?? 0;
    return row === 0 ? undefined : row;
  }

  set(key: string, row: number): this {
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    const [h, l] = hash(key);
    const slot = this.find(h, l);
    if (this.rows[slot] === 0) this.size += 1;
    this.high[slot] = h;
    this.low[slot] = l;
    this.rows[slot] = row;
    return this;
  }

  /** The slot holding this hash, or the empty slot where it would go (linear probing). */
  private find(h: number, l: number): number {
    const mask = this.rows.length - 1;
    for (let slot = (h ^ l) & mask; ; slot = (slot + 1) & mask) {
      if (this.rows[slot] === 0 || (this.high[slot] === h && this.low[slot] === l)) return slot;
    }
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(rows.length * 2);
    this.low = new Uint32Array(rows.length * 2);
    this.rows = new Uint32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] ?? 0;
      if (row === 0) continue;
      const slot = this.find(high[i] ?? 0, low[i] ?? 0);
      this.high[slot] = high[i] ?? 0;
      this.low[slot] = low[i] ?? 0;
      this.rows[slot] = row;
    }
  }
}

/** Two independent 32-bit FNV-1a hashes of the UTF-16 code units. */
function hash(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, b >>> 0];
}
