import type { Logger } from 'pino';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../nexudus/baseUrl.js';
import { NexudusClient } from '../nexudus/client.js';
import { credentialsFrom, withDotEnv, type Credentials } from '../nexudus/credentials.js';
import { Pacer } from '../nexudus/pacer.js';
import { startSandbox } from '../sandbox/index.js';
import type { CommandIo, ImportOptions } from './options.js';

/** Where a run sends its requests: a checked API root and credentials, nothing sent yet. */
export interface Target {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /** Stops the in-process sandbox of --sandbox. */
  close(): Promise<void>;
}

/**
 * The API root and credentials of a run. With --sandbox, the built-in sandbox is started in
 * this process, enforcing the same limits the run keeps to (Nexudus's defaults unless the pace
 * options say otherwise), and its own credentials are used.
 */
export async function resolveTarget(options: ImportOptions, io: CommandIo): Promise<Target> {
  if (options.sandbox) {
    const sandbox = await startSandbox({
      port: 0,
      writesPerMinute: options.writesPerMinute,
      requestsPerMinute: options.requestsPerMinute,
    });
    return {
      baseUrl: sandbox.url,
      credentials: { kind: 'login', username: sandbox.username, password: sandbox.password },
      close: () => sandbox.close(),
    };
  }
  const env = withDotEnv(io.env, io.cwd);
  const baseUrl = checkBaseUrl(options.baseUrl ?? env.NEXUDUS_BASE_URL ?? DEFAULT_BASE_URL);
  return { baseUrl, credentials: credentialsFrom(env), close: async () => {} };
}

export function createClient(
  target: Target,
  options: ImportOptions,
  logger: Logger,
): NexudusClient {
  const pacer = new Pacer({
    writesPerMinute: options.writesPerMinute,
    requestsPerMinute: options.requestsPerMinute,
    concurrency: options.concurrency,
  });
  return new NexudusClient({
    baseUrl: target.baseUrl,
    credentials: target.credentials,
    pacer,
    logger,
    ...(options.requestTimeoutMs ? { timeoutMs: options.requestTimeoutMs } : {}),
  });
}
