import type { Logger } from 'pino';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../nexudus/baseUrl.js';
import { NexudusClient } from '../nexudus/client.js';
import { credentialsFrom, withDotEnv, type Credentials } from '../nexudus/credentials.js';
import { defaultRequestsPerHour, hourMsFrom } from '../nexudus/limits.js';
import { Pacer } from '../nexudus/pacer.js';
import type { CommandIo, ImportOptions } from './options.js';
import { sandboxDataFile, startSandboxOnData } from './sandboxData.js';

/** The options connecting needs: where to, and at what pace (import's, and export's). */
export type ConnectOptions = Pick<
  ImportOptions,
  | 'sandbox'
  | 'baseUrl'
  | 'writesPerMinute'
  | 'requestsPerMinute'
  | 'requestsPerHour'
  | 'concurrency'
  | 'requestTimeoutMs'
> &
  Partial<Pick<ImportOptions, 'dryRun'>>;

/** Where a run sends its requests: a checked API root and credentials, nothing sent yet. */
export interface Target {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /**
   * The length of the hour of --requests-per-hour, in ms: an hour, unless a test or benchmark
   * shortened it with NEXUDUS_IMPORT_HOUR_MS (docs/developing.md); the --sandbox server keeps
   * the same hour.
   */
  readonly hourMs: number;
  /** Stops the in-process sandbox of --sandbox. */
  close(): Promise<void>;
}

/**
 * The API root and credentials of a run. With --sandbox, the built-in sandbox is started in
 * this process, enforcing the same limits the run keeps to (Nexudus's defaults unless the pace
 * options say otherwise), and its own credentials are used. Its records are kept in the user's
 * sandbox data file (sandboxData.ts), so a resume, a second import or an undo finds them.
 */
export async function resolveTarget(options: ConnectOptions, io: CommandIo): Promise<Target> {
  const hourMs = hourMsFrom(io.env);
  if (options.sandbox) {
    const sandbox = await startSandboxOnData(sandboxDataFile(io.env), {
      port: 0,
      writesPerMinute: options.writesPerMinute,
      requestsPerMinute: options.requestsPerMinute,
      requestsPerHour: requestsPerHourOf(options),
      hourMs,
    });
    return {
      baseUrl: sandbox.url,
      credentials: { kind: 'login', username: sandbox.username, password: sandbox.password },
      hourMs,
      close: () => sandbox.close(),
    };
  }
  const env = withDotEnv(io.env, io.cwd);
  const baseUrl = checkBaseUrl(options.baseUrl ?? env.NEXUDUS_BASE_URL ?? DEFAULT_BASE_URL);
  return { baseUrl, credentials: credentialsFrom(env), hourMs, close: async () => {} };
}

/** --requests-per-hour as given (or recorded), else its default for the write pace. */
export function requestsPerHourOf(
  options: Pick<ImportOptions, 'requestsPerHour' | 'writesPerMinute'>,
): number {
  return options.requestsPerHour ?? defaultRequestsPerHour(options.writesPerMinute);
}

export function createClient(
  target: Target,
  options: ConnectOptions,
  logger: Logger,
): NexudusClient {
  const pacer = new Pacer({
    writesPerMinute: options.writesPerMinute,
    requestsPerMinute: options.requestsPerMinute,
    requestsPerHour: requestsPerHourOf(options),
    hourMs: target.hourMs,
    concurrency: options.concurrency,
  });
  return new NexudusClient({
    baseUrl: target.baseUrl,
    credentials: target.credentials,
    pacer,
    logger,
    ...(options.requestTimeoutMs !== undefined ? { timeoutMs: options.requestTimeoutMs } : {}),
    ...(options.dryRun ? { readOnly: true } : {}),
  });
}
