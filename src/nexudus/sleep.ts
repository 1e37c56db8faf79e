import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits `ms`, or rejects with `signal.reason` as soon as the signal is aborted. The timer is
 * cleared on abort, so a long wait (a Retry-After, --wait-for-quota) never keeps a stopped run's
 * process alive.
 */
export async function sleepUnlessStopped(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw signal.reason;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw error;
  }
}
