import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Papa from 'papaparse';
import { main } from '../../src/cli.js';
import type { CommandIo } from '../../src/engine/options.js';
import type { Summary } from '../../src/report/summary.js';

export function tempDir(prefix = 'nexudus-import-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The environment of a test's command: `--sandbox` keeps its records in the user's data folder
 * (XDG_DATA_HOME, or LOCALAPPDATA on Windows), here a fresh temporary one unless the test names
 * one (to run twice on the same records), so a test never touches the real user's data.
 */
export function testEnv(env: Record<string, string> = {}, cwd?: string): Record<string, string> {
  const data = tempDir('nexudus-data-');
  // A test that writes a .env into its folder gives the API root there (the environment wins).
  const root: Record<string, string> =
    cwd && existsSync(join(cwd, '.env')) ? {} : { NEXUDUS_BASE_URL: NOWHERE };
  return { XDG_DATA_HOME: data, LOCALAPPDATA: data, ...root, ...env };
}

/**
 * The API root of a test that names none (no --base-url, --sandbox or NEXUDUS_BASE_URL): a
 * closed port, so that a test with credentials set never reaches the real Nexudus (a validate
 * with credentials reads the account).
 */
const NOWHERE = 'http://127.0.0.1:9';

/**
 * The environment of a spawned nexudus-import: this process's (PATH, HOME, …) without the
 * account settings of whoever runs the tests, then `env`. Their NEXUDUS_TOKEN would win over a
 * test's sandbox username, and with credentials set a validate reaches their account.
 */
export function childEnv(env: Record<string, string> = {}): Record<string, string> {
  const own = Object.entries(process.env).filter(
    (entry): entry is [string, string] =>
      entry[1] !== undefined && !ACCOUNT_VARIABLES.test(entry[0]),
  );
  return { ...Object.fromEntries(own), ...env };
}

const ACCOUNT_VARIABLES = /^NEXUDUS_(TOKEN|USERNAME|PASSWORD|TOTP|BASE_URL)$/i;

/**
 * Runs the CLI in this process, as a user would from a shell, capturing what it prints. Its
 * environment is only testEnv's: no NEXUDUS_* variable of whoever runs the tests reaches it.
 */
export async function runCli(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string>; signal?: AbortSignal },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io: CommandIo = {
    cwd: options.cwd,
    env: testEnv(options.env, options.cwd),
    stdout,
    stderr,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: out, stderr: err };
}

/** A report CSV as records keyed by header (BOM stripped; our reports are always UTF-8). */
export function readReport(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return parsed.data;
}

export function readSummary(dir: string): Summary {
  return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
}

/**
 * What a run wrote on stderr besides how it read the file (the "Reading the file as …" line and
 * one line per column, shown before anything is sent): its warnings and refusals.
 */
export function besidesReading(stderr: string): string {
  return stderr.replace(/^Reading the file as [^\n]*:\n(?: {2}[A-Z]+ {2}[^\n]*\n)*/m, '');
}
