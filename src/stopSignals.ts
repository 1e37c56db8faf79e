/**
 * What Ctrl-C (SIGINT) and SIGTERM do to a run. Part of the CLI layer: only here may the process
 * be ended.
 *
 * - The first one stops the run: `signal` is aborted (its reason is the signal's name). No new
 *   request goes out, requests in flight get up to 10 s to finish, then the reports and
 *   summary.json are written and the run exits 130.
 * - Another one within 10 s of the first stops the waiting: `hurry` is aborted, creates still in
 *   flight are abandoned (the journal holds them as sent, unanswered: a resume looks each one up
 *   before sending anything again), and the reports are written at once. The reports are never
 *   lost to an impatient second Ctrl-C.
 * - Another one 10 s or more after the first forces the exit (130) there and then. By then the
 *   run has had its 10 s; what is left is writing the reports, which a resume brings up to date:
 *   summary.json is written before them and the journal is always whole.
 */
export interface StopSignals {
  /** Aborted by the first SIGINT or SIGTERM; `reason` is `'SIGINT'` or `'SIGTERM'`. */
  readonly signal: AbortSignal;
  /** Aborted by a second one within FORCE_AFTER_MS: abandon the requests in flight now. */
  readonly hurry: AbortSignal;
  /** Where the answer to each signal is written; unset, nothing is said (the sandbox command). */
  notify: ((text: string) => void) | undefined;
  /** Stops listening (the run is over; a later signal ends the process as usual). */
  dispose(): void;
}

/** How long after the first stop signal another one forces the exit instead of hurrying. */
export const FORCE_AFTER_MS = 10_000;

export type StopSignalName = 'SIGINT' | 'SIGTERM';

/** The few parts of `process` this needs, injected so a test can send signals without dying. */
export interface SignalSource {
  on(event: StopSignalName, listener: () => void): unknown;
  off(event: StopSignalName, listener: () => void): unknown;
}

export function listenForStop(
  source: SignalSource,
  exit: (code: number) => void,
  now: () => number = Date.now,
): StopSignals {
  const stop = new AbortController();
  const hurry = new AbortController();
  let firstAt = 0;
  const stops: StopSignals = {
    signal: stop.signal,
    hurry: hurry.signal,
    notify: undefined,
    dispose() {
      source.off('SIGINT', onInt);
      source.off('SIGTERM', onTerm);
    },
  };
  const on = (name: StopSignalName) => {
    const key = name === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM';
    if (!stop.signal.aborted) {
      firstAt = now();
      stops.notify?.(
        `Stopping (${key}): nothing new is sent; requests in flight get up to ${FORCE_AFTER_MS / 1000} s to finish, then the reports are written. ${key} again stops the waiting.`,
      );
      stop.abort(name);
      return;
    }
    if (now() - firstAt >= FORCE_AFTER_MS) {
      stops.notify?.(
        `Stopped at once (${key} again): the reports may be incomplete, but the journal is whole, so --resume still carries on the run.`,
      );
      exit(130);
      return;
    }
    if (!hurry.signal.aborted) {
      stops.notify?.(
        `Not waiting any longer (${key} again): requests still in flight are abandoned and looked up by the resume; writing the reports.`,
      );
      hurry.abort(name);
      return;
    }
    const left = Math.ceil((FORCE_AFTER_MS - (now() - firstAt)) / 1000);
    stops.notify?.(
      `Writing the reports, please wait; ${key} again in ${left} s forces the exit without them.`,
    );
  };
  const onInt = () => on('SIGINT');
  const onTerm = () => on('SIGTERM');
  source.on('SIGINT', onInt);
  source.on('SIGTERM', onTerm);
  return stops;
}
