import { ImportError } from '../errors.js';

export const DEFAULT_BASE_URL = 'https://spaces.nexudus.com';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The API root, without a trailing slash. Plain `http://` is refused except for this machine:
 * credentials and personal data must never cross a network unencrypted.
 */
export function checkBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ImportError(
      'usage',
      `--base-url ${text} is not a URL; give one like ${DEFAULT_BASE_URL}.`,
    );
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new ImportError(
      'usage',
      `--base-url ${text} uses plain http, which is only allowed for localhost; use https://.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImportError('usage', `--base-url ${text} must start with https://.`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
