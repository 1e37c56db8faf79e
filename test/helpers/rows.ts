import { expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTRACTS = [7101, 7102, 7103, 7104, 7105];
const TYPES = ['Director', 'Company alias', 'Nominated recipient'];

/**
 * A CSV of `count` valid, distinct contacts on the sandbox's fake account, written to `dir`.
 * Row r of the file (r >= 2) holds "Contact <r-1>", so a test can tell rows apart in the store.
 */
export function writeContactsCsv(dir: string, count: number, name = 'contacts.csv'): string {
  const lines = ['CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,Email'];
  for (let i = 1; i <= count; i += 1) {
    const contract = CONTRACTS[i % CONTRACTS.length] ?? 7101;
    const type = TYPES[i % TYPES.length] ?? 'Director';
    lines.push(`${contract},Contact ${i},${type},Pending,contact.${i}@example.com`);
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** FullName -> how many records the store holds with it. */
export function countByName(records: readonly { FullName?: unknown }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    const name = String(r.FullName);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** The sample CSV the README's quick start imports (its four rows with mistakes: SAMPLE_FIXES). */
export const SAMPLE_CSV = join(import.meta.dirname, '..', '..', 'samples', 'contract-contacts.csv');

/** The sample's four mistakes, fixed by their header names (rows as the spreadsheet shows them). */
export const SAMPLE_FIXES: Readonly<Record<number, Record<string, string>>> = {
  7: { Email: 'katrin.vogel@example.com' },
  10: { ContractContactType: 'Nominated recipient' },
  11: { DateOfBirth: '1981-02-28' },
  13: { CoworkerContractId: '7104' },
};

/** The contacts the sample file makes (its row 12 is blank; row 2 is already in the sandbox). */
export const SAMPLE_NAMES = [
  'Olivia Bennett',
  'Bennett Design',
  'Marcus Hale',
  'Amélie Durand',
  'Jürgen Weiß',
  'Katrin Vogel',
  "Siobhán O'Connor",
  'Rahul Mehta',
  'Priya Nair',
  'Lars Østergaard',
  'Sofia Rossi',
  'Emma Clarke',
] as const;

/** Every contact of the sample is in the store exactly once, and no key twice. */
export function expectSampleOnce(
  records: readonly {
    FullName?: unknown;
    CoworkerContractId?: unknown;
    ContractContactType?: unknown;
  }[],
): void {
  const keys = records.map(
    (r) => `${String(r.CoworkerContractId)}|${String(r.FullName)}|${String(r.ContractContactType)}`,
  );
  expect(new Set(keys).size).toBe(keys.length);
  const names = records.map((r) => r.FullName);
  for (const name of SAMPLE_NAMES) {
    expect(
      names.filter((n) => n === name),
      name,
    ).toHaveLength(1);
  }
}
