import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../src/read/decode.js';
import { openSource } from '../src/read/index.js';
import type { ReadProbe } from '../src/read/index.js';
import { handXlsx, openDescriptors, tempFolder } from './readHelpers.js';

const temp = tempFolder('read-stream');
afterAll(() => temp.cleanup());

const ROWS = 30_000;
const csvPath = temp.file(
  'big.csv',
  `FullName,Email,CoworkerContractId\n${Array.from({ length: ROWS }, (_, i) => `Person ${i},p${i}@example.com,${7000 + i}\n`).join('')}`,
);
const xlsxPath = temp.file(
  'big.xlsx',
  handXlsx({
    sheets: [
      {
        name: 'Contacts',
        rows:
          '<row r="1"><c r="A1" t="inlineStr"><is><t>FullName</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>' +
          Array.from(
            { length: ROWS },
            (_, i) =>
              `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>Person ${i}</t></is></c><c r="B${i + 2}" t="inlineStr"><is><t>p${i}@example.com</t></is></c></row>`,
          ).join(''),
      },
    ],
  }),
);

/** Counts rows parsed but not yet taken by the consumer, and remembers the streams opened. */
function watch(): ReadProbe & { parsed: number; streams: Readable[] } {
  const probe = {
    parsed: 0,
    streams: [] as Readable[],
    rowParsed() {
      probe.parsed++;
    },
    streamOpened(stream: Readable) {
      probe.streams.push(stream);
    },
  };
  return probe;
}

// The bound is one chunk of input: CSV reads 64 KiB at a time (rows here are >= 29 bytes: at most
// ~2,300 rows; measured 1,933), XLSX one inflated chunk of XML (16 KiB: measured 120 rows).
describe.each([
  ['CSV', csvPath, Math.ceil(CHUNK_SIZE / 29)],
  ['XLSX', xlsxPath, 500],
])('%s rows() under a slow consumer', (_, path, bound) => {
  it(`never parses more than ${bound} rows ahead of the consumer`, async () => {
    const probe = watch();
    const table = await openSource(path, {}, probe);
    let taken = 0;
    let ahead = 0;
    let misnumbered = 0;
    for await (const row of table.rows()) {
      taken++;
      if (row.row !== taken + 1) misnumbered++;
      // The parser counts the header row too.
      ahead = Math.max(ahead, probe.parsed - 1 - taken);
      // Deliberately slow at first: a reader without backpressure would race ahead now.
      if (taken <= 20) await sleep(5);
    }
    expect(taken).toBe(ROWS);
    expect(misnumbered).toBe(0);
    expect(ahead).toBeGreaterThan(0);
    expect(ahead).toBeLessThanOrEqual(bound);
  });

  it('closes the file when the consumer breaks out early', async () => {
    const probe = watch();
    const table = await openSource(path, {}, probe);
    // openSource read the header and left nothing open.
    expect(openDescriptors(path)).toBe(0);
    let taken = 0;
    for await (const _row of table.rows()) {
      if (++taken === 1) expect(openDescriptors(path)).toBeGreaterThan(0);
      if (taken === 10) break;
    }
    const [stream] = probe.streams;
    expect(stream?.destroyed).toBe(true);
    if (stream && !stream.closed) await once(stream, 'close');
    // The fd is closed by the stream's destroy, asynchronously: wait a few turns for it.
    for (let i = 0; i < 50 && openDescriptors(path) > 0; i++) await sleep(2);
    expect(openDescriptors(path)).toBe(0);
    expect(probe.parsed).toBeLessThan(ROWS / 10);
  });

  it('closes the file when the consumer throws', async () => {
    const table = await openSource(path);
    await expect(
      (async () => {
        for await (const _row of table.rows()) throw new Error('consumer failed');
      })(),
    ).rejects.toThrow('consumer failed');
    for (let i = 0; i < 50 && openDescriptors(path) > 0; i++) await sleep(2);
    expect(openDescriptors(path)).toBe(0);
  });
});
