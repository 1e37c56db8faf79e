import { defaultRequestsPerMinute, hourMsFrom } from '../nexudus/limits.js';
import { ImportError } from '../errors.js';
import {
  describeSandbox,
  startSandbox,
  type RequestLogEntry,
  type SandboxOptions,
} from '../sandbox/index.js';
import type { CommandIo } from '../engine/options.js';
import { resetSandboxData, sandboxDataFile, startSandboxOnData } from '../engine/sandboxData.js';

export interface SandboxCommandOptions {
  readonly port: number;
  readonly data?: string;
  readonly writesPerMinute: number;
  readonly requestsPerMinute?: number;
  /** Default: the sandbox's own (5,000, raised in proportion to a raised write limit). */
  readonly requestsPerHour?: number;
  readonly limits: boolean;
  readonly latency: number;
  readonly faultRate: number;
  readonly faultSeed: number;
  /** Do not log each request. */
  readonly quiet: boolean;
  /** More contacts at the start, generated from `accountSeed` (`--contacts N`). Default 0. */
  readonly contacts?: number;
  /** Seed of the generated contacts (`--contacts-seed N`). Default 1. */
  readonly contactsSeed?: number;
  /** `--no-edit-role`: refuse PUT with 401. Default true. */
  readonly editRole?: boolean;
  /** `--no-delete-role`: refuse DELETE with 401. Default true. */
  readonly deleteRole?: boolean;
  /** `--put-keeps-omitted`: a PUT keeps the fields it leaves out instead of clearing them. */
  readonly putKeepsOmitted?: boolean;
  /**
   * `--reset`: empty the records `--sandbox` keeps (the user's sandbox data file; or the
   * `--data` file when one is named) and exit, serving nothing.
   */
  readonly reset?: boolean;
}

/** `nexudus-import sandbox`: serves until Ctrl-C (the signal), then closes cleanly. */
export async function runSandbox(options: SandboxCommandOptions, io: CommandIo): Promise<number> {
  if (options.reset) {
    const file = options.data ?? sandboxDataFile(io.env);
    const done = await resetSandboxData(file);
    io.stdout.write(
      done === 'emptied'
        ? `The sandbox's records in ${file} were emptied: it starts again from its sample account.\n`
        : `The sandbox had no records kept in ${file}: there was nothing to empty.\n`,
    );
    return 0;
  }
  const sandboxOptions: SandboxOptions = {
    port: options.port,
    writesPerMinute: options.limits ? options.writesPerMinute : false,
    requestsPerMinute: options.limits
      ? (options.requestsPerMinute ?? defaultRequestsPerMinute(options.writesPerMinute))
      : false,
    requestsPerHour: options.limits ? options.requestsPerHour : false,
    // The importer's test-only knob shortens the sandbox's hour too, so the two keep one hour.
    hourMs: hourMsFrom(io.env),
    latencyMs: options.latency,
    ...(options.faultRate > 0
      ? { faults: { rate: options.faultRate, seed: options.faultSeed } }
      : {}),
    extraContacts: options.contacts ?? 0,
    accountSeed: options.contactsSeed ?? 1,
    roles: { edit: options.editRole !== false, delete: options.deleteRole !== false },
    omittedOnPut: options.putKeepsOmitted === true ? 'keep' : 'clear',
    ...(options.quiet
      ? {}
      : {
          onRequest: (e: RequestLogEntry) =>
            io.stdout.write(
              `${new Date().toISOString()} ${e.method} ${e.path} ${e.status} ${e.ms}ms\n`,
            ),
        }),
  };
  // A --data file is locked while served, as --sandbox's (one process per data file).
  const sandbox = await (
    options.data ? startSandboxOnData(options.data, sandboxOptions) : startSandbox(sandboxOptions)
  ).catch((error: unknown) => {
    throw listenFailure(error, options.port);
  });
  io.stdout.write(`${describeSandbox(sandbox)}\n`);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  const stats = sandbox.stats();
  await sandbox.close();
  io.stdout.write(
    `Sandbox stopped after ${stats.requests} requests: ${stats.creates} contacts created, ${stats.updates} updated, ${stats.deletes} deleted, ${stats.throttled} throttled (409), ${stats.unauthorized} refused (401).\n`,
  );
  return 0;
}

/** A port taken or not allowed is the user's to change, not a bug. */
function listenFailure(error: unknown, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    return new ImportError(
      'usage',
      `Port ${port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for any free one.`,
      { cause: error },
    );
  }
  if (code === 'EACCES') {
    return new ImportError(
      'usage',
      `Port ${port} needs administrator rights on this computer: choose one above 1023 with --port, or --port 0 for any free one.`,
      { cause: error },
    );
  }
  return error;
}
