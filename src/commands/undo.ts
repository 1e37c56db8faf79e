import { runUndo, type UndoIo } from '../engine/runUndo.js';
import type { CommandIo } from '../engine/options.js';
import type { UndoOptions } from '../undo/undoOptions.js';
import { LINE_EVERY_MS } from '../screen/progress.js';
import { THROTTLED_TEXT } from '../screen/progressText.js';
import { undoPreviewText, undoProgressText, undoSummaryText } from '../screen/undoText.js';

/** A question on the terminal and its answer; absent when there is no terminal. */
export type Ask = (question: string) => Promise<string>;

/**
 * `undo DIR [--yes] [--dry-run] [--force]` and `undo --resume DIR/undo-<time>`: the undo
 * (engine/runUndo.ts) with what it will do shown on stderr and, on a terminal, the question;
 * then why it stopped, if it did, and the summary on stdout. Returns the exit code.
 */
export async function undoCommand(
  options: UndoOptions,
  io: CommandIo,
  ask: Ask | undefined,
): Promise<number> {
  const shown = (text: string) => {
    if (!options.quiet) io.stderr.write(text);
  };
  const undoIo: UndoIo = {
    ...io,
    show: (preview) => shown(undoPreviewText(preview, io.cwd, options.force)),
    ...(ask
      ? {
          confirm: async (preview) => {
            io.stderr.write(undoPreviewText(preview, io.cwd, options.force));
            const answer = await ask('Take these back? Type y and Enter to go ahead: ');
            return /^\s*y(es)?\s*$/i.test(answer);
          },
        }
      : {}),
  };
  const progress = progressLine(io.stderr, options.quiet || options.verbose);
  let run;
  try {
    run = await runUndo(options, {
      ...undoIo,
      done: (done, total, counts) => progress.show(undoProgressText(done, total, counts)),
      pace: { throttled: () => progress.waiting(true), flowing: () => progress.waiting(false) },
    });
  } finally {
    progress.show('');
  }
  // Why it stopped is the summary's first line; with --json (or no summary), stderr says it.
  if (run.stopped && (options.json || !run.summary)) io.stderr.write(`${run.stopped.message}\n`);
  if (options.json && run.summary) io.stdout.write(`${JSON.stringify(run.summary, null, 2)}\n`);
  else io.stdout.write(undoSummaryText(run, io.cwd));
  return run.exitCode;
}

/**
 * The undo's progress on stderr: redrawn in place on a terminal, else a line every 10 s. An
 * empty text clears the line (at the end). While Nexudus holds the writes back (409/429), the
 * line says so.
 */
function progressLine(stream: NodeJS.WritableStream, silent: boolean) {
  const tty = 'isTTY' in stream && stream.isTTY === true;
  let lastAt = Date.now();
  let drawn = false;
  let text = '';
  let throttled = false;
  const draw = () => {
    if (silent) return;
    const line = text && throttled ? `${text}; ${THROTTLED_TEXT}` : text;
    if (line === '') {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    } else if (tty) {
      stream.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else if (Date.now() - lastAt >= LINE_EVERY_MS) {
      stream.write(`${line}\n`);
      lastAt = Date.now();
    }
  };
  return {
    show(next: string) {
      text = next;
      if (next === '') throttled = false;
      draw();
    },
    waiting(on: boolean) {
      if (on === throttled) return;
      throttled = on;
      if (tty) draw();
    },
  };
}
