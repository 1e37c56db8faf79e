import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportOptions } from '../src/engine/options.js';
import { RECORD_RESULTS, RESULTS, type Outcome } from '../src/outcome.js';
import { countsOf, resultsOf, type Summary } from '../src/report/summary.js';
import { barLine, plainLine } from '../src/screen/progressText.js';
import { summaryText } from '../src/screen/summaryText.js';
import { Journal, readJournal } from '../src/upload/journal.js';
import { resumeState } from '../src/upload/resume.js';
import { tempDir } from './helpers/run.js';

/** One outcome of each result, rows 2, 3, …: what an update run could end with. */
const outcomes: Outcome[] = RESULTS.map((result, i) =>
  result === 'failed'
    ? { sourceRow: i + 2, row: i + 2, result, problems: [] }
    : { sourceRow: i + 2, row: i + 2, result, id: 100 + i },
);

describe('every result of a row is carried through', () => {
  it('counts each result once, and the counts add up to the rows', () => {
    const counts = countsOf(resultsOf(outcomes), 10, 1);
    for (const result of RESULTS) expect(counts[result]).toBe(1);
    expect(counts.notAttempted).toBe(10 - 1 - RESULTS.length);
  });

  it('journals each result and a resume takes every one but failed as done', () => {
    const path = join(tempDir(), 'journal.ndjson');
    {
      using journal = new Journal(path);
      for (const outcome of outcomes) journal.outcome(outcome);
    }
    const state = resumeState(readJournal(path));
    expect([...state.done.values()].map((o) => o.result)).toEqual([...RECORD_RESULTS]);
  });

  it('shows updated and unchanged on screen once a row ended so, and not before', () => {
    const tally = { done: 6, created: 1, existing: 1, updated: 2, unchanged: 1, failed: 1 };
    const view = { phase: 'uploading', total: 10, tally } as const;
    expect(plainLine(view)).toBe(
      'Uploading: 6 of 10 rows (60%): 1 created, 1 existing, 2 updated, 1 unchanged, 1 failed',
    );
    expect(barLine(view, 200, false)).toContain(
      '1 created · 1 existing · 2 updated · 1 unchanged · 1 failed',
    );
    const createOnly = { ...tally, updated: 0, unchanged: 0, done: 3 };
    expect(plainLine({ ...view, tally: createOnly })).not.toMatch(/updated|unchanged/);
    expect(barLine({ ...view, tally: createOnly }, 200, false)).not.toMatch(/updated|unchanged/);

    const counts = { rows: 8, created: 1, existing: 1, updated: 2, unchanged: 1, failed: 1 };
    const text = summaryText(summaryOf({ ...counts, blank: 1, notAttempted: 1 }), OPTIONS, '/w');
    expect(text).toMatch(/^ {2}updated +2$/m);
    expect(text).toMatch(/^ {2}unchanged +1$/m);
    expect(text).toContain('the 5 rows in Nexudus, with their Ids');
    const plain = summaryText(
      summaryOf({ ...counts, updated: 0, unchanged: 0, blank: 1, notAttempted: 4 }),
      OPTIONS,
      '/w',
    );
    expect(plain).not.toMatch(/updated|unchanged/);
  });
});

const OPTIONS: ImportOptions = {
  file: 'contacts.csv',
  sandbox: false,
  dryRun: false,
  concurrency: 2,
  writesPerMinute: 60,
  requestsPerMinute: 120,
  dailyWriteLimit: 5000,
  waitForQuota: false,
  allowDuplicates: false,
  json: false,
  verbose: false,
  quiet: false,
};

function summaryOf(counts: Summary['counts']): Summary {
  return {
    file: '/w/contacts.csv',
    resultsFolder: '/w/r',
    dryRun: false,
    options: {},
    started: '2025-01-01T09:00:00.000Z',
    finished: '2025-01-01T09:00:05.000Z',
    seconds: 5,
    counts,
    writesUsed: 3,
    throttled: 0,
    retries: 0,
    preflightRequests: 3,
    exitCode: 1,
  };
}
