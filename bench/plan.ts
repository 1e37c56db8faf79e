import type { AccountPlan } from './account.js';
import type { HourlyPlan } from './upload.js';
import type { UndoPlan } from './undo.js';
import type { UpdatePlan } from './update.js';

/** The sizes of one benchmark run. */
export interface Plan {
  readonly name: 'full' | 'quick';
  /** Runs of each validate and of the unpaced upload; each figure is their median. */
  readonly runs: number;
  /** The two CSV sizes: memory must not grow from the first to the second. */
  readonly csvRows: readonly [number, number];
  readonly xlsxRows: number;
  /** Paced uploads: W writes a minute, `rows` rows (about a minute's worth, more than the window). */
  readonly paced: readonly { readonly writesPerMinute: number; readonly rows: number }[];
  readonly unpacedRows: number;
  readonly preflight: { readonly rows: number; readonly contracts: number };
  /**
   * A paced run against an hourly request limit, time-compressed: an "hour" of `hourMs` holding
   * `requestsPerHour`, tighter than the per-minute limits (writes alone would go faster), after a
   * preflight over `contracts` contracts.
   */
  readonly hourly: HourlyPlan;
  /** Contacts of the account `export` writes out (peak RSS must stay ≤ 250 MB). */
  readonly exportContacts: number;
  /** import --update of an account's contacts, some edited: writes per changed row. */
  readonly update: UpdatePlan;
  /** undo of an import's creates at a time-compressed write limit: pace, 409s, GETs. */
  readonly undo: UndoPlan;
  /** An import into a large account: preflight GETs, time to first write, wall over floor. */
  readonly account: AccountPlan;
}

export const FULL: Plan = {
  name: 'full',
  runs: 3,
  csvRows: [100_000, 1_000_000],
  xlsxRows: 200_000,
  // 1.1 W rows take 66 s: the sandbox's 60 s window fills and slides.
  paced: [
    { writesPerMinute: 600, rows: 660 },
    { writesPerMinute: 3000, rows: 3300 },
  ],
  unpacedRows: 2000,
  preflight: { rows: 1000, contracts: 100 },
  // Nexudus's hour compressed 60 times, holding 600 requests: one every 100 ms (Nexudus's own
  // floor between two requests), against 15 writes and 30 requests a second, so the hour is the
  // tightest limit throughout. About 900 requests over 90 s: the hour fills and slides half
  // again. Preflight reads the account whole (a handful of GETs: fewer than one per contract),
  // so the writes make up the rest.
  hourly: { hourMs: 60_000, requestsPerHour: 600, writesPerMinute: 900, contracts: 300, rows: 900 },
  exportContacts: 100_000,
  update: { rows: 2000, changed: 200 },
  // 3,000 deletes at 3,000 a minute: a minute "compressed" 50 times from Nexudus's 60.
  undo: { records: 3000, writesPerMinute: 3000 },
  // 5,000 rows over 2,500 contracts of an account of 20,000 contacts, at 3,000 writes a minute
  // (Nexudus's 60 compressed 50 times): a floor of 100 s.
  account: { rows: 5000, contracts: 2500, contacts: 20_000, writesPerMinute: 3000 },
};

/** A smoke run: every size a tenth, one run each; about a minute. */
export const QUICK: Plan = {
  name: 'quick',
  runs: 1,
  csvRows: [10_000, 100_000],
  xlsxRows: 20_000,
  paced: [
    { writesPerMinute: 600, rows: 66 },
    { writesPerMinute: 3000, rows: 330 },
  ],
  unpacedRows: 200,
  preflight: { rows: 100, contracts: 10 },
  // An "hour" of 10 s holding 100 (the same one every 100 ms): about 150 requests over 15 s.
  hourly: { hourMs: 10_000, requestsPerHour: 100, writesPerMinute: 900, contracts: 50, rows: 150 },
  exportContacts: 10_000,
  update: { rows: 2000, changed: 200 },
  undo: { records: 300, writesPerMinute: 3000 },
  account: { rows: 1000, contracts: 500, contacts: 5000, writesPerMinute: 3000 },
};

export const SECTIONS = [
  'csv',
  'xlsx',
  'hostile',
  'paced',
  'hourly',
  'unpaced',
  'preflight',
  'export',
  'update',
  'undo',
  'account',
] as const;
export type Section = (typeof SECTIONS)[number];
