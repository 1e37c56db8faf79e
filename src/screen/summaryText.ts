import type { ImportOptions } from '../engine/options.js';
import { RECORD_RESULTS } from '../outcome.js';
import type { Summary } from '../report/summary.js';
import { count, elapsed } from './format.js';
import { readAsText } from './readingText.js';
import { shellWord } from '../shellWord.js';
import { nextStep, shownFile, shownFolder, shownPath, undoHint } from './nextCommand.js';

/**
 * The summary printed at the end of a run (SPEC "On screen"): why it stopped, if it stopped
 * early (first, so it is not lost below the command), the counts in SPEC's words, the time, what
 * is where in the results folder, and the exact command to run next (always the last line).
 */
export function summaryText(summary: Summary, options: ImportOptions, cwd: string): string {
  const c = summary.counts;
  const dry = summary.dryRun;
  const stoppedEarly = summary.exitCode === 3 || summary.exitCode === 130;
  // A run that continued a results folder took only the rows that folder left: say which.
  const file = summary.continues
    ? `${shownFile(summary, options, cwd)}, continuing ${shellWord(shownPath(summary.continues, cwd))}`
    : shownFile(summary, options, cwd);
  // A dry run that reached the account read it with GETs; one offline sent nothing at all.
  const readAccount = summary.planned !== undefined || summary.preflightRequests > 0;
  const dryNote = readAccount ? 'dry run: nothing was written' : 'dry run: nothing was sent';
  const title = dry
    ? stoppedEarly
      ? `Stopped checking ${file} before the end (${dryNote})`
      : `Checked ${file} (${dryNote})`
    : stoppedEarly
      ? `Stopped importing ${file} before the end`
      : `Imported ${file}`;
  // Stopped before the whole file was read: the rows known so far (see Counts.rows).
  const partial = summary.stoppedAt === 'login' || summary.stoppedAt === 'checking';

  // Created and existing always; updated and unchanged once a row ended so (an update run).
  const recorded = RECORD_RESULTS.filter((r) => r === 'created' || r === 'existing' || c[r] > 0);
  const table: [string, string][] = [
    [partial ? 'rows so far' : 'rows', count(c.rows)],
    ...(dry
      ? summary.planned
        ? ([
            // What the import would do, as the account stands now.
            ['would create', count(summary.planned.create)],
            ...(options.update ? [['would update', count(summary.planned.update)]] : []),
            ['already in Nexudus', count(c.existing + c.unchanged)],
          ] as [string, string][])
        : ([['valid (not sent)', count(c.notAttempted)]] as [string, string][])
      : recorded.map((r): [string, string] => [r, count(c[r])])),
    ['failed', count(c.failed)],
    ['blank', count(c.blank)],
    ...(!dry && c.notAttempted > 0
      ? ([['not attempted', count(c.notAttempted)]] as [string, string][])
      : []),
    ['time', elapsed(summary.seconds)],
    ...(dry ? [] : ([['writes used', count(summary.writesUsed)]] as [string, string][])),
  ];
  const labels = Math.max(...table.map(([label]) => label.length));
  const values = Math.max(...table.map(([, value]) => value.length));

  const folder = shownFolder(summary, options, cwd);
  const inNexudus = RECORD_RESULTS.reduce((sum, r) => sum + c[r], 0);
  const reports: [string, string][] = [
    [
      'errors.xlsx, errors.csv',
      c.failed === 0
        ? 'no failed rows'
        : `the ${plural(c.failed, 'failed row')} and why (wrong cells in red in errors.xlsx)`,
    ],
    [
      'created.csv',
      dry && !summary.planned
        ? 'empty: nothing was sent'
        : `the ${plural(inNexudus, 'row')} in Nexudus${dry ? ' already' : ''}, with ${inNexudus === 1 ? 'its Id' : 'their Ids'}`,
    ],
    ...(options.update
      ? ([
          [
            'changes.csv',
            dry
              ? summary.planned
                ? `each field the ${plural(summary.planned.update, 'row')} to update would change, Before and After`
                : 'empty: the account was not read'
              : `each field changed in the ${plural(c.updated, 'updated row')}, Before and After`,
          ],
        ] as [string, string][])
      : []),
    ['summary.json, import.log', 'the counts and the log of the run'],
  ];
  const names = Math.max(...reports.map(([name]) => name.length));

  const lines = [
    ...(stoppedEarly && summary.stopped ? [summary.stopped, ''] : []),
    title,
    ...(summary.reading ? [`  read as ${readAsText(summary.reading)}`] : []),
    ...(summary.unchecked ? [`  ${summary.unchecked}`] : []),
    ...table.map(([label, value]) => `  ${label.padEnd(labels)}  ${value.padStart(values)}`),
    '',
    `Reports in ${shellWord(folder)}`,
    ...reports.map(([name, what]) => `  ${name.padEnd(names)}  ${what}`),
  ];
  // The next command is the last line (it is run as printed): the way back comes before it.
  const undo = undoHint(summary, options, cwd);
  if (undo) lines.push('', undo);
  const next = nextStep(summary, options, cwd);
  if (next) lines.push('', next.text, `  ${next.command}`);
  return `${lines.join('\n')}\n`;
}

/** Prints {@link summaryText} on `out` (stdout: the summary is the run's answer). */
export function printSummary(
  summary: Summary,
  options: ImportOptions,
  out: NodeJS.WritableStream,
  cwd: string,
): void {
  out.write(summaryText(summary, options, cwd));
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}
