import { randomBytes, timingSafeEqual } from 'node:crypto';

/** What Nexudus answers `POST /api/token` with. */
export interface TokenReply {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  refresh_token: string;
}

/** About seven days, as Nexudus issues them (API-FACTS "Base URL and authentication"). */
export const TOKEN_LIFETIME_SECONDS = 604_799;

/**
 * The account's credentials and the tokens issued for them. Tokens are random and live in memory
 * only: a restarted sandbox asks clients to log in again, as a revoked token would.
 */
export class Auth {
  /** access token -> expiry (ms since the epoch). */
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();

  constructor(
    readonly username: string,
    private readonly password: string,
    private readonly now: () => number,
  ) {}

  /** Whether these are the account's credentials (the user name ignoring case, like an email). */
  checkPassword(username: string, password: string): boolean {
    return (
      username.trim().toLowerCase() === this.username.toLowerCase() &&
      sameText(password, this.password)
    );
  }

  issue(): TokenReply {
    const reply: TokenReply = {
      access_token: randomBytes(32).toString('base64url'),
      token_type: 'bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
      refresh_token: randomBytes(24).toString('hex'),
    };
    this.access.set(reply.access_token, this.now() + TOKEN_LIFETIME_SECONDS * 1000);
    this.refresh.add(reply.refresh_token);
    return reply;
  }

  /** A new token pair for a refresh token, which stops working; undefined when it is not ours. */
  refreshWith(refreshToken: string): TokenReply | undefined {
    if (!this.refresh.delete(refreshToken)) return undefined;
    return this.issue();
  }

  /** Every token issued so far stops working. */
  revokeAll(): void {
    this.access.clear();
    this.refresh.clear();
  }

  /** Whether an `Authorization` header lets the request in: a live bearer token, or Basic. */
  allows(header: string | undefined): boolean {
    const m = /^(\w+)\s+(\S+)\s*$/.exec(header ?? '');
    if (!m) return false;
    const scheme = m[1]!.toLowerCase();
    const credentials = m[2]!;
    if (scheme === 'bearer') {
      const expires = this.access.get(credentials);
      return expires !== undefined && expires > this.now();
    }
    if (scheme === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon > 0 && this.checkPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
    }
    return false;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
