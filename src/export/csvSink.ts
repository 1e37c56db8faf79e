import { CsvFile } from '../report/csvFile.js';
import { EXPORT_HEADERS } from './columns.js';
import { hasTime, type ExportValue } from './exportValues.js';
import type { ExportSink } from './exportSink.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as the CSV holds it: `YYYY-MM-DD`, which reads the same in every country and which the
 * importer reads back; with ` HH:mm:ss` when it has a time of day, so none is lost.
 */
export function csvDate(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (!hasTime(date)) return day;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

function csvText(value: ExportValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return csvDate(value);
  return String(value);
}

/**
 * An export as CSV: the same columns as the workbook, UTF-8 with BOM, CRLF, and a cell a
 * spreadsheet would run as a formula written with a leading `'` (as created.csv does).
 */
export function csvSink(path: string): ExportSink {
  const file = new CsvFile(path, ',');
  file.line(EXPORT_HEADERS);
  let open = true;
  const close = () => {
    if (open) file[Symbol.dispose]();
    open = false;
  };
  return {
    add: (row) => file.line(row.map(csvText)),
    close: async () => close(),
    abort: async () => close(),
  };
}
