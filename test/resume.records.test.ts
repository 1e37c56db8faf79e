import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox/index.js';
import { Journal, readJournal } from '../src/upload/journal.js';
import { resumeState } from '../src/upload/resume.js';
import { countByName, writeContactsCsv } from './helpers/rows.js';
import { runCli, tempDir } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: 6000 }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});

const ROWS = 8;
const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });

/** A run of ROWS rows stopped by the daily write limit after 3 creates (exit 3): resumable. */
async function stoppedRun(): Promise<string> {
  const file = writeContactsCsv(cwd, ROWS);
  const run = await runCli(
    [
      'import',
      file,
      '--base-url',
      sandbox.url,
      '--out',
      'r',
      '--writes-per-minute',
      '6000',
      '--daily-write-limit',
      '3',
    ],
    { cwd, env: env() },
  );
  expect(run.code).toBe(3);
  return join(cwd, 'r');
}

function resume() {
  return runCli(['import', '--resume', 'r', '--daily-write-limit', '100'], { cwd, env: env() });
}

function expectEveryRowOnce(): void {
  const counts = countByName(
    sandbox.contacts().filter((r) => String(r.FullName).startsWith('Contact ')),
  );
  expect(counts.size).toBe(ROWS);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
}

/** A refusal a person can read: one line naming the file, exit 2, nothing sent. */
async function expectRefused(file: string, why: RegExp): Promise<void> {
  const requests = sandbox.stats().requests;
  const run = await resume();
  expect(run.code).toBe(2);
  expect(run.stderr.split('\n')).toHaveLength(2); // one line, then the end
  expect(run.stderr.startsWith(`${file} is damaged (`)).toBe(true);
  expect(run.stderr).toMatch(why);
  expect(run.stderr).not.toMatch(/bug/);
  expect(sandbox.stats().requests).toBe(requests);
}

describe('a journal whose last line a crash cut short', () => {
  it('is cut there, and the resume starts on a line of its own (nothing glued on, nothing lost)', async () => {
    const dir = await stoppedRun();
    const journal = join(dir, 'journal.ndjson');
    appendFileSync(journal, '{"event":"sending","sourceRow":6,"at":"2026-11-30T1');
    const resumed = await resume();
    expect(resumed.code).toBe(0);
    const text = readFileSync(journal, 'utf8');
    expect(text).not.toContain('"at":"2026-11-30T1{');
    expect(text.endsWith('\n')).toBe(true);
    // every line is whole: none lost to a torn neighbour
    for (const line of text.trimEnd().split('\n'))
      expect(() => JSON.parse(line), line).not.toThrow();
    const state = resumeState(readJournal(journal));
    expect(state.done.size).toBe(ROWS);
    expect(state.ambiguous.size).toBe(0);
    expectEveryRowOnce();
  });

  it('is not damage when it is all the journal holds', async () => {
    const dir = await stoppedRun();
    writeFileSync(join(dir, 'journal.ndjson'), '{"event":"send');
    const resumed = await resume();
    expect(resumed.code).toBe(0); // the 3 created rows are found as existing
    expectEveryRowOnce();
  });
});

describe('a damaged journal or run.json ends the resume with exit 2 and one sentence', () => {
  it('a null line in the journal', async () => {
    const dir = await stoppedRun();
    const journal = join(dir, 'journal.ndjson');
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines.splice(1, 0, 'null');
    writeFileSync(journal, lines.join('\n'));
    await expectRefused(journal, /line 2 is not an entry nexudus-import writes/);
  });

  it('a line of the journal that is not one of its entries', async () => {
    const dir = await stoppedRun();
    const journal = join(dir, 'journal.ndjson');
    appendFileSync(
      journal,
      '{"event":"outcome","sourceRow":4}\n{"event":"sending","sourceRow":5,"at":"2026-11-30T10:00:00Z"}\n',
    );
    await expectRefused(journal, /line \d+ is not an entry/);
  });

  it.each([
    ['not JSON', (text: string) => text.slice(0, 40), /it is not valid JSON/],
    [
      'a field missing',
      (text: string) => JSON.stringify({ ...JSON.parse(text), sha256: undefined }),
      /its "sha256" is missing/,
    ],
    [
      'an option of the wrong kind',
      (text: string) => {
        const record = JSON.parse(text) as { options: Record<string, unknown> };
        record.options.writesPerMinute = 'fast';
        return JSON.stringify(record);
      },
      /its "options\.writesPerMinute" is missing or not what nexudus-import writes/,
    ],
    ['null', () => 'null', /it is not a run record|is missing/],
  ])('run.json %s', async (_name, damage, why) => {
    const dir = await stoppedRun();
    const record = join(dir, 'run.json');
    writeFileSync(record, damage(readFileSync(record, 'utf8')));
    await expectRefused(record, why);
  });
});

describe('Journal', () => {
  it.each([
    ['', ''],
    ['{"a":1}\n', '{"a":1}\n'],
    ['{"a":1}\n{"b":', '{"a":1}\n'],
    ['{"b":', ''],
    [`{"a":1}\n${'x'.repeat(150_000)}`, '{"a":1}\n'],
  ])('cuts a torn last line before it appends (%#)', (before, kept) => {
    const path = join(tempDir(), 'journal.ndjson');
    writeFileSync(path, before);
    {
      using journal = new Journal(path);
      journal.sending(7);
    }
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(kept)).toBe(true);
    expect(JSON.parse(text.slice(kept.length))).toMatchObject({ event: 'sending', sourceRow: 7 });
  });
});
