import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ImportError } from '../errors.js';

/** How to authenticate: a bearer token as given, or a login exchanged for one. */
export type Credentials =
  | { readonly kind: 'token'; readonly token: string }
  | {
      readonly kind: 'login';
      readonly username: string;
      readonly password: string;
      readonly totp?: string;
    };

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment with `.env` of the working directory under it: a variable set in the real
 * environment wins over the file, as with every dotenv tool. Credentials never come from flags
 * (they would show in the shell history and the process list).
 */
export function withDotEnv(env: Env, cwd: string): Env {
  const file = join(cwd, '.env');
  if (!existsSync(file)) return env;
  const fromFile = parseEnv(readFileSync(file, 'utf8')) as Record<string, string>;
  return { ...fromFile, ...env };
}

/** Credentials from NEXUDUS_TOKEN, or NEXUDUS_USERNAME + NEXUDUS_PASSWORD (+ NEXUDUS_TOTP). */
export function credentialsFrom(env: Env): Credentials {
  const token = env.NEXUDUS_TOKEN?.trim();
  if (token) return { kind: 'token', token };
  const username = env.NEXUDUS_USERNAME?.trim();
  const password = env.NEXUDUS_PASSWORD;
  if (username && password) {
    const totp = env.NEXUDUS_TOTP?.trim();
    return { kind: 'login', username, password, ...(totp ? { totp } : {}) };
  }
  throw new ImportError(
    'usage',
    'No Nexudus credentials: set NEXUDUS_USERNAME and NEXUDUS_PASSWORD (or NEXUDUS_TOKEN) in the environment or in a .env file, or use --sandbox to try the tool.',
  );
}
