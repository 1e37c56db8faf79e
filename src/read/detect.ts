import { open, readdir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import iconv from 'iconv-lite';
import { ImportError } from '../errors.js';
import { listZip } from './zip.js';
import type { ZipEntry } from './zip.js';

/** What the file's bytes say it is, when it is something we read. */
export type Detected =
  | { readonly format: 'xlsx' }
  | {
      readonly format: 'csv';
      /** The first bytes of the file (up to HEAD_SIZE), for encoding detection. */
      readonly head: Buffer;
    };

const HEAD_SIZE = 64 * 1024;
const SAVE_AS = 'save it as .xlsx or CSV UTF-8 and import that';
/** For files that hold no table at all. */
const COPY_INTO =
  'copy the contacts into a spreadsheet, save it as .xlsx or CSV UTF-8 and import that';
/** Names that promise a workbook: a text file under such a name is refused, not read as CSV. */
const WORKBOOK_EXTENSIONS = new Set([
  '.xlsx',
  '.xlsm',
  '.xltx',
  '.xls',
  '.xlsb',
  '.ods',
  '.numbers',
]);

/**
 * Decides by content (never by name alone) whether `path` is an XLSX workbook or CSV text, and
 * throws an ImportError naming what the file really is otherwise (SPEC "Reading": `.xls`,
 * `.xlsb`, `.ods`, `.numbers`, or a file that is not what its name says → exit 2).
 */
export async function detectFormat(path: string, encodingGiven: boolean): Promise<Detected> {
  const name = basename(path);
  const info = await stat(path).catch((error: unknown) => {
    throw openError(path, error);
  });
  if (info.isDirectory()) throw await directoryError(path);
  if (!info.isFile()) {
    throw new ImportError(
      'file-not-found',
      `${path} is not a regular file: give the path of the .xlsx or .csv file itself.`,
    );
  }
  if (info.size === 0) {
    throw new ImportError(
      'empty-file',
      `${name} is empty: put the column headers in the first row and one contact per row below, then import it again.`,
    );
  }
  const file = await open(path, 'r').catch((error: unknown) => {
    throw openError(path, error);
  });
  try {
    const head = Buffer.alloc(Math.min(HEAD_SIZE, info.size));
    await file.read(head, 0, head.length, 0);
    if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
      throw await oleError(file, info.size, head, name);
    }
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
      const entries = await listZip(file, info.size);
      if (!entries) {
        throw new ImportError(
          'corrupt-file',
          `${name} is damaged or incomplete (perhaps a download or copy that did not finish): open it in Excel and save it again, or get a fresh copy, and import that.`,
        );
      }
      zipCheck(entries, head, name);
      return { format: 'xlsx' };
    }
    const other = otherBinary(head);
    if (other) throw unsupported(`${name} is ${other}, not a spreadsheet: ${COPY_INTO}.`);
    textCheck(head, name, encodingGiven);
    if (WORKBOOK_EXTENSIONS.has(extname(name).toLowerCase())) {
      const csvName = `${basename(name, extname(name))}.csv`;
      throw unsupported(
        `${name} is a text file, not the workbook its name says: if it holds comma- or semicolon-separated values, rename it to ${csvName}; otherwise open it in Excel and ${SAVE_AS}.`,
      );
    }
    return { format: 'csv', head };
  } finally {
    await file.close();
  }
}

function unsupported(message: string): ImportError {
  return new ImportError('unsupported-format', message);
}

function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

function openError(path: string, error: unknown): ImportError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new ImportError(
      'file-not-found',
      `The file ${path} does not exist: check its name and folder and try again.`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ImportError(
      'file-not-found',
      `${path} cannot be opened (permission denied): check that you may read it, or copy it somewhere you can, and try again.`,
      { cause: error },
    );
  }
  return new ImportError(
    'file-not-found',
    `${path} cannot be opened (${code ?? 'unknown error'}): check the path and try again.`,
    { cause: error },
  );
}

/** A folder: an Apple Numbers document saved as a package is one (Index.zip or Index/ inside). */
async function directoryError(path: string): Promise<ImportError> {
  const inside = await readdir(path).catch(() => [] as string[]);
  if (
    extname(path).toLowerCase() === '.numbers' ||
    inside.includes('Index.zip') ||
    inside.includes('Index')
  ) {
    return numbersError(basename(path));
  }
  return new ImportError(
    'file-not-found',
    `${path} is a folder, not a file: give the path of the .xlsx or .csv file itself.`,
  );
}

function numbersError(name: string): ImportError {
  return unsupported(
    `${name} is an Apple Numbers document, which nexudus-import cannot read: open it in Numbers, export it (File > Export To) as .xlsx or CSV UTF-8 and import that.`,
  );
}

/**
 * An OLE2 compound file: Excel 97-2003 (.xls), or an .xlsx that Excel encrypted with a password
 * (MS-OFFCRYPTO wraps it in OLE2 with an `EncryptedPackage` stream), or another old Office file.
 * Stream names are UTF-16LE in the directory; we look for them in the first directory sector and
 * the first and last 64 KB, which holds them in every file Office writes.
 */
async function oleError(
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
  if (size > HEAD_SIZE) {
    const tail = Buffer.alloc(HEAD_SIZE);
    await file.read(tail, 0, HEAD_SIZE, size - HEAD_SIZE);
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

/** A zip: an .xlsx (read), or another zip-based format we name and refuse. */
function zipCheck(entries: readonly ZipEntry[], head: Buffer, name: string): void {
  // OPC part names are case-insensitive.
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
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
function otherBinary(head: Buffer): string | undefined {
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

/**
 * Text that is not CSV (an HTML page or Excel 2003 XML saved as ".xls" by a web app), or bytes
 * that are not text at all. A UTF-16 or UTF-32 BOM, or an --encoding the user gave, vouches for
 * NUL bytes; otherwise a NUL means binary, or UTF-16 written without a BOM.
 */
function textCheck(head: Buffer, name: string, encodingGiven: boolean): void {
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
