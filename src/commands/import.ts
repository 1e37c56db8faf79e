import type { CommandIo, ImportOptions } from '../engine/options.js';
import type { ResumeRequest } from '../engine/resumeOptions.js';
import { planContinue, type ContinuePlan, type ContinueRequest } from '../engine/continueRun.js';
import { runImport } from '../engine/runImport.js';
import { createProgress } from '../screen/progress.js';
import { printSummary } from '../screen/summaryText.js';
import type { StopSignals } from '../stopSignals.js';

/**
 * `import` and `validate`: the run (engine/runImport.ts) with its progress drawn on stderr, then
 * why it stopped, if it did, and the summary on stdout. Returns the exit code.
 */
export async function importCommand(
  given: ImportOptions | ResumeRequest | ContinueRequest,
  io: CommandIo,
  stops?: StopSignals,
): Promise<number> {
  // `import DIR`: what is read from where is settled, and said, before anything else.
  let request: ImportOptions | ResumeRequest | ContinuePlan;
  if ('continues' in given) {
    request = await planContinue(given, io.cwd);
    if (!request.options.quiet) io.stderr.write(`${request.notice}\n`);
  } else request = given;
  // The progress is drawn on stderr unless --quiet (a resume's recorded --quiet is not known yet).
  const shown =
    'overrides' in request ? request.overrides : 'continues' in request ? request.options : request;
  const progress =
    io.progress || shown.quiet
      ? undefined
      : createProgress(io.stderr, { env: io.env, plain: shown.verbose === true });
  // What each Ctrl-C or SIGTERM does is said at once, above the progress bar if there is one.
  if (stops)
    stops.notify = (text) => (progress ? progress.note(text) : io.stderr.write(`${text}\n`));
  let run;
  try {
    run = await runImport(request, progress ? { ...io, progress } : io);
  } finally {
    progress?.stop();
  }
  // Why it stopped comes first, in the summary (which ends with the next command); with --json,
  // stdout is summary.json alone, so the reason goes to stderr.
  if (run.stopped && run.options.json) io.stderr.write(`${run.stopped.message}\n`);
  if (run.options.json) io.stdout.write(`${JSON.stringify(run.summary, null, 2)}\n`);
  else printSummary(run.summary, run.options, io.stdout, io.cwd);
  return run.exitCode;
}
