import { importInto } from './upload.js';
import { uploadFile } from './data.js';
import { round } from './validate.js';

/** A large account's import: preflight's GETs, time to the first write, the run over its floor. */
export interface AccountPlan {
  /** Rows of the file, all new, spread evenly over `contracts` contracts (8001…). */
  readonly rows: number;
  readonly contracts: number;
  /** Contacts the account holds before the run (sandbox `extraContacts`). */
  readonly contacts: number;
  /** The time-compressed write limit W (requests a minute: max(120, 2 W), as Nexudus's ratio). */
  readonly writesPerMinute: number;
}

export interface AccountFigures extends AccountPlan {
  /** GETs the sandbox served (every one is preflight's or the countries list: no update). */
  readonly gets: number;
  readonly byRoute: Readonly<Record<string, number>>;
  /** SPEC's bound on preflight's GETs for this file and account, the countries list included. */
  readonly bound: number;
  /** Seconds from the run's first request to its first write (the sandbox's clock). */
  readonly firstWriteSeconds: number;
  /** What the GETs cost at the request pace: gets ÷ (requests a minute ÷ 60). */
  readonly getsAtPaceSeconds: number;
  /** The whole child process, start to exit. */
  readonly seconds: number;
  /** N writes ÷ W, in seconds: no run can be shorter. */
  readonly floorSeconds: number;
  readonly throttled: number;
}

/**
 * `rows` new contacts over `contracts` contracts in an account of `contacts` contacts, at a
 * time-compressed write limit: SPEC "Before the first write" bounds preflight's GETs at
 * `1 + ⌈contracts/100⌉ + ⌈coworkers/100⌉ + min(contracts, ⌈contacts/1000⌉) + 1`.
 */
export async function benchAccount(plan: AccountPlan, tmp: string): Promise<AccountFigures> {
  const ids = Array.from({ length: plan.contracts }, (_, i) => 8001 + i);
  const file = uploadFile(tmp, 'account', plan.rows, ids);
  const requestsPerMinute = Math.max(120, 2 * plan.writesPerMinute);
  const { run, sandbox } = await importInto(
    {
      writesPerMinute: plan.writesPerMinute,
      // 8001… for the file, besides the account's own six
      extraContracts: plan.contracts,
      extraContacts: plan.contacts - 2,
    },
    file,
    ['--writes-per-minute', String(plan.writesPerMinute), '--daily-write-limit', '100000000'],
    tmp,
    'account',
  );
  const stats = sandbox.stats();
  const gets = Object.values(stats.gets).reduce((sum, n) => sum + n, 0);
  const bound =
    1 +
    Math.ceil(plan.contracts / 100) +
    Math.min(plan.contracts, Math.ceil(plan.contacts / 1000)) +
    1;
  const first = stats.requestTimes[0] ?? 0;
  const firstWrite = stats.writeTimes[0] ?? first;
  return {
    ...plan,
    gets,
    byRoute: stats.gets,
    bound,
    firstWriteSeconds: round((firstWrite - first) / 1000, 2),
    getsAtPaceSeconds: round((gets * 60) / requestsPerMinute, 2),
    seconds: round(run.seconds, 1),
    floorSeconds: round((plan.rows * 60) / plan.writesPerMinute, 1),
    throttled: stats.throttled,
  };
}
