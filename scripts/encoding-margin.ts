/**
 * How the encoding guess's margin was chosen: builds thousands of CSV files from random rows of
 * test/fixtures/encodings/corpus.ts (1 to 8 rows; mostly one sample's language, a third mixing
 * all the samples of a code page), and prints per code page and file size how many are read
 * right, refused and read wrong at a margin, and the largest lead a wrong reading ever had over
 * the right one:
 *
 *   node --import tsx scripts/encoding-margin.ts [MARGIN] [FILES_PER_CELL]
 */
import iconv from 'iconv-lite';
import { csvText, SAMPLES } from '../test/fixtures/encodings/corpus.js';
import { MARGIN, rankReadings } from '../src/read/guessEncoding.js';
import { WordScanner } from '../src/read/wordScan.js';

const margin = Number(process.argv[2] ?? MARGIN);
const files = Number(process.argv[3] ?? 1000);
const SIZES = [1, 2, 3, 5, 8];

let seed = 12345;
const random = (n: number) => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed % n;
};

/** Score of the right text minus the best other one (-Infinity: the right one was ruled out). */
function lead(text: string, encoding: string): number | undefined {
  const bytes = iconv.encode(text, encoding);
  if (!bytes.some((b) => b >= 0x80)) return undefined; // ASCII: read as UTF-8
  const scanner = new WordScanner();
  scanner.feed(bytes);
  scanner.end();
  const ranking = rankReadings(scanner);
  if (ranking.kind === 'none') return -Infinity;
  const right = ranking.readings.find((r) => iconv.decode(bytes, r.encoding) === text);
  if (!right) return -Infinity;
  const others = ranking.readings.filter((r) => r !== right).map((r) => r.score);
  return right.score - Math.max(-Infinity, ...others);
}

let worst = 0;
let worstFile = '';
console.log(`margin ${margin}; per cell: right/refused/wrong of ${files} files`);
for (const encoding of [...new Set(SAMPLES.map((s) => s.encoding))]) {
  const samples = SAMPLES.filter((s) => s.encoding === encoding);
  const cells: string[] = [];
  for (const size of SIZES) {
    const counts = { right: 0, refused: 0, wrong: 0 };
    for (let n = 0; n < files; n++) {
      const mixed = random(3) === 0;
      const base = samples[random(samples.length)] ?? samples[0];
      if (!base) continue;
      const rows = Array.from({ length: size }, () => {
        const from = mixed ? (samples[random(samples.length)] ?? base) : base;
        return (from.rows[random(from.rows.length)] ?? '').split(';').slice(0, 6).join(';');
      });
      const sample = { ...base, header: base.header.slice(0, 6) };
      const text = csvText({ file: '', sample, rows, note: '' });
      const d = lead(text, encoding);
      if (d === undefined) continue;
      if (d >= margin) counts.right++;
      else if (d > -margin) counts.refused++;
      else counts.wrong++;
      if (Number.isFinite(d) && -d > worst) {
        worst = -d;
        worstFile = rows.map((r) => r.split(';')[1]).join(' + ');
      }
    }
    cells.push(`${size} rows: ${counts.right}/${counts.refused}/${counts.wrong}`);
  }
  console.log(`${encoding.padEnd(13)} ${cells.join('   ')}`);
}
console.log(
  worst === 0
    ? 'no wrong reading ever scored above the right one'
    : `largest lead of a wrong reading over the right one: ${worst.toFixed(2)} (${worstFile})`,
);
