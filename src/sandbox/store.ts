import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { FIRST_CONTACT_ID } from './account.js';
import { nexudusTime, stableUuid } from './ids.js';
import type { ContractContactRecord } from './types.js';
import type { ContactFields } from './validate.js';

/** What `--data FILE` holds. */
interface DataFile {
  version: 1;
  nextId: number;
  contacts: ContractContactRecord[];
}

/**
 * The contract contacts. With a data file, every change is written before the reply goes out
 * (temp file, fsync, rename, synchronously; mode 0600), so a record the client was told about survives a crash
 * of the sandbox, and a half-written file never replaces a whole one; a change that cannot be
 * written is undone (the client gets a 500 and may safely send it again).
 *
 * Records are kept in Id order (a new record gets the highest Id), so listing them needs no sort.
 */
export class ContactStore {
  private readonly records = new Map<number, ContractContactRecord>();
  private nextId: number;
  /** Set when a record was put back out of order (an undone delete). */
  private unordered = false;

  /**
   * @param starting the account's records when there is no data file yet (called only then).
   */
  constructor(
    private readonly dataFile: string | undefined,
    starting: () => ContractContactRecord[],
  ) {
    const loaded = dataFile && existsSync(dataFile) ? readData(dataFile) : undefined;
    const start = loaded?.contacts ?? starting();
    for (const record of [...start].sort((a, b) => a.Id - b.Id))
      this.records.set(record.Id, record);
    let maxId = FIRST_CONTACT_ID - 1;
    for (const id of this.records.keys()) maxId = Math.max(maxId, id);
    this.nextId = Math.max(loaded?.nextId ?? 0, maxId + 1);
    if (!loaded) {
      try {
        this.persist();
      } catch (error) {
        throw new Error(`The sandbox cannot write its data file ${dataFile}.`, { cause: error });
      }
    }
  }

  /** How many records it holds. */
  get size(): number {
    return this.records.size;
  }

  /** Every record, in Id order. The records themselves: callers must not change them. */
  all(): ContractContactRecord[] {
    if (this.unordered) {
      const sorted = [...this.records.values()].sort((a, b) => a.Id - b.Id);
      this.records.clear();
      for (const record of sorted) this.records.set(record.Id, record);
      this.unordered = false;
    }
    return [...this.records.values()];
  }

  get(id: number): ContractContactRecord | undefined {
    return this.records.get(id);
  }

  /** Store a validated contact and return it with its new Id. */
  create(fields: ContactFields, now: number, by: string): ContractContactRecord {
    const Id = this.nextId++;
    const stamp = nexudusTime(now);
    const record = {
      Id,
      ...fields,
      CreatedOn: stamp,
      UpdatedOn: stamp,
      UpdatedBy: by,
      UniqueId: stableUuid(`contractcontact:${Id}`),
    } as ContractContactRecord;
    this.records.set(Id, record);
    try {
      this.persist();
    } catch (error) {
      this.records.delete(Id);
      this.nextId = Id;
      throw error;
    }
    return record;
  }

  /** Put `record` in place of the stored record with its Id (which must exist). */
  replace(record: ContractContactRecord): void {
    const old = this.records.get(record.Id);
    if (!old) throw new Error(`no contact ${record.Id}`);
    this.records.set(record.Id, record);
    try {
      this.persist();
    } catch (error) {
      this.records.set(record.Id, old);
      throw error;
    }
  }

  /** Delete a record; false when there is none with this Id. Its Id is never given again. */
  delete(id: number): boolean {
    const old = this.records.get(id);
    if (!old) return false;
    this.records.delete(id);
    try {
      this.persist();
    } catch (error) {
      this.records.set(id, old);
      this.unordered = true;
      throw error;
    }
    return true;
  }

  private persist(): void {
    if (!this.dataFile) return;
    const data: DataFile = { version: 1, nextId: this.nextId, contacts: this.all() };
    const temp = `${this.dataFile}.${process.pid}.tmp`;
    // Readable by its user only (the records look like personal data), and on the disk before
    // it replaces the old file, so a power cut leaves the old file or the new one, whole.
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeFileSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, 0o600);
    renameSync(temp, this.dataFile);
  }
}

/** Read a data file, refusing one that is not ours rather than overwriting it. */
function readData(file: string): DataFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`The sandbox data file ${file} is not valid JSON.`, { cause: error });
  }
  const d = data as Partial<DataFile> | null;
  if (
    typeof d !== 'object' ||
    d === null ||
    !Array.isArray(d.contacts) ||
    !d.contacts.every((c) => typeof c === 'object' && c !== null && Number.isInteger(c.Id))
  ) {
    throw new Error(`The sandbox data file ${file} does not hold sandbox records.`);
  }
  return {
    version: 1,
    nextId: Number.isInteger(d.nextId) ? Number(d.nextId) : 0,
    contacts: d.contacts,
  };
}
