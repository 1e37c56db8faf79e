import { codePageTables, Kind } from './codePages.js';
import type { CodePageTable } from './codePages.js';
import { checkWord, NON_LETTER } from './wordCheck.js';
import type { WordReading } from './wordCheck.js';
import type { ScannedWord, WordScan } from './wordScan.js';

/**
 * How much better (natural log of prior × likelihood) the best reading must score than the next
 * one that gives a different text: e^6 ≈ 400 to 1. Measured on the corpus of
 * test/fixtures/encodings (docs/reading-encodings.md): over thousands of files made of its rows,
 * no wrong reading ever scored more than 3.6 above the right one, so 6 leaves a wide safety
 * gap; readings closer than that are refused, which happens mostly with files of one to three
 * rows.
 */
export const MARGIN = 6;
/**
 * The share of a file's words taken to be in another language of the code page than its main one
 * (a German name in a French list): such words are allowed, at a cost.
 */
const FOREIGN_SHARE = 0.2;
/** Words scored for the likelihood, at most (every word is still checked for plausibility). */
const SCORED_WORDS = 5000;

/** One code page's reading of the file. */
export interface Reading {
  readonly encoding: string;
  readonly label: string;
  /** ln of (prior × likelihood): comparable between readings of the same file. */
  readonly score: number;
}

export type Guess =
  /** The text leaves no doubt: read it with `encoding`. */
  | { readonly kind: 'sure'; readonly encoding: string }
  /**
   * Several readings give different, plausible texts and none wins by MARGIN: the likely ones
   * (best first, each the first of the code pages that read the file the same) and the first
   * word they read differently.
   */
  | {
      readonly kind: 'doubt';
      readonly readings: readonly Reading[];
      /** Undefined only if that word is past the words kept (MAX_WORDS, MAX_WORD_BYTES). */
      readonly word: ScannedWord | undefined;
    }
  /** No code page reads the file as plausible text; `word` is where Windows-1252 fails. */
  | { readonly kind: 'none'; readonly word: ScannedWord | undefined };

interface Candidate {
  readonly table: CodePageTable;
  readonly readings: readonly WordReading[];
}

/** The readings of a file that is not UTF-8, as guessEncoding weighs them. */
export type Ranking =
  | { readonly kind: 'none'; readonly word: ScannedWord | undefined }
  /** Plausible readings that give different texts, best first (one per text). */
  | { readonly kind: 'ranked'; readonly readings: readonly Reading[] };

/** Decides the code page of a file that is not UTF-8 from its words (see docs/reading-encodings.md). */
export function guessEncoding(scan: WordScan): Guess {
  const ranking = rankReadings(scan);
  if (ranking.kind === 'none') return ranking;
  const [best, next] = ranking.readings as [Reading, Reading | undefined];
  if (!next || best.score - next.score >= MARGIN) return { kind: 'sure', encoding: best.encoding };
  const likely = ranking.readings.filter((r) => best.score - r.score < MARGIN).slice(0, 3);
  const tables = likely.map(
    (r) => codePageTables().find((t) => t.page.encoding === r.encoding) as CodePageTable,
  );
  const word = scan.words.find((w) => new Set(tables.map((t) => decodeWord(w.bytes, t))).size > 1);
  return { kind: 'doubt', readings: likely, word };
}

/**
 * Rules out the code pages that read the file as implausible text, merges those that read it the
 * same, and scores the rest: ln(prior) + ln(likelihood of its words).
 */
export function rankReadings(scan: WordScan): Ranking {
  const tables = codePageTables();
  const candidates: Candidate[] = [];
  let firstFault: ScannedWord | undefined;
  for (const table of tables) {
    const result = readAll(scan, table);
    if (Array.isArray(result)) candidates.push({ table, readings: result });
    else if (table === tables[0]) firstFault = result.word;
  }
  if (candidates.length === 0) return { kind: 'none', word: firstFault };

  // Code pages that turn every byte of the file into the same characters are one answer.
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = decodeSeen(scan.seen, candidate.table);
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  const totalPrior = tables.reduce((sum, table) => sum + table.page.prior, 0);
  const readings = [...groups.values()]
    .map((group): Reading => {
      const page = (group[0] as Candidate).table.page;
      if (groups.size === 1) return { encoding: page.encoding, label: page.label, score: 0 };
      const scores = group.map(
        (c) => Math.log(c.table.page.prior / totalPrior) + likelihood(c.table, c.readings),
      );
      const best = Math.max(...scores);
      return {
        encoding: page.encoding,
        label: page.label,
        score: best + Math.log(scores.reduce((sum, s) => sum + Math.exp(s - best), 0)),
      };
    })
    .sort((a, b) => b.score - a.score);
  return { kind: 'ranked', readings };
}

/** Every word's reading by the code page, or the first word it cannot read. */
function readAll(
  scan: WordScan,
  table: CodePageTable,
): WordReading[] | { word: ScannedWord | undefined } {
  for (let b = 0x80; b < 256; b++) {
    if (scan.seen[b] && table.bytes[b]?.kind === Kind.undefined) {
      const byte = String.fromCharCode(b);
      return { word: scan.words.find((w) => w.bytes.includes(byte)) };
    }
  }
  // 0xA0, a no-break space in every Windows code page (French thousands: 1 234), separates
  // words and is never judged among letters; Mac Roman reads it as a dagger, no text of a
  // contacts list.
  if (scan.seen[0xa0] && table.bytes[0xa0]?.kind !== Kind.space) return { word: undefined };
  const readings: WordReading[] = [];
  for (const word of scan.words) {
    const reading = checkWord(word.bytes, table);
    if (typeof reading === 'string') return { word };
    readings.push(reading);
  }
  return readings;
}

/** The word as the code page shows it. */
export function decodeWord(bytes: string, table: CodePageTable): string {
  let text = '';
  for (let k = 0; k < bytes.length; k++) text += table.bytes[bytes.charCodeAt(k)]?.char ?? '';
  return text;
}

function decodeSeen(seen: Uint8Array, table: CodePageTable): string {
  let text = '';
  for (let b = 0x80; b < 256; b++) if (seen[b]) text += table.bytes[b]?.char ?? '';
  return text;
}

/**
 * ln P(words | code page): the file is taken to be in one main language of the code page (the
 * one that explains it best, weighted by how common it is), with FOREIGN_SHARE of its words in
 * any of the code page's languages by their weights (a Polish list with a German name).
 */
function likelihood(table: CodePageTable, readings: readonly WordReading[]): number {
  const languages = table.weights.length;
  const scored = readings.slice(0, SCORED_WORDS);
  const mainTotals = new Float64Array(languages);
  const logP = new Float64Array(languages);
  for (const reading of scored) {
    let max = -Infinity;
    for (let i = 0; i < languages; i++) {
      logP[i] = wordLogP(table, reading, i);
      if ((logP[i] as number) > max) max = logP[i] as number;
    }
    let background = 0;
    for (let i = 0; i < languages; i++) {
      background += (table.weights[i] as number) * Math.exp((logP[i] as number) - max);
    }
    for (let i = 0; i < languages; i++) {
      const own = Math.exp((logP[i] as number) - max);
      mainTotals[i] =
        (mainTotals[i] as number) +
        max +
        Math.log((1 - FOREIGN_SHARE) * own + FOREIGN_SHARE * background);
    }
  }
  let best = -Infinity;
  for (let i = 0; i < languages; i++) {
    best = Math.max(best, Math.log(table.weights[i] as number) + (mainTotals[i] as number));
  }
  return best;
}

/**
 * ln P(word | language), given that the word has a character that is not ASCII (only such words
 * are collected): the product of its characters' frequencies over the chance that a word of its
 * length has such a character at all.
 */
function wordLogP(table: CodePageTable, reading: WordReading, language: number): number {
  const chars = reading.logFrequency[language] as number;
  const share = Math.min(1, (table.nonAsciiShare[language] as number) + NON_LETTER);
  if (chars === -Infinity || share >= 1) return chars;
  return chars - Math.log(1 - Math.pow(1 - share, reading.length));
}
