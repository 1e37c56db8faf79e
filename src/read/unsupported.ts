import { ImportError } from '../errors.js';

/** The way out SPEC "Reading" gives for every file we cannot read. */
export const SAVE_AS = 'save it as .xlsx or CSV UTF-8 and import that';

/** For files that hold no table at all. */
export const COPY_INTO =
  'copy the contacts into a spreadsheet, save it as .xlsx or CSV UTF-8 and import that';

/** An `unsupported-format` error with this message. */
export function unsupported(message: string): ImportError {
  return new ImportError('unsupported-format', message);
}

/** Whether the file's first bytes are `bytes` (a magic number). */
export function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

/** An Apple Numbers document, as a zip or as a folder (package). */
export function numbersError(name: string): ImportError {
  return unsupported(
    `${name} is an Apple Numbers document, which nexudus-import cannot read: open it in Numbers, export it (File > Export To) as .xlsx or CSV UTF-8 and import that.`,
  );
}
