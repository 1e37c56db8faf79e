// Baseline: papaparse alone streaming a CSV file, doing nothing with the rows but count them.
// Its fastest streaming mode (`chunk`: a batch of parsed rows per read). The read stream decodes
// (encoding utf8), so no character is split at a chunk boundary (STYLE.md's papaparse trap).
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

const file = process.argv[2];
let rows = 0;
await new Promise((resolve, reject) => {
  Papa.parse(createReadStream(file, { encoding: 'utf8' }), {
    skipEmptyLines: true,
    chunk: (results) => {
      rows += results.data.length;
    },
    complete: resolve,
    error: reject,
  });
});
// The header is not a data row.
console.log(JSON.stringify({ rows: rows - 1 }));
