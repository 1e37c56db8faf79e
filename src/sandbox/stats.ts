import { FAULT_KINDS, OPT_IN_FAULT_KINDS } from './options.js';
import type { SandboxStats } from './types.js';

/** Fresh, all-zero stats. */
export function emptyStats(): SandboxStats {
  return {
    requests: 0,
    writes: 0,
    creates: 0,
    updates: 0,
    deletes: 0,
    throttled: 0,
    throttledBy: { writes: 0, requests: 0, hour: 0 },
    faults: Object.fromEntries(
      [...FAULT_KINDS, ...OPT_IN_FAULT_KINDS].map((k) => [k, 0]),
    ) as SandboxStats['faults'],
    unauthorized: 0,
    gets: {},
    writeTimes: [],
    requestTimes: [],
  };
}

/** A copy the caller may keep or change without touching the live counters. */
export function copyStats(stats: SandboxStats): SandboxStats {
  return {
    ...stats,
    throttledBy: { ...stats.throttledBy },
    faults: { ...stats.faults },
    gets: { ...stats.gets },
    writeTimes: [...stats.writeTimes],
    requestTimes: [...stats.requestTimes],
  };
}
