import { ImportError } from '../errors.js';
import type { NexudusClient } from '../nexudus/client.js';
import type { Summary } from '../report/summary.js';

/** After Ctrl-C or SIGTERM, creates in flight get this long to be answered (SPEC "Uploading"). */
export const DRAIN_MS = 10_000;

/** Where a run is: what a stop message names, and summary.json's `stoppedAt`. */
export type Stage = NonNullable<Summary['stoppedAt']>;

/** How the user asked the run to stop, in their words: the CLI aborts with the signal's name. */
export function stopName(signal: AbortSignal | undefined): string {
  return signal?.reason === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C';
}

/** The reason a stopped client refuses requests with; the run words the message by its stage. */
export function interruption(signal: AbortSignal | undefined): ImportError {
  return new ImportError('interrupted', `Stopped by ${stopName(signal)}.`);
}

/**
 * Ties a run's client to the stop signals. On `signal`: no new request (client.stop), at once.
 * Creates in flight then get DRAIN_MS to be answered, or until `hurry` (a second Ctrl-C); then
 * they are abandoned: each was journaled as sent, gets no outcome, and is looked up by the
 * resume before anything is sent again. Reads in flight are dropped at once: their answers are
 * of no use to a run that stops.
 */
export function stopClientOn(
  client: NexudusClient,
  signal: AbortSignal | undefined,
  hurry: AbortSignal | undefined,
): Disposable {
  let timer: NodeJS.Timeout | undefined;
  const abandon = () => client.abandonWrites();
  const stop = () => {
    client.stop(interruption(signal));
    timer = setTimeout(abandon, DRAIN_MS);
    timer.unref();
  };
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  if (hurry?.aborted) abandon();
  else hurry?.addEventListener('abort', abandon, { once: true });
  return {
    [Symbol.dispose]() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      hurry?.removeEventListener('abort', abandon);
    },
  };
}

/** The one or two sentences that say where a run was stopped by a signal, and what that left. */
export function interruptedMessage(
  signal: AbortSignal | undefined,
  stage: Stage,
  options: { dryRun: boolean; unanswered: number; online?: boolean },
): string {
  const by = `Stopped by ${stopName(signal)}`;
  // A dry run that read the account sent GETs: what it never did is write.
  const noneCreated = options.dryRun
    ? options.online
      ? 'nothing was written'
      : 'nothing was sent'
    : 'no contact was created';
  switch (stage) {
    case 'reading':
      return `${by} while reading the file; ${noneCreated}.`;
    case 'login':
      return `${by} while logging in to Nexudus; ${noneCreated}.`;
    case 'checking':
      return `${by} while checking the file; ${noneCreated}.`;
    case 'preflight':
      return `${by} while reading the contracts and contacts already in Nexudus; ${noneCreated}.`;
    case 'uploading': {
      const { unanswered } = options;
      const lookup =
        unanswered === 0
          ? ''
          : unanswered === 1
            ? ' One row was sent but not answered in time; the resume looks for its record before sending it again.'
            : ` ${unanswered} rows were sent but not answered in time; the resume looks for their records before sending them again.`;
      return `${by} while uploading: nothing new was sent after it.${lookup}`;
    }
  }
}
