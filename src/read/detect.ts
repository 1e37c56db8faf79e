import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ImportError } from '../errors.js';
import { oleError, otherBinary, zipCheck } from './sniffBinary.js';
import { textCheck } from './sniffText.js';
import { COPY_INTO, numbersError, SAVE_AS, startsWith, unsupported } from './unsupported.js';
import { openZip } from './zip.js';

/** What the file's bytes say it is, when it is something we read. */
export type Detected =
  | { readonly format: 'xlsx' }
  | {
      readonly format: 'csv';
      /** The first bytes of the file (up to HEAD_SIZE), for encoding detection. */
      readonly head: Buffer;
    };

const HEAD_SIZE = 64 * 1024;
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
      const names = await zipNames(path);
      if (!names) {
        throw new ImportError(
          'corrupt-file',
          `${name} is damaged or incomplete (perhaps a download or copy that did not finish): open it in Excel and save it again, or get a fresh copy, and import that.`,
        );
      }
      zipCheck(names, head, name);
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

/** The names of a zip's entries, or undefined when it is not a whole, sound zip. */
async function zipNames(path: string): Promise<string[] | undefined> {
  try {
    const zip = await openZip(path);
    await zip.close();
    return zip.entries.map((e) => e.name);
  } catch {
    return undefined;
  }
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
