import type { Reading, ReadingDateOrder } from '../report/reading.js';

/** A header longer than this is shortened on screen (summary.json has it whole). */
const HEADER_ROOM = 28;

const ENCODING_BY: Readonly<Record<NonNullable<Reading['encodingBy']>, string>> = {
  option: 'given by --encoding',
  bom: 'from its byte order mark',
  'utf-8': 'the whole file is valid UTF-8',
  text: 'settled by its text',
};

const ORDER: Readonly<Record<NonNullable<ReadingDateOrder['order']>, string>> = {
  DMY: 'day first (DMY)',
  MDY: 'month first (MDY)',
  YMD: 'year first (YMD)',
};

/**
 * How the file was read, as shown on stderr before anything is sent (SPEC "On screen"): the
 * format, encoding and delimiter (or worksheet), then one line per column, `header -> Field`
 * or why it is left out, with each date column's day-month order:
 *
 * ```
 * Reading the file as CSV, encoding utf-8 (the whole file is valid UTF-8), delimiter ",":
 *   A  Contract         -> CoworkerContractId
 *   C  Type of contact  -> left out: --ignore-column
 *   E  D.O.B.           -> DateOfBirth; dates day first (DMY), inferred from the column
 * ```
 */
export function readingText(reading: Reading): string {
  const lines = [`${firstLine(reading)}:`];
  const dates = new Map(reading.dateOrders.map((d) => [d.column, d]));
  const headers = reading.columns.map((c) => fit(c.header === '' ? '(no header)' : c.header));
  const letterWidth = Math.max(...reading.columns.map((c) => c.column.length));
  const headerWidth = Math.max(...headers.map((h) => h.length));
  reading.columns.forEach((c, i) => {
    const date = dates.get(c.column);
    const order = date && dateText(date);
    const what =
      c.field === null
        ? (c.note ?? 'left out')
        : `${c.field}${c.note ? ` (${c.note})` : ''}${order ? `; ${order}` : ''}`;
    lines.push(
      `  ${c.column.padEnd(letterWidth)}  ${(headers[i] ?? '').padEnd(headerWidth)}  -> ${what}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** How the file was read in a few words, for the summary: `CSV, windows-1250, ";"`. */
export function readAsText(reading: Reading): string {
  const parts: string[] = [reading.format === 'csv' ? 'CSV' : 'XLSX'];
  if (reading.encoding) parts.push(reading.encoding);
  if (reading.delimiter !== undefined && reading.format === 'csv') {
    parts.push(delimiterText(reading.delimiter));
  }
  if (reading.sheet !== undefined) parts.push(`worksheet "${reading.sheet}"`);
  return parts.join(', ');
}

function firstLine(reading: Reading): string {
  const parts: string[] = [];
  if (reading.format === 'csv') {
    if (reading.encoding) {
      const by = reading.encodingBy ? ` (${ENCODING_BY[reading.encodingBy]})` : '';
      parts.push(`encoding ${reading.encoding}${by}`);
    }
    if (reading.delimiter !== undefined)
      parts.push(`delimiter ${delimiterText(reading.delimiter)}`);
  } else if (reading.sheet !== undefined) {
    parts.push(`worksheet "${reading.sheet}"`);
  }
  if (reading.headerRow !== 1) parts.push(`headers in row ${reading.headerRow}`);
  const format = reading.format === 'csv' ? 'CSV' : 'XLSX';
  return `Reading the file as ${format}${parts.length > 0 ? `, ${parts.join(', ')}` : ''}`;
}

function delimiterText(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

function dateText(date: ReadingDateOrder): string | undefined {
  if (date.by === 'not needed') return undefined;
  if (date.order === null) {
    return 'day-month order not settled: dates like 05/06/1975 fail (pass --date-format)';
  }
  const by = date.by === 'date-format' ? 'given by --date-format' : 'inferred from the column';
  return `dates ${ORDER[date.order]}, ${by}`;
}

function fit(header: string): string {
  return header.length <= HEADER_ROOM ? header : `${header.slice(0, HEADER_ROOM - 1)}…`;
}
