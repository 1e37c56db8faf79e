import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';

/**
 * Who holds a lock, written into the lock file: enough for another process to tell at once
 * whether the holder is still running.
 */
export const lockOwner = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  /** Linux: the kernel's boot id (a pid names a process only within one boot). */
  boot: z.string().optional(),
  /** Linux: the process's start time, field 22 of /proc/PID/stat, in clock ticks after boot. */
  startTicks: z.number().int().nonnegative().optional(),
  /** When the lock was taken (ISO 8601), for the message that names the holder. */
  since: z.string(),
  /** Random, one per taking of a lock: tells the holder its own lock from any other. */
  nonce: z.string(),
});
export type LockOwner = z.infer<typeof lockOwner>;

/** This process, as a lock file records it. */
export function thisProcess(now: Date = new Date()): LockOwner {
  const boot = bootId();
  const startTicks = startTicksOf(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    ...(boot ? { boot } : {}),
    ...(startTicks !== undefined ? { startTicks } : {}),
    since: now.toISOString(),
    nonce: randomBytes(12).toString('hex'),
  };
}

/**
 * - `running`: the holder is alive (or might be: a pid we may not signal, EPERM, is alive).
 * - `gone`: the holder has ended: no such process, a zombie, or the pid now names another
 *   process (a different start time, or a different boot).
 * - `elsewhere`: held by a process on another machine (a shared folder); nobody here can tell
 *   whether it still runs, so it counts as running and the message says where it is.
 */
export type OwnerState = 'running' | 'gone' | 'elsewhere';

export function ownerState(owner: LockOwner): OwnerState {
  if (owner.host !== hostname()) return 'elsewhere';
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return 'gone';
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but is another user's, whose /proc entry may be hidden: running.
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? 'gone' : 'running';
  }
  // Without a recorded start time (not Linux) a live pid is taken to be the holder: the message
  // then names it, and the user can tell if it is another program.
  if (owner.startTicks === undefined) return 'running';
  const stat = procStat(owner.pid);
  if (stat === undefined) return 'gone'; // it ended between the two looks
  // A zombie (killed, not yet reaped by its parent) still answers kill(pid, 0) but runs no more.
  if (stat.state === 'Z' || stat.state === 'X') return 'gone';
  return stat.startTicks === owner.startTicks ? 'running' : 'gone';
}

let boot: string | null | undefined;
function bootId(): string | undefined {
  if (boot === undefined) {
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      boot = null;
    }
  }
  return boot ?? undefined;
}

function startTicksOf(pid: number): number | undefined {
  return procStat(pid)?.startTicks;
}

/**
 * State (field 3) and start time (field 22) from /proc/PID/stat (Linux only). Field 2, the
 * command name, is in parentheses and may hold spaces and parentheses itself, so the fields are
 * counted from the last `)`.
 */
function procStat(pid: number): { state: string; startTicks: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = Number(fields[19]);
  if (!state || !Number.isInteger(startTicks)) return undefined;
  return { state, startTicks };
}
