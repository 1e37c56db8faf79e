import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { codePageTables } from './codePages.js';
import type { CodePageTable } from './codePages.js';
import { CsvParser } from './csvParser.js';
import type { CsvRecord } from './csvParser.js';
import { sniffDelimiter } from './delimiter.js';
import { decodeWord } from './guessEncoding.js';
import type { Guess } from './guessEncoding.js';
import type { ScannedWord, WordScan } from './wordScan.js';

const SAVE_UTF8 = 'save it from Excel as "CSV UTF-8" and import that';

/**
 * The refusal for a CSV whose code page its text does not settle (`doubtful-encoding`, exit 2):
 * the likely encodings with the first word they read differently, and its row, so that the user
 * can see which one is right and pass it with --encoding.
 */
export async function encodingError(
  path: string,
  head: Buffer,
  delimiter: string | undefined,
  scan: WordScan,
  guess: Exclude<Guess, { kind: 'sure' }>,
): Promise<ImportError> {
  const name = basename(path);
  /** `row 12`, or `one row` when the rows cannot be counted. */
  const where = async (word: ScannedWord) => {
    const row = await rowAt(
      path,
      word.offset,
      delimiter ?? sniffDelimiter(latin1(head), true) ?? ',',
    );
    return row === undefined ? 'one row' : `row ${row}`;
  };
  if (guess.kind === 'doubt') {
    const tables = guess.readings.map(tableOf);
    const { word } = guess;
    const shown = word
      ? `: ${await where(word)} shows ${list(
          tables.map((t) => `"${decodeWord(word.bytes, t)}" in ${t.page.label}`),
          'but',
        )}`
      : ` (${list(
          tables.map((t) => t.page.label),
          'or',
        )})`;
    const options = tables.map((t) => `--encoding ${t.page.encoding}`);
    return new ImportError(
      'doubtful-encoding',
      `${name} is not saved as UTF-8, and its text reads plausibly in more than one encoding${shown}. Import it again with ${list(options, 'or')}, whichever shows the names as they should be, or ${SAVE_UTF8}.`,
    );
  }
  const utf8 = scan.words.filter((w) => isUtf8(Buffer.from(w.bytes, 'latin1')));
  const other = scan.words.find((w) => !isUtf8(Buffer.from(w.bytes, 'latin1')));
  if (utf8.length > 0 && other) {
    return new ImportError(
      'doubtful-encoding',
      `${name} mixes text saved as UTF-8 with text in another encoding (${await where(other)} is not UTF-8), so no single encoding reads all of it right: open it in Excel, retype the names in that row, then ${SAVE_UTF8}.`,
    );
  }
  const western = codePageTables()[0] as CodePageTable;
  const example = guess.word
    ? ` (${await where(guess.word)} reads "${decodeWord(guess.word.bytes, western).replace(/\uFFFD/g, '?')}" as ${western.page.encoding})`
    : '';
  return new ImportError(
    'doubtful-encoding',
    `${name} is not saved as UTF-8, and no encoding that spreadsheet programs write reads it as names and addresses${example}: ${SAVE_UTF8}, or give its encoding with --encoding.`,
  );
}

function tableOf(reading: { readonly encoding: string }): CodePageTable {
  return codePageTables().find((t) => t.page.encoding === reading.encoding) as CodePageTable;
}

/** `a`, `a but b`, `a, b but c` (with `or`: `a or b`, `a, b or c`). */
function list(items: readonly string[], last: string): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

function latin1(bytes: Buffer): string {
  return bytes.toString('latin1');
}

/**
 * The row (as a spreadsheet numbers it) of the byte at `offset`: the records the CSV parser
 * completes before it, plus one. The delimiter and the line breaks are ASCII, the same bytes in
 * every code page, so the file is parsed as latin1. Undefined if the text is not CSV we read.
 */
async function rowAt(path: string, offset: number, delimiter: string): Promise<number | undefined> {
  if (offset === 0) return 1;
  const parser = new CsvParser(delimiter);
  const records: CsvRecord[] = [];
  let before = 0;
  let read = 0;
  const stream = createReadStream(path, {
    highWaterMark: 1024 * 1024,
    end: Math.max(0, offset - 1),
  });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.feed(latin1(chunk), records);
      before += records.length;
      records.length = 0;
      read += chunk.length;
    }
    return read === offset ? before + 1 : undefined;
  } catch {
    return undefined;
  } finally {
    stream.destroy();
    if (!stream.closed) await once(stream, 'close');
  }
}
