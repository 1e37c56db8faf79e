import { ImportError } from '../errors.js';

export const DEFAULT_BASE_URL = 'https://spaces.nexudus.com';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The API root, without a trailing slash. Plain `http://` is refused except for this machine:
 * credentials and personal data must never cross a network unencrypted. A user name or password
 * in the URL is refused too: the URL is recorded in run.json and summary.json and shown in the
 * next command, and credentials come from the environment only.
 */
export function checkBaseUrl(text: string): string {
  const shown = withoutCredentials(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ImportError(
      'usage',
      `--base-url ${shown} is not a URL; give one like ${DEFAULT_BASE_URL}.`,
    );
  }
  if (url.username || url.password) {
    throw new ImportError(
      'usage',
      `--base-url ${shown} must not hold a user name or password: give the address alone, and the credentials in NEXUDUS_USERNAME and NEXUDUS_PASSWORD (or NEXUDUS_TOKEN).`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new ImportError(
      'usage',
      `--base-url ${shown} uses plain http, which is only allowed for localhost; use https://.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImportError('usage', `--base-url ${shown} must start with https://.`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** The URL as typed, with anything between `//` and `@` (a user name and password) left out. */
function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][\w+.-]*:\/\/)[^/?#]*@/i, '$1');
}
