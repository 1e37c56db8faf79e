import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type ContractContactRecord } from '../../src/sandbox/index.js';
import { readReport, runCli, tempDir } from './run.js';

/** The committed files written by other programs (see its README.md). */
export const PROGRAMS = join(import.meta.dirname, '..', 'fixtures', 'programs');

/** What Nexudus stores: the payload the tool sent, without the fields the server adds. */
export type Stored = Omit<ContractContactRecord, 'Id' | 'CreatedOn' | 'UpdatedOn' | 'UniqueId'>;

/** One file imported into a fresh sandbox, read back row by row. */
export interface Imported {
  readonly code: number;
  readonly stderr: string;
  /** Each created contact as the sandbox stores it, with the source row that made it, by row. */
  readonly created: readonly { readonly row: number; readonly stored: Stored }[];
  /** Each failed row with its `Errors` cell, by row. */
  readonly failed: readonly { readonly row: number; readonly errors: string }[];
}

/**
 * Imports one fixture with the real CLI into a fresh sandbox (no pace limits) and pairs every
 * record the sandbox then holds with the row of created.csv that names its Id.
 */
export async function importFixture(name: string, args: readonly string[] = []): Promise<Imported> {
  const sandbox = await startSandbox({
    port: 0,
    writesPerMinute: false,
    requestsPerMinute: false,
    existingContacts: false,
  });
  const cwd = tempDir('programs-');
  try {
    const run = await runCli(
      [
        'import',
        join(PROGRAMS, name),
        '--base-url',
        sandbox.url,
        '--out',
        'out',
        '--writes-per-minute',
        '60000',
        ...args,
      ],
      { cwd, env: { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password } },
    );
    const byId = new Map(sandbox.contacts().map((r) => [r.Id, r]));
    const created = readReport(join(cwd, 'out', 'created.csv')).map((line) => {
      const record = byId.get(Number(line.Id));
      if (!record) throw new Error(`created.csv names Id ${line.Id}, which the sandbox lacks`);
      const { Id: _i, CreatedOn: _c, UpdatedOn: _u, UniqueId: _q, ...stored } = record;
      return { row: Number(line.Row), stored };
    });
    const errorsCsv = join(cwd, 'out', 'errors.csv');
    const failed = (existsSync(errorsCsv) ? readReport(errorsCsv) : []).map((line) => ({
      row: Number(line.Row),
      errors: line.Errors ?? '',
    }));
    return {
      code: run.code,
      stderr: run.stderr,
      created: created.sort((a, b) => a.row - b.row),
      failed: failed.sort((a, b) => a.row - b.row),
    };
  } finally {
    await sandbox.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** A country's Id in the sandbox: 1000 + its ISO 3166 numeric code (src/sandbox/countries.ts). */
export function countryId(code: keyof typeof ISO_NUMERIC): number {
  return 1000 + ISO_NUMERIC[code];
}

const ISO_NUMERIC = {
  AT: 40,
  BE: 56,
  DE: 276,
  DK: 208,
  ES: 724,
  FR: 250,
  GB: 826,
  IE: 372,
  IN: 356,
  PL: 616,
  PT: 620,
  SE: 752,
  US: 840,
} as const;
