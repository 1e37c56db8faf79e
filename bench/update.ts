import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox/index.js';
import { CLI, runNode } from './measure.js';

/** Limits so high the importer's pacer never waits (the CLI takes whole numbers, not "off"). */
const UNPACED = ['--writes-per-minute', '100000000', '--requests-per-minute', '100000000'];

/** The sizes of the update benchmark: an account holding `rows` contacts, `changed` edited. */
export interface UpdatePlan {
  readonly rows: number;
  readonly changed: number;
}

export interface UpdateFigures extends UpdatePlan {
  /** Writes the sandbox accepted (every one a PUT): must be exactly `changed`. */
  readonly writes: number;
  readonly updates: number;
  readonly creates: number;
  /** summary.json's counts. */
  readonly updated: number;
  readonly unchanged: number;
  /** GETs of preflight (summary.json) and every GET the sandbox saw, by route. */
  readonly preflightRequests: number;
  readonly gets: number;
  readonly byRoute: Record<string, number>;
  readonly seconds: number;
  readonly maxRssMB: number;
}

/**
 * `import --update` of a file holding every contact of an account (as `export` writes it: Id
 * first), `changed` of them with a cell edited: the writes must be exactly the changed rows.
 * Unpaced, against a sandbox without limits: the figure is the count, not the time.
 */
export async function benchUpdate(plan: UpdatePlan, tmp: string): Promise<UpdateFigures> {
  const sandbox = await startSandbox({
    port: 0,
    writesPerMinute: false,
    requestsPerMinute: false,
    // the account's two contacts besides these
    extraContacts: plan.rows - 2,
    accountSeed: 13,
  });
  const out = join(tmp, 'update-out');
  try {
    const records = sandbox.contacts();
    const every = Math.floor(records.length / plan.changed);
    const lines = ['Id,CoworkerContractId,FullName,ContractContactType,AmlCheckStatus,CityName'];
    records.forEach((r, i) => {
      const city =
        i % every === 0 && i / every < plan.changed ? `Bench ${r.Id}` : (r.CityName ?? '');
      const name = `"${r.FullName.replaceAll('"', '""')}"`;
      lines.push(
        [
          r.Id,
          r.CoworkerContractId,
          name,
          r.ContractContactType,
          r.AmlCheckStatus,
          `"${city}"`,
        ].join(','),
      );
    });
    const file = join(tmp, 'update.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    rmSync(out, { recursive: true, force: true });
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('NEXUDUS_')),
    );
    const run = await runNode(
      [
        CLI,
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        out,
        '--update',
        '--quiet',
        ...UNPACED,
      ],
      {
        cwd: tmp,
        env: { ...env, NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password },
      },
    );
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      counts: { updated: number; unchanged: number };
      preflightRequests: number;
    };
    const stats = sandbox.stats();
    return {
      ...plan,
      rows: records.length,
      writes: stats.writes,
      updates: stats.updates,
      creates: stats.creates,
      updated: summary.counts.updated,
      unchanged: summary.counts.unchanged,
      preflightRequests: summary.preflightRequests,
      gets: Object.values(stats.gets).reduce((sum, n) => sum + n, 0),
      byRoute: stats.gets,
      seconds: run.seconds,
      maxRssMB: run.maxRssMB,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
    await sandbox.close();
  }
}
