import { openSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { scrubText } from './secrets.js';

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
 * What REDACT's fixed paths cannot reach, scrubbed from each line as written: the run's own
 * secrets wherever they are (see secrets.ts), a secret nested deeper (an HTTP library's error
 * carrying its request options and headers), or inside a string (a form body `password=…`, an
 * `Authorization: Bearer …` echoed in a message).
 */
export function scrubSecrets(line: string): string {
  return scrubText(line)
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
    const pretty = 'isTTY' in stderr && stderr.isTTY === true;
    const toTerminal = {
      write: (line: string) => {
        const plain = line.replace(STACK, '');
        stderr.write(pretty ? prettyLine(plain) : plain);
      },
    };
    streams.push({ level: 'debug', stream: toTerminal });
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

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/**
 * A log line as a person reads it on a terminal (SPEC "Logging": pretty on a terminal):
 * `12:00:01 INFO  message key=value …`. Lines that are not JSON pass through unchanged.
 */
export function prettyLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, time, msg, ...rest } = entry;
  const clock = typeof time === 'number' ? new Date(time).toTimeString().slice(0, 8) : '';
  const name = (LEVELS[Number(level)] ?? String(level)).padEnd(5);
  const fields = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${clock} ${name} ${String(msg ?? '')}${fields ? ` ${fields}` : ''}\n`;
}
