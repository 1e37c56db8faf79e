import type { UndoPreview, UndoRun } from '../engine/runUndo.js';
import type { UndoStep } from '../undo/undoCheck.js';
import type { UndoSummary } from '../undo/undoReport.js';
import { shellWord } from '../shellWord.js';
import { count, elapsed } from './format.js';
import { shownPath } from './nextCommand.js';

/** How many contacts of each kind the preview names before "and N more". */
export const PREVIEW_NAMES = 5;

/**
 * What undo will do, before it does it: counts, then the first few contacts of each kind by
 * name, Id and contract (SPEC "Undo": shown, then asked).
 */
export function undoPreviewText(preview: UndoPreview, cwd: string, force: boolean): string {
  const folder = shownPath(preview.runFolder, cwd);
  const groups: [string, UndoStep[]][] = [
    ['to delete (created by the run)', preview.steps.filter((s) => s.kind === 'delete')],
    ['to restore (updated by the run)', preview.steps.filter((s) => s.kind === 'restore')],
    [
      `changed since the run, left alone${force ? '' : ' (--force takes them back)'}`,
      settled(preview, 'changed since'),
    ],
    ['gone already', settled(preview, 'gone')],
    ['already as before the run', settled(preview, 'restored')],
    ['cannot be told', settled(preview, 'failed')],
  ];
  const lines = [`Taking back the run in ${shellWord(folder)}:`];
  if (preview.doneBefore > 0)
    lines.push(`  ${count(preview.doneBefore)} taken back already by this undo's earlier run`);
  for (const [label, steps] of groups) {
    if (steps.length === 0) continue;
    lines.push(`  ${count(steps.length)} ${label}`);
    for (const step of steps.slice(0, PREVIEW_NAMES)) lines.push(`      ${contactText(step)}`);
    if (steps.length > PREVIEW_NAMES)
      lines.push(`      and ${count(steps.length - PREVIEW_NAMES)} more`);
  }
  return `${lines.join('\n')}\n`;
}

function settled(preview: UndoPreview, result: string): UndoStep[] {
  return preview.steps.filter((s) => s.kind === 'settled' && s.result === result);
}

/** `Jane Doe (Id 1234, contract 1201): why` */
function contactText(step: UndoStep): string {
  const about = [
    ...(step.id !== undefined ? [`Id ${step.id}`] : []),
    ...(step.contractId !== undefined ? [`contract ${step.contractId}`] : []),
  ].join(', ');
  const name = step.name ?? `row ${step.row}`;
  return `${name}${about ? ` (${about})` : ''}${step.reason ? `: ${step.reason}` : ''}`;
}

/** `Taking back: 120 of 3,000 contacts (118 deleted, 2 restored)` */
export function undoProgressText(
  done: number,
  total: number,
  counts: Readonly<Record<string, number>>,
): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([result, n]) => `${count(n)} ${result}`);
  return `Taking back: ${count(done)} of ${count(total)} contacts${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/**
 * The summary at the end of an undo: why it stopped, if it stopped early, then the counts, and
 * the command to run next when there is one (the last line).
 */
export function undoSummaryText(run: UndoRun, cwd: string): string {
  const summary = run.summary;
  if (!summary)
    return 'The run in that folder created and updated nothing: there is nothing to take back.\n';
  const c = summary.counts;
  const runFolder = shownPath(summary.runFolder, cwd, run.options.dir);
  const stoppedEarly = summary.exitCode === 3 || summary.exitCode === 130;
  const title = summary.dryRun
    ? `Dry run of undo of ${runFolder}: nothing was sent`
    : stoppedEarly
      ? `Stopped taking back ${runFolder} before the end`
      : `Took back ${runFolder}`;
  const table: [string, number][] = [
    ['contacts the run wrote', c.contacts],
    ...(summary.dryRun
      ? ([['to take back', c.notAttempted]] as [string, number][])
      : ([
          ['deleted', c.deleted],
          ['restored', c.restored],
        ] as [string, number][])),
    ['gone', c.gone],
    ['changed since', c.changedSince],
    ['failed', c.failed],
    ...(!summary.dryRun && c.notAttempted > 0
      ? ([['not attempted', c.notAttempted]] as [string, number][])
      : []),
  ];
  const labels = Math.max(...table.map(([l]) => l.length), 'writes used'.length);
  const rows: [string, string][] = [
    ...table.map(([l, v]): [string, string] => [l, count(v)]),
    ['time', elapsed(summary.seconds)],
    ...(summary.dryRun ? [] : ([['writes used', count(summary.writesUsed)]] as [string, string][])),
  ];
  const values = Math.max(...rows.map(([, v]) => v.length));
  const reason = stoppedEarly ? (summary.stopped ?? run.stopped?.message) : undefined;
  const lines = [
    ...(reason ? [reason, ''] : []),
    title,
    ...rows.map(([l, v]) => `  ${l.padEnd(labels)}  ${v.padStart(values)}`),
  ];
  if (summary.undoFolder) {
    lines.push(
      '',
      `Reports in ${shellWord(shownPath(summary.undoFolder, cwd))}`,
      '  undo.csv                  each contact the run wrote, what undo did and why',
      '  summary.json, undo.log    the counts and the log of the undo',
    );
  }
  const next = undoNext(summary, runFolder, cwd, run.options.force);
  if (next) lines.push('', next.text, `  ${next.command}`);
  return `${lines.join('\n')}\n`;
}

function undoNext(
  summary: UndoSummary,
  runFolder: string,
  cwd: string,
  force: boolean,
): { text: string; command: string } | undefined {
  const npx = (...words: string[]) => ['npx', 'nexudus-import', ...words.map(shellWord)].join(' ');
  const c = summary.counts;
  if (summary.exitCode === 3 || summary.exitCode === 130) {
    if (!summary.undoFolder) return undefined;
    return {
      text: 'To carry on where the undo stopped (what is done is not sent again):',
      command: npx('undo', '--resume', shownPath(summary.undoFolder, cwd)),
    };
  }
  if (summary.dryRun && c.notAttempted > 0)
    return { text: 'To take it back:', command: npx('undo', runFolder) };
  if (summary.dryRun) return undefined;
  if (c.failed > 0)
    return {
      text: 'To try the failed ones again (what is gone already is found gone):',
      command: npx('undo', runFolder, ...(force ? ['--force'] : [])),
    };
  if (c.changedSince > 0 && !force)
    return {
      text: 'To take back the contacts changed since the run as well (check undo.csv first):',
      command: npx('undo', runFolder, '--force'),
    };
  return undefined;
}
