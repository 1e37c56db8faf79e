import type { ProgressListener, Tally } from '../engine/events.js';
import type { Reading } from '../report/reading.js';
import { ProgressState } from './progressState.js';
import { readingText } from './readingText.js';
import { barLine, plainLine } from './progressText.js';

/** A stream the screen writes to; `isTTY` and `columns` are there when it is a terminal. */
export interface ScreenStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Calls `fn` every `ms` until the returned function is called. */
export type Every = (ms: number, fn: () => void) => () => void;

export interface ProgressOptions {
  /** The environment, for NO_COLOR and TERM. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Log lines go to the same stream (--verbose): a bar redrawn in place would be torn by them,
   * so plain lines are written instead, as when the stream is not a terminal.
   */
  readonly plain?: boolean;
  /** The clock, in ms; default Date.now. */
  readonly now?: () => number;
  /** The timer; default setInterval, unref'd so it never keeps the process alive. */
  readonly every?: Every;
}

/** A ProgressListener that draws; `stop()` clears what it drew and stops its timer. */
export interface ProgressRenderer extends ProgressListener {
  stop(): void;
  /** A line for the user (what a Ctrl-C does), written above the bar without tearing it. */
  note(text: string): void;
}

/** How often a plain line is written, and how often the bar is redrawn at most / at least. */
export const LINE_EVERY_MS = 10_000;
const BAR_MIN_MS = 100;
const BAR_TICK_MS = 1_000;

/**
 * The run's progress on stderr (SPEC "On screen"): on a terminal, one line redrawn in place
 * (rows read per second while checking; a bar with rows done/total, created, failed, pace and
 * ETA while uploading, or why the writes wait while Nexudus holds them back); otherwise one plain
 * line every 10 seconds. How the file was read is
 * written once, as lines that scroll, above the bar.
 */
export function createProgress(stream: ScreenStream, options: ProgressOptions): ProgressRenderer {
  const now = options.now ?? Date.now;
  const every = options.every ?? intervalTimer;
  const state = new ProgressState(now);
  return stream.isTTY === true && !options.plain
    ? new TerminalProgress(stream, state, now, every, colourAllowed(options.env))
    : new PlainProgress(stream, state, every);
}

/** NO_COLOR (no-color.org: set and not empty) and dumb terminals get no ANSI colour. */
export function colourAllowed(env: Readonly<Record<string, string | undefined>>): boolean {
  return !env.NO_COLOR && env.TERM !== 'dumb';
}

const intervalTimer: Every = (ms, fn) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** Forwards the callbacks to the state; subclasses decide when to draw. */
abstract class Renderer implements ProgressRenderer {
  constructor(protected readonly state: ProgressState) {}
  /** `now`: a change the line must show at once (the check's end, a throttle starting or ending). */
  protected abstract changed(now?: boolean): void;
  abstract stop(): void;
  abstract reading(reading: Reading): void;
  abstract note(text: string): void;

  checking(rowsRead: number): void {
    this.state.checking(rowsRead);
    this.changed();
  }
  checked(rows: number): void {
    this.state.checked(rows);
    this.changed(true);
  }
  uploading(total: number, settled?: Readonly<Tally>): void {
    this.state.uploading(total, settled);
    this.changed();
  }
  rowDone(tally: Readonly<Tally>): void {
    this.state.rowDone(tally);
    this.changed();
  }
  throttled(untilMs: number): void {
    this.state.throttled(untilMs);
    this.changed(true);
  }
  flowing(): void {
    this.state.flowing();
    this.changed(true);
  }
  finished(): void {
    this.state.finished();
    this.stop();
  }
}

/** Not a terminal (a log file, CI): a plain line every 10 s while there is work going on. */
class PlainProgress extends Renderer {
  private cancel: (() => void) | undefined;
  /** The line written last: the same again (a long preflight after the check) is not repeated. */
  private written: string | undefined;

  constructor(
    private readonly stream: ScreenStream,
    state: ProgressState,
    every: Every,
  ) {
    super(state);
    this.cancel = every(LINE_EVERY_MS, () => {
      const line = plainLine(this.state.view());
      if (!line || line === this.written) return;
      this.stream.write(`${line}\n`);
      this.written = line;
    });
  }

  protected changed(): void {}

  reading(reading: Reading): void {
    this.stream.write(readingText(reading));
  }

  note(text: string): void {
    this.stream.write(`${text}\n`);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}

/**
 * A terminal: one line, redrawn with `\r` at most every 100 ms as rows come in, and every
 * second anyway (the pace and ETA move while the server makes us wait). The line is padded to
 * the length of the one before, instead of an erase-line escape, so nothing but `\r` and, when
 * allowed, colour is sent.
 */
class TerminalProgress extends Renderer {
  private cancel: (() => void) | undefined;
  private lastDraw = -Infinity;
  private drawnLength = 0;

  constructor(
    private readonly stream: ScreenStream,
    state: ProgressState,
    private readonly now: () => number,
    every: Every,
    private readonly colour: boolean,
  ) {
    super(state);
    this.cancel = every(BAR_TICK_MS, () => this.draw());
  }

  protected changed(now = false): void {
    if (now || this.now() - this.lastDraw >= BAR_MIN_MS) this.draw();
  }

  /** Lines that scroll: the bar's line is cleared first, and drawn again below them. */
  reading(reading: Reading): void {
    this.clear();
    this.stream.write(readingText(reading));
    this.draw();
  }

  note(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
    if (this.cancel) this.draw();
  }

  private draw(): void {
    const columns = this.stream.columns && this.stream.columns > 0 ? this.stream.columns : 80;
    const line = barLine(this.state.view(), columns, this.colour);
    if (line === undefined) return;
    this.lastDraw = this.now();
    const length = visibleLength(line);
    this.stream.write(`\r${line}${' '.repeat(Math.max(0, this.drawnLength - length))}`);
    this.drawnLength = length;
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.clear();
  }

  private clear(): void {
    if (this.drawnLength > 0) this.stream.write(`\r${' '.repeat(this.drawnLength)}\r`);
    this.drawnLength = 0;
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}
