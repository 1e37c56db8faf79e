import { isAbsolute, relative } from 'node:path';
import type { ImportOptions } from '../engine/options.js';
import type { Summary } from '../report/summary.js';
import { shellWord } from '../shellWord.js';

/** A path as the user would type it: as given, else relative to where they are, if inside. */
export function shownPath(path: string, cwd: string, typed?: string): string {
  if (typed !== undefined) return typed;
  const near = relative(cwd, path);
  return near && !near.startsWith('..') && !isAbsolute(near) ? near : path;
}

/** The results folder as the user typed it (`--out`), or as short as it can be said. */
export function shownFolder(summary: Summary, options: ImportOptions, cwd: string): string {
  return shownPath(summary.resultsFolder, cwd, options.resume ? undefined : options.out);
}

/** The source file as the user typed it; a resume's recorded path, shortened. */
export function shownFile(summary: Summary, options: ImportOptions, cwd: string): string {
  // A resume's and a continued run's file is the recorded (absolute) path, not one typed now.
  const typed = options.resume || summary.continues ? undefined : options.file || undefined;
  return shownPath(summary.file, cwd, typed);
}

/**
 * The flags of a validate that stopped, as given, for checking the file again from the start:
 * where it reads the account, how the file is read, and what is checked. (After a finished run
 * the next command names the results folder, whose run.json holds them all.)
 */
function validateFlags(options: ImportOptions): string[] {
  const flags: string[] = [];
  // A validate reads the account whenever it can (docs/how-a-run-works.md): the same one again.
  if (options.sandbox) flags.push('--sandbox');
  if (options.baseUrl) flags.push('--base-url', options.baseUrl);
  if (options.offline) flags.push('--offline');
  if (options.sheet) flags.push('--sheet', options.sheet);
  if (options.encoding) flags.push('--encoding', options.encoding);
  if (options.delimiter) flags.push('--delimiter', options.delimiter);
  if (options.dateFormat) flags.push('--date-format', options.dateFormat);
  if (options.mapping) flags.push('--mapping', options.mapping);
  for (const header of options.ignoreColumns ?? []) flags.push('--ignore-column', header);
  if (options.allowDuplicates) flags.push('--allow-duplicates');
  if (options.update) flags.push('--update');
  if (options.clearBlank) flags.push('--clear-blank');
  return flags;
}

/** What to do next, in words, and the exact command; undefined when there is nothing to do. */
export interface NextStep {
  readonly text: string;
  readonly command: string;
}

/**
 * The command to run after this run (SPEC "On screen"): resume a run that stopped early (exit 3
 * or 130); else `import DIR` (or `validate DIR` after a dry run), which takes the fixed errors
 * file for the failed rows and every other row the run did not finish, with the options DIR
 * recorded (docs/fix-loop.md); after a clean dry run, `import DIR`.
 */
export function nextStep(
  summary: Summary,
  options: ImportOptions,
  cwd: string,
): NextStep | undefined {
  const npx = (...words: string[]) => ['npx', 'nexudus-import', ...words.map(shellWord)].join(' ');
  const folder = shownFolder(summary, options, cwd);
  const stoppedEarly = summary.exitCode === 3 || summary.exitCode === 130;
  if (stoppedEarly && summary.dryRun && summary.continues) {
    // a check of a results folder's rows: check them again from that folder
    return {
      text: 'To check the rows again from the start:',
      command: npx('validate', shownPath(summary.continues, cwd)),
    };
  }
  if (stoppedEarly && summary.dryRun) {
    return {
      text: 'To check the file again from the start:',
      command: npx('validate', shownFile(summary, options, cwd), ...validateFlags(options)),
    };
  }
  if (stoppedEarly && !summary.dryRun) {
    return {
      text: 'To carry on where this run stopped (rows already done are skipped):',
      command: npx('import', '--resume', folder),
    };
  }
  const failed = summary.counts.failed;
  if (failed > 0) {
    const rows =
      failed === 1 ? 'the failed row' : `the ${failed.toLocaleString('en-US')} failed rows`;
    const fix = `Next: fix ${rows} in errors.xlsx or errors.csv (either), save`;
    return summary.dryRun
      ? { text: `${fix}, then check them again:`, command: npx('validate', folder) }
      : { text: `${fix}, then run:`, command: npx('import', folder) };
  }
  if (summary.dryRun && summary.exitCode === 0) {
    return { text: 'Every row checks out. To import them:', command: npx('import', folder) };
  }
  return undefined;
}

/**
 * After a real run that created or updated contacts, the one line that says how to take it
 * back (docs/undo.md); undefined after a dry run or a run that wrote nothing.
 * A --sandbox run is taken back in the sandbox's records (its data file keeps them).
 */
export function undoHint(
  summary: Summary,
  options: ImportOptions,
  cwd: string,
): string | undefined {
  const wrote = summary.counts.created + summary.counts.updated;
  if (summary.dryRun || wrote === 0) return undefined;
  const folder = shownFolder(summary, options, cwd);
  return `To take it back: ${['npx', 'nexudus-import', 'undo', shellWord(folder)].join(' ')}`;
}
