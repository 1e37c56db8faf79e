import { isAscii } from 'node:buffer';

/** A distinct word of the file that holds a byte >= 0x80. */
export interface ScannedWord {
  /** Its bytes as a latin1 string (one character per byte). */
  readonly bytes: string;
  /** Byte offset of its first appearance in the file. */
  readonly offset: number;
}

/** What a code page guess needs from a file that is not UTF-8. */
export interface WordScan {
  /** seen[b] is 1 when byte b occurs anywhere in the file. */
  readonly seen: Uint8Array;
  /** Distinct words holding a byte >= 0x80, in order of first appearance, at most MAX_WORDS. */
  readonly words: readonly ScannedWord[];
}

/**
 * Distinct words kept, at most: far more than a guess needs (a contacts list of a million rows
 * has a few thousand), and a bound on memory for a file that is one long list of unique words.
 */
export const MAX_WORDS = 20_000;
/** Bytes of a word kept, at most; the rest of a longer "word" is not looked at. */
export const MAX_WORD_BYTES = 64;

/** Bytes that make words: ASCII letters, the apostrophe, every byte >= 0x80 but 0xA0. */
const WORD = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  WORD[b] = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x27 || b >= 0x80 ? 1 : 0;
}
// 0xA0 is the no-break space in every Windows code page: it separates words.
WORD[0xa0] = 0;

/** ASCII runs are skipped this many bytes at a time with `buffer.isAscii` (native, SIMD). */
const BLOCK = 512;

/**
 * Splits bytes fed in chunks of any size into words (runs of ASCII letters, apostrophes and bytes
 * >= 0x80) and keeps the distinct ones that hold a byte >= 0x80, with where each first appears.
 * It never decodes: the same bytes are judged later as text of each candidate code page.
 *
 * It runs on every CSV that is not UTF-8, so its loop is kept lean: ASCII stretches are skipped
 * natively, and a word met again (Paris on every row) costs a hash of its bytes, not a string.
 */
export class WordScanner implements WordScan {
  readonly seen = new Uint8Array(256);
  readonly words: ScannedWord[] = [];
  /** 52-bit hashes of the words kept (a collision would only leave a word out of the sample). */
  private readonly known = new Set<number>();
  /** A word run cut by the end of the last chunk, and where it started. */
  private tail: Buffer | undefined;
  private tailOffset = 0;
  /** File offset of the next chunk's first byte. */
  private offset = 0;

  feed(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    if (this.tail) {
      while (i < n && WORD[chunk[i] as number]) i++;
      if (i === n) {
        this.markSeen(chunk, 0, n);
        this.tail = Buffer.concat([this.tail, chunk]).subarray(0, MAX_WORD_BYTES + 1);
        this.offset += n;
        return;
      }
      const word = Buffer.concat([this.tail, chunk.subarray(0, i)]);
      this.markSeen(word, 0, word.length);
      this.keep(word, 0, word.length, this.tailOffset);
      this.tail = undefined;
    }
    const seen = this.seen;
    // Where the next block test may start: not inside a block already found to hold a high byte
    // (text with an accent on every line would otherwise test each block once per word).
    let nextTest = i;
    for (;;) {
      let high = i;
      for (;;) {
        if (high >= nextTest) {
          while (high + BLOCK <= n && isAscii(chunk.subarray(high, high + BLOCK))) high += BLOCK;
          nextTest = high + BLOCK;
        }
        const stop = Math.min(n, nextTest);
        while (high < stop && (chunk[high] as number) < 0x80) high++;
        if (high < stop || high === n) break;
      }
      if (high === n) break;
      if (chunk[high] === 0xa0) {
        seen[0xa0] = 1;
        i = high + 1;
        continue;
      }
      let start = high;
      while (start > i && WORD[chunk[start - 1] as number]) start--;
      let end = high;
      let byte = chunk[end] as number;
      do {
        if (byte >= 0x80) seen[byte] = 1;
        byte = chunk[++end] as number;
      } while (end < n && WORD[byte]);
      if (end === n) {
        i = start;
        break;
      }
      this.keep(chunk, start, end, this.offset + start);
      i = end;
    }
    // Keep the word run the chunk ends with: the next chunk may continue it.
    let start = n;
    while (start > i && WORD[chunk[start - 1] as number]) start--;
    if (start < n) {
      this.markSeen(chunk, start, n);
      this.tail = Buffer.from(chunk.subarray(start, Math.min(n, start + MAX_WORD_BYTES + 1)));
      this.tailOffset = this.offset + start;
    }
    this.offset += n;
  }

  /** Ends the bytes: the last word, if the file ends inside one. */
  end(): void {
    if (this.tail) this.keep(this.tail, 0, this.tail.length, this.tailOffset);
    this.tail = undefined;
  }

  /** Keeps bytes[start, end), a word with a byte >= 0x80 (already marked seen), if new. */
  private keep(bytes: Buffer, start: number, end: number, offset: number): void {
    if (this.words.length >= MAX_WORDS) return;
    const stop = Math.min(end, start + MAX_WORD_BYTES);
    // Two 32-bit FNV-1a style hashes folded into one exact double.
    let a = 0x811c9dc5;
    let b = 0x01000193;
    let high = false;
    for (let k = start; k < stop; k++) {
      const byte = bytes[k] as number;
      if (byte >= 0x80) high = true;
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x5bd1e995) + k - start;
    }
    if (!high) return;
    const hash = (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
    if (this.known.has(hash)) return;
    this.known.add(hash);
    this.words.push({ bytes: bytes.toString('latin1', start, stop), offset });
  }

  /** Marks the bytes >= 0x80 of bytes[start, end) as seen. */
  private markSeen(bytes: Buffer, start: number, end: number): void {
    for (let k = start; k < end; k++) {
      const byte = bytes[k] as number;
      if (byte >= 0x80) this.seen[byte] = 1;
    }
  }
}
