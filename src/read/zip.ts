import type { FileHandle } from 'node:fs/promises';

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
    entries.push({
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries.length === count ? entries : undefined;
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
