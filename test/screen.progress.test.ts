import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { ProgressListener, Tally } from '../src/engine/events.js';
import type { CommandIo } from '../src/engine/options.js';
import { startSandbox, type Sandbox } from '../src/sandbox/index.js';
import { MEASURABLE_MS } from '../src/screen/progressState.js';
import { writeContactsCsv } from './helpers/rows.js';
import { readSummary, runCli, tempDir, testEnv } from './helpers/run.js';
import type { Reading } from '../src/report/reading.js';
import { createProgress, type Every, type ScreenStream } from '../src/screen/progress.js';
import { count } from '../src/screen/format.js';

/** A stream that records what is written, a terminal or not. */
function fakeStream(isTTY: boolean, columns = 120): ScreenStream & { text: string } {
  return {
    isTTY,
    columns,
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/** A clock and a timer the test moves by hand. */
function fakeTime() {
  let now = 0;
  const timers: { ms: number; next: number; fn: () => void; live: boolean }[] = [];
  const every: Every = (ms, fn) => {
    const timer = { ms, next: now + ms, fn, live: true };
    timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  return {
    now: () => now,
    every,
    /** Moves the clock on, firing every timer due on the way. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers
          .filter((t) => t.live && t.next <= end)
          .sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.ms;
        due.fn();
      }
      now = end;
    },
    live: () => timers.filter((t) => t.live).length,
  };
}

const tally = (done: number, created: number, existing: number, failed: number): Tally => ({
  done,
  created,
  existing,
  updated: 0,
  unchanged: 0,
  failed,
});

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

describe('progress on a terminal', () => {
  it('draws one line in place: rows read per second, then the upload bar with pace and ETA', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });

    time.advance(500);
    progress.checking?.(500);
    time.advance(1000);
    progress.checking?.(1500);
    time.advance(1000);
    progress.checking?.(2500);
    let frames = stream.text.split('\r').filter(Boolean);
    expect(frames.at(-1)?.trim()).toBe('Checking the file: 2,500 rows read · 1,000 rows/s');
    expect(stream.text).not.toContain('\n'); // redrawn in place, never scrolled

    progress.uploading?.(1000);
    for (let done = 1; done <= 100; done += 1) {
      time.advance(600); // 100 rows a minute
      progress.rowDone?.(tally(done, done - 10 > 0 ? done - 10 : 0, 0, Math.min(done, 10)));
    }
    frames = stream.text.split('\r').filter(Boolean);
    const last = frames.at(-1) ?? '';
    expect(last.replaceAll(new RegExp(ANSI, 'g'), '')).toMatch(
      /^█{3}░{27} 10% 100\/1,000 rows · 90 created · 10 failed · 100 rows\/min · ETA 9 min\s*$/,
    );
    expect(last).toMatch(ANSI); // colour allowed: no NO_COLOR
    expect(stream.text).not.toContain('\n');

    progress.finished?.();
    expect(stream.text.endsWith('\r')).toBe(true); // the line is cleared for the summary
    expect(time.live()).toBe(0);
  });

  it('sends no colour codes when NO_COLOR is set, and still redraws with \\r', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, {
      env: { NO_COLOR: '1' },
      now: time.now,
      every: time.every,
    });
    progress.uploading?.(10);
    time.advance(2000);
    progress.rowDone?.(tally(5, 3, 1, 1));
    time.advance(1000);
    progress.finished?.();
    expect(stream.text).toContain('\r');
    expect(stream.text).toContain('3 created · 1 existing · 1 failed');
    expect(stream.text).not.toContain('\u001b');
  });

  it('redraws at most every 100 ms however fast rows come, and every second anyway', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    progress.uploading?.(10_000);
    for (let done = 1; done <= 1000; done += 1) {
      time.advance(1); // 1000 rows in one second
      progress.rowDone?.(tally(done, done, 0, 0));
    }
    const frames = stream.text.split('\r').length - 1;
    expect(frames).toBeGreaterThanOrEqual(10);
    expect(frames).toBeLessThanOrEqual(12);
    const before = stream.text.length;
    time.advance(5000); // nothing happens, the server makes us wait: the pace still moves
    expect(stream.text.length).toBeGreaterThan(before);
    progress.stop();
  });

  it('fits a narrow terminal: the line never wraps', () => {
    const time = fakeTime();
    const stream = fakeStream(true, 50);
    const progress = createProgress(stream, {
      env: { NO_COLOR: '1' },
      now: time.now,
      every: time.every,
    });
    progress.uploading?.(123_456);
    time.advance(2500);
    progress.rowDone?.(tally(100_000, 90_000, 5_000, 5_000));
    for (const frame of stream.text.split('\r')) expect(frame.length).toBeLessThanOrEqual(49);
    expect(stream.text).toContain('81% 100,000/123,456 rows');
    progress.stop();
  });
});

describe('progress when stderr is not a terminal', () => {
  it('writes one plain line every 10 seconds, nothing in between, no \\r and no colour', () => {
    const time = fakeTime();
    const stream = fakeStream(false);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    for (let read = 500; read <= 9500; read += 1000) {
      progress.checking?.(read);
      time.advance(1000);
      if (read < 9500) expect(stream.text).toBe('');
    }
    expect(stream.text).toBe('Checking: 9,500 rows read, 1,000 rows/s\n');

    progress.uploading?.(200);
    for (let done = 1; done <= 20; done += 1) {
      time.advance(1000); // one row a second: 60 rows/min
      progress.rowDone?.(tally(done, done - 1, 1, 0));
    }
    const lines = stream.text.trimEnd().split('\n');
    expect(lines).toEqual([
      'Checking: 9,500 rows read, 1,000 rows/s',
      'Uploading: 9 of 200 rows (4%): 8 created, 1 existing, 0 failed; 60 rows/min, about 3 min 11 s left',
      'Uploading: 19 of 200 rows (9%): 18 created, 1 existing, 0 failed; 60 rows/min, about 3 min 1 s left',
    ]);
    expect(stream.text).not.toMatch(/\r/);
    expect(stream.text).not.toContain('\u001b');
    progress.finished?.();
    expect(time.live()).toBe(0);
    time.advance(60_000);
    expect(stream.text.trimEnd().split('\n')).toHaveLength(3);
  });

  it('with --verbose on a terminal, writes plain lines too, so log lines are not torn', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, {
      env: {},
      plain: true,
      now: time.now,
      every: time.every,
    });
    progress.uploading?.(10);
    time.advance(10_000);
    expect(stream.text).toMatch(/^Uploading: 0 of 10 rows \(0%\)/);
    expect(stream.text).not.toContain('\r');
    progress.stop();
  });

  it('says nothing before the run has anything to report', () => {
    const time = fakeTime();
    const stream = fakeStream(false);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    time.advance(30_000);
    expect(stream.text).toBe('');
    progress.stop();
  });
});

/** Issue 11's sheet, read with --mapping and --ignore-column, its dates inferred day first. */
const READING: Reading = {
  format: 'csv',
  encoding: 'windows-1252',
  encodingBy: 'text',
  delimiter: ';',
  headerRow: 1,
  columns: [
    { column: 'A', header: 'Contract', field: 'CoworkerContractId' },
    { column: 'B', header: 'Name', field: 'FullName' },
    { column: 'C', header: 'Type of contact', field: 'ContractContactType', note: 'by --mapping' },
    { column: 'D', header: 'Email addr', field: null, note: 'left out: --ignore-column' },
    { column: 'E', header: 'D.O.B.', field: 'DateOfBirth' },
    {
      column: 'F',
      header: 'Nationality',
      field: null,
      note: 'left out: matches no field, and is empty',
    },
    { column: 'G', header: '', field: null, note: 'no header: a value under it fails its row' },
    { column: 'H', header: 'AML check date', field: 'AmlCheckDate' },
  ],
  dateOrders: [
    { field: 'DateOfBirth', column: 'E', order: 'DMY', by: 'inferred' },
    { field: 'AmlCheckDate', column: 'H', order: null, by: 'not needed' },
  ],
};

const READING_TEXT = [
  'Reading the file as CSV, encoding windows-1252 (settled by its text), delimiter ";":',
  '  A  Contract         -> CoworkerContractId',
  '  B  Name             -> FullName',
  '  C  Type of contact  -> ContractContactType (by --mapping)',
  '  D  Email addr       -> left out: --ignore-column',
  '  E  D.O.B.           -> DateOfBirth; dates day first (DMY), inferred from the column',
  '  F  Nationality      -> left out: matches no field, and is empty',
  '  G  (no header)      -> no header: a value under it fails its row',
  '  H  AML check date   -> AmlCheckDate',
  '',
].join('\n');

describe('how the file was read, shown before anything is sent', () => {
  it('on a terminal: the checking line is cleared, the lines scroll above, the line comes back', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, {
      env: { NO_COLOR: '1' },
      now: time.now,
      every: time.every,
    });
    time.advance(500);
    progress.checking?.(500);
    const drawn = stream.text;
    expect(drawn).toBe('\rChecking the file: 500 rows read');
    progress.reading?.(READING);
    const after = stream.text.slice(drawn.length);
    // blanked with spaces, back to the start of the line, then the lines, then the line again
    expect(after).toBe(`\r${' '.repeat(32)}\r${READING_TEXT}\rChecking the file: 500 rows read`);
    progress.uploading?.(3);
    time.advance(2000);
    progress.rowDone?.(tally(1, 1, 0, 0));
    // later frames redraw the bar on its own line, below the reading
    expect(stream.text.slice(drawn.length + after.length)).not.toContain('\n');
    progress.finished?.();
  });

  it('not on a terminal: written at once as plain lines', () => {
    const time = fakeTime();
    const stream = fakeStream(false);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    progress.checking?.(500);
    progress.reading?.(READING);
    expect(stream.text).toBe(READING_TEXT);
    progress.stop();
  });

  it('names the worksheet of an XLSX, a header row below row 1, and an order not settled', () => {
    const stream = fakeStream(false);
    const progress = createProgress(stream, { env: {} });
    progress.reading?.({
      format: 'xlsx',
      sheet: 'Contacts 2026',
      headerRow: 3,
      columns: [
        { column: 'A', header: 'Contract', field: 'CoworkerContractId' },
        { column: 'B', header: 'First Name', field: 'FullName', note: 'with column C' },
        { column: 'C', header: 'Last Name', field: 'FullName', note: 'with column B' },
        { column: 'D', header: 'Born', field: 'DateOfBirth', note: 'by --mapping' },
      ],
      dateOrders: [{ field: 'DateOfBirth', column: 'D', order: null, by: 'not settled' }],
    });
    progress.stop();
    expect(stream.text).toBe(
      [
        'Reading the file as XLSX, worksheet "Contacts 2026", headers in row 3:',
        '  A  Contract    -> CoworkerContractId',
        '  B  First Name  -> FullName (with column C)',
        '  C  Last Name   -> FullName (with column B)',
        '  D  Born        -> DateOfBirth (by --mapping); day-month order not settled: dates like 05/06/1975 fail (pass --date-format)',
        '',
      ].join('\n'),
    );
  });
});

/** The frames a terminal showed, colour and padding taken off. */
function frames(stream: { text: string }): string[] {
  return stream.text
    .split('\r')
    .map((f) => f.replaceAll(new RegExp(ANSI, 'g'), '').trim())
    .filter(Boolean);
}

describe('the checking rate is true', () => {
  it('a short file: no rate while too little time has passed to measure, never 0 rows/s', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    progress.checking?.(0);
    time.advance(40); // 150 rows in 40 ms: a rate worked out over it could be 2% out
    progress.checked?.(150);
    time.advance(8_000); // preflight reads the account; the line stays up
    expect(frames(stream).at(-1)).toBe('Checked the file: 150 rows read');
    expect(stream.text).not.toMatch(/ 0 rows\/s/);
    progress.stop();
  });

  it('a short file read in measurable time: its average, kept while preflight runs', () => {
    const time = fakeTime();
    const stream = fakeStream(false);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    progress.checking?.(0);
    time.advance(300);
    progress.checked?.(150);
    time.advance(30_000);
    // 150 rows in 0.3 s; written once, not again every 10 s while nothing changes
    expect(stream.text).toBe('Checked: 150 rows read, 500 rows/s\n');
    progress.stop();
  });

  it('a big file: rows over the time spent reading them, at every frame and at the end', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    progress.checking?.(0);
    time.advance(2_000); // opening the file and its first rows take a while
    let read = 500;
    const reports: [number, number][] = [];
    progress.checking?.(read);
    reports.push([time.now(), read]);
    while (read < 20_000) {
      time.advance(read % 2000 === 0 ? 900 : 100); // uneven: the reader's chunks
      read += 500;
      progress.checking?.(read);
      reports.push([time.now(), read]);
    }
    time.advance(50);
    progress.checked?.(20_123);
    const end = time.now();
    reports.push([end, 20_123]);
    time.advance(5_000);
    const shown = frames(stream);
    for (const frame of shown) expect(frame).not.toMatch(/ 0 rows\/s/);
    // every rate shown is the rows of a report over the time from the start to that report
    const truths = new Set(reports.map(([at, rows]) => count(rows / (at / 1000))));
    const rates = shown.map((f) => / · ([\d,]+) rows\/s$/.exec(f)?.[1]).filter(Boolean);
    expect(rates.length).toBeGreaterThan(10);
    for (const rate of rates) expect(truths).toContain(rate);
    expect(shown.at(-1)).toBe(
      `Checked the file: 20,123 rows read · ${count(20_123 / (end / 1000))} rows/s`,
    );
  });

  it('a second pass over the file counts its rate from its own start', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    progress.checking?.(0);
    time.advance(10_000);
    progress.checking?.(500); // a slow first pass: 50 rows/s
    progress.checking?.(0); // dates turned late in the file: read again
    time.advance(500);
    progress.checking?.(1000);
    time.advance(10);
    expect(frames(stream).at(-1)).toBe('Checking the file: 1,000 rows read · 2,000 rows/s');
    progress.stop();
  });
});

describe('while Nexudus asks us to slow down', () => {
  const WAITING = 'waiting: Nexudus asked us to slow down';

  it('on a terminal: the bar says why it waits, and for how long, in place of the ETA', () => {
    const time = fakeTime();
    const stream = fakeStream(true, 80);
    const progress = createProgress(stream, {
      env: { NO_COLOR: '1' },
      now: time.now,
      every: time.every,
    });
    progress.uploading?.(100);
    for (let done = 1; done <= 10; done += 1) {
      time.advance(1000);
      progress.rowDone?.(tally(done, done, 0, 0));
    }
    time.advance(1000); // the last row came with the second's redraw: the next one shows it
    expect(frames(stream).at(-1)).toMatch(/ETA 1 min 30 s$/);
    progress.throttled?.(time.now() + 3000);
    // on 80 columns the reason fits whole: the counts but done/total give way to it
    expect(frames(stream).at(-1)).toBe(`█░░░░░░░░░ 10% 10/100 rows · ${WAITING} (3 s)`);
    time.advance(1000);
    expect(frames(stream).at(-1)).toContain(`${WAITING} (2 s)`);
    time.advance(2500); // the wait is over, the request sent again has no answer yet
    expect(frames(stream).at(-1)).toMatch(new RegExp(`${WAITING}$`));
    expect(frames(stream).at(-1)).not.toContain('ETA');
    progress.flowing?.();
    time.advance(100);
    progress.rowDone?.(tally(11, 11, 0, 0));
    time.advance(1000);
    expect(frames(stream).at(-1)).not.toContain('waiting');
    expect(frames(stream).at(-1)).toMatch(/ETA \d/);
    progress.stop();
  });

  it('not on a terminal: the line every 10 s says it, and the ETA comes back after', () => {
    const time = fakeTime();
    const stream = fakeStream(false);
    const progress = createProgress(stream, { env: {}, now: time.now, every: time.every });
    progress.uploading?.(200);
    for (let done = 1; done <= 9; done += 1) {
      time.advance(1000);
      progress.rowDone?.(tally(done, done, 0, 0));
    }
    progress.throttled?.(time.now() + 30_000);
    time.advance(20_000);
    progress.flowing?.();
    for (let done = 10; done <= 20; done += 1) {
      time.advance(1000);
      progress.rowDone?.(tally(done, done, 0, 0));
    }
    const lines = stream.text.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      new RegExp(`^Uploading: 9 of 200 rows .*; 60 rows/min, ${WAITING} \\(29 s\\)$`),
    );
    expect(lines[1]).toMatch(new RegExp(`^Uploading: 9 of 200 rows .*, ${WAITING} \\(19 s\\)$`));
    expect(lines.at(-1)).toMatch(/^Uploading: 1\d of 200 rows .*, about .* left$/);
    progress.stop();
  });
});

describe('a resumed run', () => {
  it('counts the whole file: the rows settled before are done from the start', () => {
    const time = fakeTime();
    const stream = fakeStream(true);
    const progress = createProgress(stream, {
      env: { NO_COLOR: '1' },
      now: time.now,
      every: time.every,
    });
    progress.uploading?.(150, tally(22, 20, 0, 2));
    expect(frames(stream).at(-1)).toMatch(/ 14% 22\/150 rows · 20 created · 2 failed$/);
    time.advance(1000);
    progress.rowDone?.(tally(23, 21, 0, 2));
    time.advance(1000);
    expect(frames(stream).at(-1)).toContain('15% 23/150 rows · 21 created · 2 failed');
    progress.stop();
  });
});

/** Runs the CLI in this process with `progress` listening, as the user's terminal would. */
async function runListened(
  argv: string[],
  cwd: string,
  env: Record<string, string>,
  progress: ProgressListener,
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.resume();
  const io: CommandIo = { cwd, env: testEnv(env), stdout, stderr, progress };
  const code = await main(argv, io);
  return { code, stdout: out };
}

describe('a real run over a real file', () => {
  it.each([
    ['a big file', 20_000],
    ['a short file', 150],
  ])('%s: the checking line ends with the rows over the time the check took', async (_, rows) => {
    const cwd = tempDir();
    const file = writeContactsCsv(cwd, rows);
    const stream = fakeStream(true);
    const seen: Record<string, number> = {};
    // The screen reads the clock as each event comes, and the test reads the same reading.
    let clock = Date.now();
    const drawn = createProgress(stream, { env: { NO_COLOR: '1' }, now: () => clock });
    const progress: ProgressListener = {
      checking(read) {
        clock = Date.now();
        if (read === 0) seen.start = clock;
        drawn.checking?.(read);
      },
      checked(read) {
        clock = seen.end = Date.now();
        drawn.checked?.(read);
        seen.frame = stream.text.length;
      },
      reading: (r) => drawn.reading?.(r),
      finished: () => drawn.finished?.(),
    };
    const run = await runListened(['validate', file, '--out', 'v'], cwd, {}, progress);
    expect(run.code).toBe(0);
    const spent = (seen.end ?? NaN) - (seen.start ?? NaN);
    const last = frames({ text: stream.text.slice(0, seen.frame) }).at(-1);
    expect(last).toBe(
      `Checked the file: ${count(rows)} rows read` +
        (spent >= MEASURABLE_MS ? ` · ${count((rows * 1000) / spent)} rows/s` : ''),
    );
    expect(stream.text).not.toMatch(/ 0 rows\/s/);
  });
});

describe('a resumed run, for real', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
  });

  it('its bar counts the file as the summary does, from the rows done before', async () => {
    sandbox = await startSandbox({ port: 0, writesPerMinute: false, requestsPerMinute: false });
    const env = { NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password };
    const cwd = tempDir();
    const file = writeContactsCsv(cwd, 12);
    // one row that fails the check, and one blank row among the data
    const lines = readFileSync(file, 'utf8').split('\r\n');
    lines.splice(3, 0, '', 'abc,Bad Contract,Director,Pending,bad@example.com');
    writeFileSync(file, lines.join('\r\n'));
    const fast = ['--writes-per-minute', '60000'];
    const first = await runCli(
      [
        'import',
        file,
        '--base-url',
        sandbox.url,
        '--out',
        'r',
        '--daily-write-limit',
        '5',
        ...fast,
      ],
      { cwd, env },
    );
    expect(first.code).toBe(3);

    let total = 0;
    let settled: Tally | undefined;
    let last: Tally | undefined;
    const resumed = await runListened(
      ['import', '--resume', 'r', ...fast, '--daily-write-limit', '100'],
      cwd,
      env,
      {
        uploading: (t, s) => {
          total = t;
          settled = s && { ...s };
        },
        rowDone: (t) => (last = { ...t }),
      },
    );
    expect(resumed.code).toBe(1); // the bad row
    const counts = readSummary(join(cwd, 'r')).counts;
    expect(counts).toMatchObject({ rows: 14, created: 12, failed: 1, blank: 1 });
    expect(total).toBe(counts.rows);
    // the 5 created before, the row the check failed and the blank row
    expect(settled).toEqual(tally(7, 5, 0, 1));
    expect(last).toEqual(tally(14, 12, 0, 1));
  });
});
