import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { closeStream } from './decode.js';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** A workbook's directory is a few KB; a bigger one is not a spreadsheet we could read anyway. */
const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;

/**
 * Lists a zip's entries from its central directory (at the END of the file), or returns
 * undefined when the file is not a whole zip. Reading the end is what tells a truncated
 * download from a good workbook: the streaming unzipper exceljs uses reads local headers from
 * the front and only fails somewhere in the middle, with a library message.
 */
export async function listZip(file: FileHandle, size: number): Promise<ZipEntry[] | undefined> {
  const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
  const tail = await readAt(file, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const eocdOffset = size - tailLength + eocd;
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || cdSize === 0xffffffff || count === 0xffff) {
    const zip64 = await readZip64(file, eocdOffset);
    if (!zip64) return undefined;
    ({ count, cdSize, cdOffset } = zip64);
  }
  if (cdOffset + cdSize > eocdOffset || cdSize > MAX_CENTRAL_DIRECTORY) return undefined;
  const cd = await readAt(file, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  while (entries.length < count && p + 46 <= cd.length) {
    if (cd.readUInt32LE(p) !== CENTRAL_SIGNATURE) return undefined;
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const sizes = zip64Sizes(
      cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength),
      cd.readUInt32LE(p + 24),
      cd.readUInt32LE(p + 20),
      cd.readUInt32LE(p + 42),
    );
    entries.push({
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      method: cd.readUInt16LE(p + 10),
      ...sizes,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries.length === count ? entries : undefined;
}

/** Sizes and offset, taken from the zip64 extra field (id 1) where the 32-bit ones overflow. */
function zip64Sizes(
  extra: Buffer,
  uncompressedSize: number,
  compressedSize: number,
  localHeaderOffset: number,
): { compressedSize: number; localHeaderOffset: number } {
  const MAX = 0xffffffff;
  for (let q = 0; q + 4 <= extra.length;) {
    const id = extra.readUInt16LE(q);
    const size = extra.readUInt16LE(q + 2);
    if (id === 1) {
      let r = q + 4;
      const next = () => {
        const value = r + 8 <= q + 4 + size ? Number(extra.readBigUInt64LE(r)) : MAX;
        r += 8;
        return value;
      };
      if (uncompressedSize === MAX) next();
      if (compressedSize === MAX) compressedSize = next();
      if (localHeaderOffset === MAX) localHeaderOffset = next();
      break;
    }
    q += 4 + size;
  }
  return { compressedSize, localHeaderOffset };
}

async function readZip64(
  file: FileHandle,
  eocdOffset: number,
): Promise<{ count: number; cdSize: number; cdOffset: number } | undefined> {
  if (eocdOffset < 20) return undefined;
  const locator = await readAt(file, eocdOffset - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) return undefined;
  const record = await readAt(file, Number(locator.readBigUInt64LE(8)), 56);
  if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) return undefined;
  return {
    count: Number(record.readBigUInt64LE(32)),
    cdSize: Number(record.readBigUInt64LE(40)),
    cdOffset: Number(record.readBigUInt64LE(48)),
  };
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** An entry's text as a stream, and how to close it: `close()` resolves once the file is closed. */
export interface ZipText {
  readonly stream: Readable;
  close(): Promise<void>;
}

/**
 * One entry's content as UTF-8 text, streamed: the file read from the entry's data (located by
 * its local header) through zlib's raw inflate. Text is decoded by the stream's own decoder, so a
 * character split between two chunks is joined.
 */
export async function openZipText(path: string, entry: ZipEntry): Promise<ZipText> {
  const file = await open(path, 'r');
  let header: Buffer;
  try {
    header = await readAt(file, entry.localHeaderOffset, 30);
  } finally {
    await file.close();
  }
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) {
    throw new Error(`no local header for ${entry.name}`);
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new Error(`compression method ${entry.method} of ${entry.name}`);
  }
  if (entry.compressedSize === 0) {
    return { stream: Readable.from([] as string[]), close: () => Promise.resolve() };
  }
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = createReadStream(path, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: 64 * 1024,
  });
  const stream =
    entry.method === 0
      ? raw
      : pipeline(raw, createInflateRaw(), () => {
          // Errors reach the consumer through the returned stream; pipeline closes the file.
        });
  stream.setEncoding('utf8');
  return {
    stream,
    async close() {
      stream.on('error', () => {});
      stream.destroy();
      await closeStream(raw);
    },
  };
}
