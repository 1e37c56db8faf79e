/** Connection failures that happen before a byte of the request left: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function isNotSent(error: unknown): boolean {
  // got's RequestError carries the socket's code; read it without loading got here.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NOT_SENT.has(code);
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, 4 s … capped at 30 s, randomised. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` in seconds or as an HTTP date; Nexudus sends `1`. Missing or odd: 1 s. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 1000;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 5 * 60_000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.min(at - now, 5 * 60_000)) : 1000;
}
