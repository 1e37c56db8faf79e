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
  '*.refresh_token',
  '*.authorization',
  '*.headers.authorization',
];

/**
 * What REDACT's fixed paths cannot reach, scrubbed from each line as written: a secret nested
 * deeper (an HTTP library's error carrying its request options and headers), or inside a string
 * (a form body `password=…`, an `Authorization: Bearer …` echoed in a message).
 */
export function scrubSecrets(line: string): string {
  return line
    .replace(
      /("[\w-]*(?:password|token|authorization|secret|totp)[\w-]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
      '$1"[redacted]"',
    )
    .replace(/\b(Bearer|Basic)\s+[\w.~+/=-]+/g, '$1 [redacted]')
    .replace(/\b((?:password|totp|\w*token)=)[^&\s"]+/gi, '$1[redacted]');
}

/** A `"stack"` member of a JSON log line, with the comma before it. */
const STACK = /,?"stack":"(?:[^"\\]|\\.)*"/g;

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
  if (options.verbose) {
    const stderr = options.stderr ?? process.stderr;
    // No stack trace reaches the terminal (SPEC "Exit codes"), not even with --verbose: it is in
    // import.log, where the message about the bug points.
    const withoutStacks = { write: (line: string) => stderr.write(line.replace(STACK, '')) };
    streams.push({ level: 'debug', stream: withoutStacks });
  }
  if (streams.length === 0) return pino({ level: 'silent' });
  return pino(
    {
      level: 'debug',
      redact: { paths: REDACT, censor: '[redacted]' },
      hooks: { streamWrite: scrubSecrets },
      base: undefined,
    },
    pino.multistream(streams),
  );
}
