import type { Reply } from '../reply.js';
import type { Route } from './types.js';

const UNSUPPORTED_GRANT: Reply = { status: 400, body: { error: 'unsupported_grant_type' } };

const INVALID_GRANT: Reply = {
  status: 400,
  body: { error: 'invalid_grant', error_description: 'The user name or password is incorrect.' },
};

/**
 * `POST /api/token`: OAuth2 password and refresh-token grants, form-encoded only (a JSON body is
 * refused with `unsupported_grant_type`, as Nexudus does). A `totp` is accepted whatever it is.
 */
export const tokenRoute: Route = {
  method: 'POST',
  pattern: '/api/token',
  auth: false,
  handler(ctx, { auth }) {
    if (ctx.contentType !== 'application/x-www-form-urlencoded') return UNSUPPORTED_GRANT;
    const form = new URLSearchParams(ctx.body.toString('utf8'));
    switch (form.get('grant_type')) {
      case 'password': {
        const ok = auth.checkPassword(form.get('username') ?? '', form.get('password') ?? '');
        return ok ? { status: 200, body: auth.issue() } : INVALID_GRANT;
      }
      case 'refresh_token': {
        const reply = auth.refreshWith(form.get('refresh_token') ?? '');
        return reply
          ? { status: 200, body: reply }
          : {
              status: 400,
              body: { error: 'invalid_grant', error_description: 'The refresh token is invalid.' },
            };
      }
      default:
        return UNSUPPORTED_GRANT;
    }
  },
};
