import { openSync } from 'node:fs';
import pino, { type Logger } from 'pino';

/** Paths pino blanks wherever they appear: no credential ever reaches a log line. */
export const REDACT = [
  'password',
  'token',
  'access_token',
  'refresh_token',
  'authorization',
  'headers.authorization',
  '*.password',
  '*.token',
  '*.access_token',
  '*.authorization',
  '*.headers.authorization',
];

/**
 * The run's logger: pino NDJSON into import.log (0600) of the results folder, synchronously, so
 * no line is lost when the process stops; with `verbose`, also to stderr.
 */
export function createLogger(options: {
  file?: string;
  verbose: boolean;
  stderr?: NodeJS.WritableStream;
}): Logger {
  const streams: pino.StreamEntry[] = [];
  if (options.file) {
    const fd = openSync(options.file, 'a', 0o600);
    streams.push({ level: 'debug', stream: pino.destination({ fd, sync: true }) });
  }
  if (options.verbose) streams.push({ level: 'debug', stream: options.stderr ?? process.stderr });
  if (streams.length === 0) return pino({ level: 'silent' });
  return pino(
    { level: 'debug', redact: { paths: REDACT, censor: '[redacted]' }, base: undefined },
    pino.multistream(streams),
  );
}
