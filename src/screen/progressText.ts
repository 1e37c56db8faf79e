import type { Tally } from '../engine/events.js';
import { RESULTS, type Result } from '../outcome.js';
import { count, duration } from './format.js';
import type { ProgressView } from './progressState.js';

type Uploading = Extract<ProgressView, { phase: 'uploading' }>;
type Reading = Extract<ProgressView, { phase: 'checking' | 'checked' }>;

/** Said in place of the ETA while Nexudus holds the writes back (409/429 with Retry-After). */
export const THROTTLED_TEXT = 'waiting: Nexudus asked us to slow down';

/** ANSI colours, only where the caller allows them (a terminal, no NO_COLOR). */
const GREEN = (s: string) => `\u001b[32m${s}\u001b[39m`;
const RED = (s: string) => `\u001b[31m${s}\u001b[39m`;

function percent(view: Uploading): number {
  return view.total === 0 ? 100 : Math.floor((100 * view.tally.done) / view.total);
}

function pace(view: Uploading): string {
  return view.perMinute === undefined ? '' : `${count(view.perMinute)} rows/min`;
}

/**
 * The results a line names, in the order of RESULTS: those in `always`, and any other once a row
 * ended so (a run that only creates shows no `updated` or `unchanged`).
 */
function shownResults(tally: Readonly<Tally>, always: readonly Result[]): Result[] {
  return RESULTS.filter((r) => always.includes(r) || tally[r] > 0);
}

/** `12 created` */
function resultText(tally: Readonly<Tally>, result: Result): string {
  return `${count(tally[result])} ${result}`;
}

function eta(view: Uploading): string {
  if (view.tally.done >= view.total) return '';
  return view.etaSeconds === undefined ? '' : duration(view.etaSeconds);
}

/** `waiting: Nexudus asked us to slow down (3 s)`, while throttled; else ''. */
function waiting(view: Uploading): string {
  if (!view.throttled) return '';
  const { seconds } = view.throttled;
  return seconds === undefined ? THROTTLED_TEXT : `${THROTTLED_TEXT} (${duration(seconds)})`;
}

/** `Checking the file: 2,500 rows read`, or `Checked the file: …` once the pass is over. */
function readingLine(view: Reading, separator: string, short: boolean): string {
  const verb = view.phase === 'checked' ? 'Checked' : 'Checking';
  const rate = view.perSecond === undefined ? '' : `${separator}${count(view.perSecond)} rows/s`;
  return `${verb}${short ? '' : ' the file'}: ${count(view.rowsRead)} rows read${rate}`;
}

/**
 * One line for a log or a pipe (not a terminal), written every few seconds. Undefined when there
 * is nothing to say yet.
 */
export function plainLine(view: ProgressView): string | undefined {
  if (view.phase === 'checking' || view.phase === 'checked') return readingLine(view, ', ', true);
  if (view.phase !== 'uploading') return undefined;
  const { tally } = view;
  const wait = waiting(view);
  const when = eta(view);
  const rate = pace(view);
  return (
    `Uploading: ${count(tally.done)} of ${count(view.total)} rows (${percent(view)}%): ` +
    shownResults(tally, ['created', 'existing', 'failed'])
      .map((r) => resultText(tally, r))
      .join(', ') +
    (rate ? `; ${rate}` : '') +
    (wait ? `${rate ? ',' : ';'} ${wait}` : when ? `, about ${when} left` : '')
  );
}

/** The bar's width for a terminal this wide: fixed for a run, so it does not jump about. */
export function barWidth(columns: number): number {
  if (columns >= 120) return 30;
  if (columns >= 100) return 20;
  return columns >= 80 ? 10 : 0;
}

/**
 * The progress bar's line, fitted to `columns` (a line that wraps cannot be redrawn in place):
 * a bar of fixed width, then the numbers; on a narrow terminal the less important numbers go.
 */
export function barLine(view: ProgressView, columns: number, colour: boolean): string | undefined {
  const room = Math.max(20, columns - 1);
  if (view.phase === 'checking' || view.phase === 'checked') {
    return fit(readingLine(view, ' · ', false), room);
  }
  if (view.phase !== 'uploading') return undefined;
  const { tally } = view;
  const width = barWidth(columns);
  const failed = resultText(tally, 'failed');
  const always: readonly Result[] = ['created', 'failed'];
  const results = shownResults(tally, always);
  // While Nexudus holds the writes back, the ETA (which only grows) gives way to why.
  const wait = waiting(view);
  const when = wait || (eta(view) && `ETA ${eta(view)}`);
  const parts = [
    `${percent(view)}% ${count(tally.done)}/${count(view.total)} rows`,
    ...results.map((r) => resultText(tally, r)),
    pace(view),
    when,
  ].filter((p) => p !== '');
  const textRoom = room - (width > 0 ? width + 1 : 0);
  // Least important first to go when the terminal is narrow: the results but created and failed,
  // the pace, then the ETA; while throttled, created and failed go before the reason for the wait.
  const droppable = results.filter((r) => !always.includes(r)).map((r) => resultText(tally, r));
  const last = wait ? always.map((r) => resultText(tally, r)) : [when];
  for (const drop of [...droppable, pace(view), ...last]) {
    if (parts.join(' · ').length <= textRoom) break;
    const at = parts.indexOf(drop);
    if (at >= 0) parts.splice(at, 1);
  }
  const text = fit(parts.join(' · '), textRoom);
  const painted = colour && tally.failed > 0 ? text.replace(failed, RED(failed)) : text;
  if (width === 0) return painted;
  const filled = view.total === 0 ? width : Math.round((width * tally.done) / view.total);
  const full = '█'.repeat(filled);
  return `${colour && filled > 0 ? GREEN(full) : full}${'░'.repeat(width - filled)} ${painted}`;
}

function fit(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, room - 1)}…`;
}
