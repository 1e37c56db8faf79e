import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runNode } from './measure.js';

const GENERATOR = join(ROOT, 'scripts', 'gen-big-files.ts');

/**
 * The big realistic files of scripts/gen-big-files.ts (22 columns, accents, quoted cells with
 * line breaks, date cells in the XLSX): `contacts-N.csv` / `contacts-N.xlsx` in `dir`.
 */
export async function bigFile(dir: string, kind: 'csv' | 'xlsx', rows: number): Promise<string> {
  const path = join(dir, `contacts-${rows}.${kind}`);
  if (existsSync(path)) return path;
  if (!existsSync(GENERATOR)) {
    throw new Error(`${GENERATOR} is missing: the benchmark generates its files with it.`);
  }
  const counts =
    kind === 'csv' ? ['--csv-rows', String(rows), '--xlsx-rows', '0'] : ['--csv-rows', '0'];
  if (kind === 'xlsx') counts.push('--xlsx-rows', String(rows));
  await runNode(['--import', 'tsx', GENERATOR, dir, ...counts], { cwd: ROOT });
  return path;
}

/** What an upload benchmark sends: the CSV the importer reads, and the payloads it must make. */
export interface UploadFile {
  readonly csv: string;
  readonly payloads: string;
  readonly rows: number;
}

/**
 * `rows` new contacts spread evenly over `contracts`, each with a name no other row and no
 * existing contact has (so every row is a create), and the exact payload the importer makes of
 * each, for the bare baseline to post.
 */
export function uploadFile(
  dir: string,
  name: string,
  rows: number,
  contracts: readonly number[],
): UploadFile {
  const header = ['Contract', 'Full Name', 'Type', 'AML Status', 'Email', 'Phone', 'City'] as const;
  const lines = [header.join(',')];
  const payloads: Record<string, string | number>[] = [];
  for (let i = 0; i < rows; i++) {
    const contract = contracts[i % contracts.length] ?? 0;
    const fullName = `Bench Contact ${name} ${i + 1}`;
    const email = `bench.${name}.${i + 1}@example.com`;
    const phone = `+44 20 7946 ${String(i % 10000).padStart(4, '0')}`;
    lines.push([contract, fullName, 'Director', 'Not started', email, phone, 'London'].join(','));
    payloads.push({
      CoworkerContractId: contract,
      FullName: fullName,
      ContractContactType: 1,
      AmlCheckStatus: 0,
      Email: email,
      CityName: 'London',
      PhoneNumber: phone,
    });
  }
  const csv = join(dir, `upload-${name}.csv`);
  const json = join(dir, `upload-${name}.json`);
  writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
  writeFileSync(json, JSON.stringify(payloads));
  return { csv, payloads: json, rows };
}
