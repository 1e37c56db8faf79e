import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { ImportError } from '../errors.js';
import { encodingError } from './encodingError.js';
import { guessEncoding } from './guessEncoding.js';
import type { ReadProbe } from './probe.js';
import type { EncodingBy } from './types.js';
import { WordScanner } from './wordScan.js';
import type { WordScan } from './wordScan.js';

/** Bytes per read: also the bound on how far the CSV reader runs ahead of its consumer. */
export const CHUNK_SIZE = 64 * 1024;

/** Names people use for Mac Roman, which iconv-lite calls `macintosh`. */
const MAC_ROMAN = new Set(['macroman', 'mac-roman', 'mac', 'x-mac-roman', 'macintosh']);

/**
 * Checks an --encoding value against iconv-lite's table and returns it lowercased
 * (`UTF-16LE` → `utf-16le`; `macroman`, `mac-roman` and `mac` → `macintosh`); an unknown name is
 * a usage error, before any file is opened.
 */
export function checkEncodingOption(value: string): string {
  const encoding = value.trim().toLowerCase();
  if (MAC_ROMAN.has(encoding)) return 'macintosh';
  if (encoding === '' || !iconv.encodingExists(encoding)) {
    throw new ImportError(
      'usage',
      `--encoding ${JSON.stringify(value)} is not a text encoding nexudus-import knows: use for example utf-8, windows-1252, windows-1250, utf-16le or macroman.`,
    );
  }
  return encoding;
}

/** The encoding a CSV is read in, and how it was settled. */
export interface EncodingChoice {
  readonly encoding: string;
  readonly by: EncodingBy;
}

/**
 * The CSV's encoding by SPEC "Reading": the BOM (UTF-8, UTF-16 LE/BE); without one, UTF-8 when
 * the WHOLE file is valid UTF-8 (a Windows-1252 "é" can first appear on row 50,000, so the
 * first chunk is not enough: we scan it all, at ~1 GB/s with `buffer.isUtf8`). Anything else is
 * one of the single-byte code pages spreadsheet programs write, read only when its text leaves
 * no doubt (guessEncoding.ts); otherwise ImportError `doubtful-encoding`, naming the likely
 * encodings with the first word they read differently, before anything is sent. `delimiter`
 * (given or undefined) only helps that message name the word's row.
 */
export async function detectEncoding(
  path: string,
  head: Buffer,
  delimiter: string | undefined,
): Promise<EncodingChoice> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', by: 'bom' };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', by: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', by: 'bom' };
  if (await isUtf8File(path)) return { encoding: 'utf-8', by: 'utf-8' };
  const scan = await scanWords(path);
  const guess = guessEncoding(scan);
  if (guess.kind === 'sure') return { encoding: guess.encoding, by: 'text' };
  throw await encodingError(path, head, delimiter, scan, guess);
}

/** The words of a whole file for guessEncoding, in one pass, a megabyte at a time. */
export async function scanWords(path: string): Promise<WordScan> {
  const scanner = new WordScanner();
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) scanner.feed(chunk);
    scanner.end();
    return scanner;
  } finally {
    await closeStream(stream);
  }
}

/**
 * Destroys a file stream and resolves once its fd is closed, so a `break` upstream leaves nothing
 * open behind it. An error it emits now (the abort of a `for await` left early) concerns no one.
 */
export async function closeStream(stream: Readable): Promise<void> {
  stream.on('error', () => {});
  stream.destroy();
  if (!stream.closed) await new Promise((resolve) => stream.once('close', resolve));
}

/** Whether the file is valid UTF-8 from end to end, without holding more than a chunk. */
export async function isUtf8File(path: string): Promise<boolean> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  let carry: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeLength(bytes);
      if (!isUtf8(bytes.subarray(0, cut))) return false;
      carry = Buffer.from(bytes.subarray(cut));
    }
    return carry.length === 0;
  } finally {
    await closeStream(stream);
  }
}

/** Length of `bytes` without a UTF-8 sequence cut off at its end (0-3 bytes held back). */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      // A lead byte: keep it back if its sequence needs more bytes than we have.
      const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needs > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/**
 * The file as text, chunk by chunk. Decoding happens here, BEFORE parsing, with iconv-lite's
 * stateful decoder, so a character split across two reads is joined, never turned into U+FFFD
 * (the papaparse trap in STYLE.md). A leading BOM is removed by iconv-lite. The generator
 * pulls the next chunk only when asked, and `return()` (a `break` upstream) destroys the
 * stream, closing the file.
 */
export async function* decodeFile(
  path: string,
  encoding: string,
  probe?: ReadProbe,
): AsyncGenerator<string, void, void> {
  const stream: Readable = createReadStream(path, { highWaterMark: CHUNK_SIZE });
  probe?.streamOpened?.(stream);
  const decoder = iconv.getDecoder(encoding);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    await closeStream(stream);
  }
}
