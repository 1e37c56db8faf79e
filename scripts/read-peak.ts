/**
 * Reads a source file as the importer does and reports what it cost:
 *
 *   node --import tsx scripts/read-peak.ts FILE [--sheet NAME] [--encoding ENC] [--delimiter C]
 *
 * opens FILE with openSource, iterates every row, and prints one JSON line: rows, seconds and
 * the process's peak resident memory (process.resourceUsage().maxRSS, in MB).
 */
import { parseArgs } from 'node:util';
import { openSource } from '../src/read/index.js';
import type { ReadOptions } from '../src/read/index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sheet: { type: 'string' },
    encoding: { type: 'string' },
    delimiter: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    'usage: node --import tsx scripts/read-peak.ts FILE [--sheet NAME] [--encoding ENC] [--delimiter C]',
  );
  process.exit(2);
}
const options: ReadOptions = {};
if (values.sheet !== undefined) options.sheet = values.sheet;
if (values.encoding !== undefined) options.encoding = values.encoding;
if (values.delimiter !== undefined) options.delimiter = values.delimiter;

const started = performance.now();
try {
  const table = await openSource(file, options);
  let rows = 0;
  let cells = 0;
  for await (const row of table.rows()) {
    rows++;
    cells += row.cells.length;
  }
  console.log(
    JSON.stringify({
      file,
      format: table.format,
      rows,
      cells,
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      maxRssMB: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
