import type { FileHandle } from 'node:fs/promises';
import type { ImportError } from '../errors.js';
import { COPY_INTO, numbersError, SAVE_AS, startsWith, unsupported } from './unsupported.js';

/** How much of the file's end is searched for OLE2 stream names. */
const TAIL_SIZE = 64 * 1024;

/**
 * An OLE2 compound file: Excel 97-2003 (.xls), or an .xlsx that Excel encrypted with a password
 * (MS-OFFCRYPTO wraps it in OLE2 with an `EncryptedPackage` stream), or another old Office file.
 * Stream names are UTF-16LE in the directory; we look for them in the first directory sector and
 * the first and last 64 KB, which holds them in every file Office writes.
 */
export async function oleError(
  file: FileHandle,
  size: number,
  head: Buffer,
  name: string,
): Promise<ImportError> {
  const parts = [head];
  if (head.length >= 0x34) {
    const sectorSize = 2 ** head.readUInt16LE(0x1e);
    const directorySector = head.readUInt32LE(0x30);
    if (sectorSize <= 4096 && directorySector < 0xfffffffa) {
      const buffer = Buffer.alloc(sectorSize);
      await file.read(buffer, 0, sectorSize, (directorySector + 1) * sectorSize);
      parts.push(buffer);
    }
  }
  if (size > TAIL_SIZE) {
    const tail = Buffer.alloc(TAIL_SIZE);
    await file.read(tail, 0, TAIL_SIZE, size - TAIL_SIZE);
    parts.push(tail);
  }
  const has = (stream: string) =>
    parts.some((part) => part.includes(Buffer.from(stream, 'utf16le')));
  if (has('EncryptedPackage')) {
    return unsupported(
      `${name} is protected with a password, so nexudus-import cannot read it: open it in Excel, remove the password (File > Info > Protect Workbook), ${SAVE_AS}.`,
    );
  }
  if (has('WordDocument'))
    return unsupported(`${name} is a Word 97-2003 document, not a spreadsheet: ${COPY_INTO}.`);
  if (has('PowerPoint Document')) {
    return unsupported(
      `${name} is a PowerPoint 97-2003 presentation, not a spreadsheet: ${COPY_INTO}.`,
    );
  }
  return unsupported(
    `${name} is an Excel 97-2003 workbook (.xls), which nexudus-import cannot read: open it in Excel, ${SAVE_AS}.`,
  );
}

/** A zip: returns for an .xlsx (which we read); throws naming any other zip-based format. */
export function zipCheck(entryNames: readonly string[], head: Buffer, name: string): void {
  // OPC part names are case-insensitive.
  const names = new Set(entryNames.map((n) => n.toLowerCase()));
  const any = (prefix: string) => [...names].some((n) => n.startsWith(prefix.toLowerCase()));
  if (names.has('xl/workbook.xml')) return;
  if (names.has('xl/workbook.bin')) {
    throw unsupported(
      `${name} is an Excel binary workbook (.xlsb), which nexudus-import cannot read: open it in Excel, ${SAVE_AS}.`,
    );
  }
  if (names.has('mimetype')) {
    // ODF stores `mimetype` first and uncompressed (ODF 1.2 part 3, 3.3), so it is in the head.
    const text = head.toString('latin1', 0, Math.min(head.length, 200));
    if (text.includes('application/vnd.oasis.opendocument.spreadsheet')) {
      throw unsupported(
        `${name} is an OpenDocument spreadsheet (.ods), which nexudus-import cannot read: open it in LibreOffice or Excel, ${SAVE_AS}.`,
      );
    }
    if (text.includes('application/vnd.oasis.opendocument')) {
      throw unsupported(`${name} is an OpenDocument file, not a spreadsheet: ${COPY_INTO}.`);
    }
  }
  if (any('Index/') || names.has('index.zip')) throw numbersError(name);
  if (names.has('word/document.xml'))
    throw unsupported(`${name} is a Word document, not a spreadsheet: ${COPY_INTO}.`);
  if (any('ppt/'))
    throw unsupported(`${name} is a PowerPoint presentation, not a spreadsheet: ${COPY_INTO}.`);
  throw unsupported(
    `${name} is a zip archive, not a spreadsheet: unzip it and import the file inside, or ${SAVE_AS}.`,
  );
}

/** Well-known binary formats people attach by mistake, by their magic numbers. */
export function otherBinary(head: Buffer): string | undefined {
  const ascii = head.toString('latin1', 0, Math.min(head.length, 8));
  if (ascii.startsWith('%PDF')) return 'a PDF document';
  if (ascii.startsWith('{\\rtf')) return 'a Rich Text (RTF) document';
  if (
    startsWith(head, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(head, [0xff, 0xd8, 0xff]) ||
    ascii.startsWith('GIF8')
  ) {
    return 'an image';
  }
  if (
    startsWith(head, [0x1f, 0x8b]) ||
    ascii.startsWith('7z\xbc\xaf') ||
    ascii.startsWith('Rar!')
  ) {
    return 'a compressed archive';
  }
  return undefined;
}
