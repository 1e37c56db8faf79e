import iconv from 'iconv-lite';
import { COPY_INTO, SAVE_AS, startsWith, unsupported } from './unsupported.js';

/**
 * Text that is not CSV (an HTML page or Excel 2003 XML saved as ".xls" by a web app), or bytes
 * that are not text at all. A UTF-16 BOM, or an --encoding the user gave, vouches for
 * NUL bytes; otherwise a NUL means binary, or UTF-16 written without a BOM.
 */
export function textCheck(head: Buffer, name: string, encodingGiven: boolean): void {
  const utf16Bom = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16Bom && !encodingGiven) {
    const nul = head.indexOf(0);
    if (nul >= 0) {
      if (looksLikeUtf16(head)) {
        throw unsupported(
          `${name} looks like UTF-16 text without a byte-order mark: import it with --encoding utf-16le (or utf-16be), or ${SAVE_AS}.`,
        );
      }
      throw unsupported(
        `${name} is not a text file or a workbook (it holds binary data): ${SAVE_AS}.`,
      );
    }
    let control = 0;
    for (const byte of head)
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c)
        control++;
    if (control > head.length / 100) {
      throw unsupported(
        `${name} is not a text file or a workbook (it holds binary data): ${SAVE_AS}.`,
      );
    }
  }
  const start = headText(head).trimStart().toLowerCase();
  if (
    start.startsWith('<!doctype html') ||
    start.startsWith('<html') ||
    start.startsWith('<table')
  ) {
    throw unsupported(
      `${name} is a web page (HTML), not a spreadsheet: open it in Excel, ${SAVE_AS}.`,
    );
  }
  if (start.startsWith('<?xml')) {
    if (start.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      throw unsupported(
        `${name} is an Excel 2003 XML spreadsheet, which nexudus-import cannot read: open it in Excel, ${SAVE_AS}.`,
      );
    }
    throw unsupported(`${name} is an XML file, not a spreadsheet: ${COPY_INTO}.`);
  }
}

/** Mostly-ASCII UTF-16 without a BOM: NULs on one side of every byte pair, text on the other. */
function looksLikeUtf16(head: Buffer): boolean {
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  return Math.max(evenNul, oddNul) > pairs * 0.7 && Math.min(evenNul, oddNul) < pairs * 0.05;
}

/** The first characters of the file as text, BOM removed, for recognising HTML and XML. */
function headText(head: Buffer): string {
  const sample = head.subarray(0, 2048);
  if (startsWith(sample, [0xff, 0xfe])) return iconv.decode(sample, 'utf-16le');
  if (startsWith(sample, [0xfe, 0xff])) return iconv.decode(sample, 'utf-16be');
  return iconv.decode(sample, 'utf-8');
}
