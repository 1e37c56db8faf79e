/**
 * The run's secrets, and their removal from everything the tool writes. No file, message or log
 * line may hold a password or token, not even one a server echoes back in an error message.
 *
 * Text from the server enters the run in one place (nexudus/client.ts) and is scrubbed there;
 * the writers scrub again as a last line of defence (journal, reports, every ImportError message,
 * the log), so a path added later cannot leak either. The secrets are remembered process-wide,
 * as the client learns them (the password and a given token at the start, each token a login
 * returns), because the writers that must know them are far from the client and a process runs
 * one command.
 */

export const REDACTED = '[redacted]';

/**
 * Shorter values are not remembered: a password of a few characters cannot be told from the
 * words and numbers of ordinary messages, and scrubbing every "abc" would mangle the reports.
 * A one-time code (NEXUDUS_TOTP) is not remembered either: six digits that expire in seconds,
 * which would otherwise be cut out of row numbers and Ids.
 */
const MIN_LENGTH = 6;

const known = new Set<string>();
/** Longest first, so a secret that contains another is removed whole. */
let ordered: string[] = [];

/** Remembers a secret, in the forms it takes in JSON, a URL and a form body too. */
export function rememberSecret(value: string | undefined): void {
  if (value === undefined || value.length < MIN_LENGTH) return;
  const forms = [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    new URLSearchParams({ s: value }).toString().slice(2),
  ];
  for (const form of forms) known.add(form);
  ordered = [...known].sort((a, b) => b.length - a.length);
}

/**
 * `Bearer <token>` however it got into the text (a token this process never knew, such as one
 * a server made up): a word of token characters with a digit or a token symbol in it, so prose
 * ("bearer instruments") is left alone.
 */
const BEARER = /\b(Bearer)\s+(?=[\w.~+/=-]*[\d._~+/=-])[\w.~+/=-]{8,}/gi;

/** The text with every remembered secret and every bearer token replaced by `[redacted]`. */
export function scrubText(text: string): string {
  let scrubbed = text;
  for (const secret of ordered) {
    if (scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  return scrubbed.replace(BEARER, `$1 ${REDACTED}`);
}
