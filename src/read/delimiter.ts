import { ImportError } from '../errors.js';
import { CsvParser } from './csvParser.js';
import type { CsvRecord } from './csvParser.js';

/** The delimiters we detect, in the order that breaks a final tie (see sniffDelimiter). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;

const NAMED: Readonly<Record<string, string>> = {
  tab: '\t',
  '\\t': '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
};

/**
 * Checks a --delimiter value: one character (not a quote, a line break, a letter or a digit),
 * or a name a shell makes easier to type: `tab`, `\t`, `comma`, `semicolon`, `pipe`.
 */
export function checkDelimiterOption(value: string): string {
  const named = NAMED[value.trim().toLowerCase()];
  if (named) return named;
  if (value.length === 1 && !/["\r\n\p{L}\p{N}]/u.test(value)) return value;
  throw new ImportError(
    'usage',
    `--delimiter ${JSON.stringify(value)} is not a delimiter nexudus-import understands: give one character such as , or ; or |, or the word tab.`,
  );
}

/** How many following records the tie-break looks at. */
const TIE_BREAK_RECORDS = 50;

/**
 * Detects the delimiter from the header line (the first line with anything but white space,
 * delimiters and quotes on it) of `text`, the start of the file; returns undefined when `text`
 * ends before that line does and `final` is false (the caller then reads more).
 *
 * The candidate seen most often outside quotes wins. A tie (e.g. `Nom;Adresse, ligne 1`) is
 * broken by the records that follow the header: the candidate that splits the most of the next
 * 50 into as many cells as the header wins; a tie that remains, including a header with no
 * candidate at all (one column), goes to the first of `,` `;` tab `|`.
 */
export function sniffDelimiter(text: string, final: boolean): string | undefined {
  const header = findHeaderLine(text, final);
  if (!header) return final ? ',' : undefined;
  const best = Math.max(...header.counts);
  if (best === 0) return ',';
  const tied = DELIMITERS.filter((_, k) => header.counts[k] === best);
  if (tied.length === 1) return tied[0];
  const rest = text.slice(header.end);
  let winner: string = DELIMITERS[0];
  let winnerScore = -1;
  for (const candidate of tied) {
    const score = consistentRecords(rest, candidate, best + 1);
    if (score > winnerScore) {
      winner = candidate;
      winnerScore = score;
    }
  }
  return winner;
}

interface HeaderLine {
  /** Occurrences of each of DELIMITERS outside quotes. */
  readonly counts: number[];
  /** Index just past the header line's end in the text. */
  readonly end: number;
}

function findHeaderLine(text: string, final: boolean): HeaderLine | undefined {
  let counts = [0, 0, 0, 0];
  let inQuotes = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '"') {
      inQuotes = !inQuotes;
      continue;
    }
    if (inQuotes) {
      content = true;
      continue;
    }
    const k = (DELIMITERS as readonly string[]).indexOf(c);
    if (k >= 0) {
      counts[k] = (counts[k] ?? 0) + 1;
    } else if (c === '\n' || c === '\r') {
      if (content) return { counts, end: i + 1 };
      counts = [0, 0, 0, 0];
    } else if (c.trim() !== '') {
      content = true;
    }
  }
  return final && content ? { counts, end: text.length } : undefined;
}

function consistentRecords(text: string, delimiter: string, cells: number): number {
  const records: CsvRecord[] = [];
  try {
    new CsvParser(delimiter).feed(text, records);
  } catch {
    return 0;
  }
  return records
    .filter((r) => r.fields.some((f) => f.trim() !== ''))
    .slice(0, TIE_BREAK_RECORDS)
    .filter((r) => r.fields.length === cells).length;
}
