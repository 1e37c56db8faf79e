import { relative } from 'node:path';
import type { ImportOptions } from '../commands/options.js';
import type { Summary } from '../report/summary.js';

/**
 * The table printed at the end of a run (SPEC "On screen"): counts, time, where the reports
 * are, and the exact command to run next.
 */
export function printSummary(
  summary: Summary,
  options: ImportOptions,
  out: NodeJS.WritableStream,
  cwd: string,
): void {
  const c = summary.counts;
  const folder = relative(cwd, summary.resultsFolder) || '.';
  const rows: [string, number | string][] = [
    ['rows', c.rows],
    [summary.dryRun ? 'valid (not sent)' : 'created', summary.dryRun ? c.notAttempted : c.created],
    ...(summary.dryRun ? [] : ([['already there', c.existing]] as [string, number][])),
    ['failed', c.failed],
    ['blank', c.blank],
    ...(!summary.dryRun && c.notAttempted > 0
      ? ([['not attempted', c.notAttempted]] as [string, number][])
      : []),
    ['time', `${summary.seconds} s`],
    ...(summary.dryRun ? [] : ([['writes used', summary.writesUsed]] as [string, number][])),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `${summary.dryRun ? 'Checked' : 'Imported'} ${relative(cwd, summary.file) || summary.file}${summary.dryRun ? ' (dry run: nothing was sent)' : ''}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    `Reports: ${folder}/`,
  ];
  const target = options.sandbox
    ? ' --sandbox'
    : options.baseUrl
      ? ` --base-url ${options.baseUrl}`
      : '';
  if (c.failed > 0) {
    lines.push(
      `Fix the rows in ${folder}/errors.csv, then import that file again:`,
      `  npx nexudus-import ${summary.dryRun ? 'validate' : 'import'} ${folder}/errors.csv${summary.dryRun ? '' : target}`,
    );
  }
  out.write(`${lines.join('\n')}\n`);
}
