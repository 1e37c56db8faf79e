/**
 * Sets every entry's modification time in a zip to one date, in place. exceljs (through JSZip)
 * stamps each entry with the time of writing, so two runs never give the same bytes; with the
 * times fixed they do, and a committed file can be compared with a fresh one byte for byte.
 * Only the MS-DOS time and date fields change (PKWARE APPNOTE 4.3.7 and 4.3.12); JSZip writes no
 * extended-timestamp fields. Throws on anything that is not a plain zip.
 */
export function fixZipTimes(zip: Buffer, date: Date): Buffer {
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day =
    ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const end = zip.lastIndexOf(END_OF_DIRECTORY);
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error('zip central directory damaged');
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(day, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error('zip local header damaged');
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(day, local + 12);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return zip;
}

const LOCAL_HEADER = 0x04034b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
