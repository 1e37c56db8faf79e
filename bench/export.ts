import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox/index.js';
import { CLI, runNode } from './measure.js';

/** One export of a large account by the CLI, in a child process: what it cost. */
export interface ExportRun {
  readonly pace: 'raised' | 'nexudus';
  readonly contacts: number;
  readonly seconds: number;
  readonly contactsPerSecond: number;
  /** GETs the sandbox answered, by route, and in all (the login is not a GET). */
  readonly gets: number;
  readonly byRoute: Record<string, number>;
  readonly fileMB: number;
  readonly maxRssMB: number;
  readonly throttled: number;
}

/**
 * `export --out FILE.xlsx` of `contacts` generated contacts from a sandbox in this process,
 * measured in the child: at raised request limits (the export's own speed, the writer under the
 * most pressure), or at Nexudus's (120 a minute, 5,000 an hour, enforced by the sandbox).
 */
export async function benchExport(
  contacts: number,
  pace: ExportRun['pace'],
  tmp: string,
): Promise<ExportRun> {
  const raised = pace === 'raised';
  const sandbox = await startSandbox({
    port: 0,
    writesPerMinute: false,
    ...(raised ? { requestsPerMinute: false, requestsPerHour: false } : {}),
    extraContacts: contacts - 2, // besides the account's two
  });
  const out = join(tmp, `export-${pace}-${contacts}.xlsx`);
  rmSync(out, { force: true });
  try {
    const run = await runNode(
      [
        CLI,
        'export',
        '--base-url',
        sandbox.url,
        '--out',
        out,
        '--quiet',
        ...(raised ? ['--requests-per-minute', '1000000', '--requests-per-hour', '100000000'] : []),
      ],
      {
        cwd: tmp,
        env: {
          ...process.env,
          NEXUDUS_USERNAME: sandbox.username,
          NEXUDUS_PASSWORD: sandbox.password,
        },
      },
    );
    const stats = sandbox.stats();
    const gets = Object.values(stats.gets).reduce((sum, n) => sum + n, 0);
    return {
      pace,
      contacts,
      seconds: run.seconds,
      contactsPerSecond: contacts / run.seconds,
      gets,
      byRoute: stats.gets,
      fileMB: statSync(out).size / 2 ** 20,
      maxRssMB: run.maxRssMB,
      throttled: stats.throttled,
    };
  } finally {
    rmSync(out, { force: true });
    await sandbox.close();
  }
}
