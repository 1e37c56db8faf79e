import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { closeStream } from './decode.js';

/*
 * The zip layer is yauzl: it reads the central directory (at the END of the file, which is what
 * tells a truncated download from a whole workbook), zip64 included, refuses entry names that
 * climb out of the archive, and checks that every entry inflates to exactly the size the
 * directory declares (`validateEntrySizes`), so a declared size can be trusted before inflating.
 * It does not check CRC-32 (its README: "No CRC-32 Checking"), so openText does, with Node's
 * zlib.crc32: a damaged entry is refused, never read as other text.
 */

/** One entry of a zip's central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  /** Declared, and enforced while inflating: the stream fails if the data says otherwise. */
  readonly uncompressedSize: number;
  readonly raw: yauzl.Entry;
}

/** A zip we read: its entries, and their contents on demand. close() when done. */
export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /** The entry of a part name, ignoring case (OPC part names are case-insensitive). */
  get(name: string): ZipEntry | undefined;
  /** One entry's content as UTF-8 text, CRC-checked; see openText below. */
  openText(entry: ZipEntry): Promise<ZipText>;
  /** Closes the zip; resolves once its file is closed (after every text opened is closed). */
  close(): Promise<void>;
}

/** An entry's text as a stream, and how to close it: `close()` resolves once it is closed. */
export interface ZipText {
  readonly stream: Readable;
  close(): Promise<void>;
}

/** More entries than any workbook has: a crafted directory, not a spreadsheet. */
const MAX_ENTRIES = 65_535;

/** The zip's central directory could not be read: not a whole zip, or a damaged one. */
export class ZipDamaged extends Error {
  override readonly name = 'ZipDamaged';
}

/**
 * Opens a zip and lists its entries. Throws ZipDamaged when it is not a whole, sound zip (no
 * end-of-central-directory record, a directory that runs past the file, bad entry names).
 */
export async function openZip(path: string): Promise<ZipArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (error) {
    throw new ZipDamaged((error as Error).message, { cause: error });
  }
  try {
    const entries = await readEntries(zip);
    const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
    return {
      entries,
      get: (name) => byName.get(name.toLowerCase()),
      openText: (entry) => openText(zip, entry),
      close: () => closeZip(zip),
    };
  } catch (error) {
    await closeZip(zip);
    throw error;
  }
}

/** yauzl closes the file once every stream it opened has ended or been destroyed. */
function closeZip(zip: yauzl.ZipFile): Promise<void> {
  if (!zip.isOpen) return Promise.resolve();
  const closed = new Promise<void>((resolve) => zip.once('close', () => resolve()));
  zip.close();
  return closed;
}

function readEntries(zip: yauzl.ZipFile): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    if (zip.entryCount > MAX_ENTRIES) {
      reject(new ZipDamaged(`${zip.entryCount} entries`));
      return;
    }
    zip.on('entry', (raw: yauzl.Entry) => {
      entries.push({
        name: raw.fileName,
        compressedSize: raw.compressedSize,
        uncompressedSize: raw.uncompressedSize,
        raw,
      });
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error: Error) => reject(new ZipDamaged(error.message, { cause: error })));
    zip.readEntry();
  });
}

/**
 * One entry's content as UTF-8 text, streamed: inflated by yauzl (sizes checked), its CRC-32
 * checked at the end, decoded by the stream's own decoder so a character split between two
 * chunks is joined. Errors (a bad CRC, a wrong size, data zlib cannot inflate) reach the
 * consumer through the stream.
 */
async function openText(zip: yauzl.ZipFile, entry: ZipEntry): Promise<ZipText> {
  const raw = await zip.openReadStreamPromise(entry.raw);
  const stream = raw.pipe(new CrcCheck(entry.raw.crc32, entry.name));
  raw.on('error', (error) => stream.destroy(error));
  stream.setEncoding('utf8');
  return {
    stream,
    async close() {
      await closeStream(stream);
      raw.destroy();
    },
  };
}

/** Passes bytes through and fails at the end when their CRC-32 is not the expected one. */
class CrcCheck extends Transform {
  private crc = 0;

  constructor(
    private readonly expected: number,
    private readonly entry: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(
      this.crc >>> 0 === this.expected >>> 0
        ? null
        : new Error(`CRC-32 of ${this.entry} is wrong: the data is damaged`),
    );
  }
}
