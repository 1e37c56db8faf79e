import { closeSync, openSync, writeSync } from 'node:fs';
import { neutralize } from '../formula.js';

/**
 * A CSV file a spreadsheet opens as it is: UTF-8 with BOM (so Excel does not guess the code
 * page), the given delimiter, CRLF, quotes where needed, and every cell that would run as a
 * formula written with a leading `'` (SPEC "Results folder").
 */
export class CsvFile implements Disposable {
  private readonly fd: number;
  private readonly needsQuotes: RegExp;

  constructor(
    path: string,
    private readonly delimiter: string,
  ) {
    this.fd = openSync(path, 'w', 0o600);
    writeSync(this.fd, '\uFEFF');
    const escaped = delimiter.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    this.needsQuotes = new RegExp(`["\\r\\n]|${escaped}|^\\s|\\s$`);
  }

  line(cells: readonly string[]): void {
    writeSync(this.fd, `${cells.map((c) => this.quote(neutralize(c))).join(this.delimiter)}\r\n`);
  }

  private quote(text: string): string {
    return this.needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }

  [Symbol.dispose](): void {
    closeSync(this.fd);
  }
}
