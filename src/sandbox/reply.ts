/** What a route answers; the server sends it (after the latency and any fault). */
export interface Reply {
  status: number;
  /** Serialised as JSON; undefined = empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** `404 "Not found"`: what Nexudus answers for a record that does not exist. */
export const NOT_FOUND: Reply = { status: 404, body: 'Not found' };

/** The throttle reply: `409`, `Retry-After: 1`, empty body ("legacy reasons", API-FACTS). */
export const THROTTLED: Reply = { status: 409, headers: { 'Retry-After': '1' } };

/** `401`, as ASP.NET Web API words it. */
export const UNAUTHORIZED: Reply = {
  status: 401,
  body: { Message: 'Authorization has been denied for this request.' },
  headers: { 'WWW-Authenticate': 'Bearer' },
};

/** A server error (also used for the injected 500 and 503). */
export function serverError(status: 500 | 503): Reply {
  return { status, body: { Message: 'An error has occurred.' } };
}

/** `429` with `Retry-After: 1`, as Nexudus's own SDK expects it. */
export const TOO_MANY_REQUESTS: Reply = { status: 429, headers: { 'Retry-After': '1' } };

/** ASP.NET Web API's answer for a URL no route matches. */
export function noRoute(url: string): Reply {
  return {
    status: 404,
    body: { Message: `No HTTP resource was found that matches the request URI '${url}'.` },
  };
}

/** ASP.NET Web API's answer for a method a route does not support. */
export function methodNotAllowed(method: string): Reply {
  return {
    status: 405,
    body: { Message: `The requested resource does not support http method '${method}'.` },
  };
}

/**
 * The `echo-authorization` fault: a refusal whose messages echo the request's Authorization
 * header, and the token alone, as a careless server's error message might.
 */
export function echoAuthorization(header: string | undefined): Reply {
  const token = header?.replace(/^\S+\s+/, '') ?? '';
  return {
    status: 400,
    body: {
      Message: `The request was refused (Authorization: ${header ?? 'none'}).`,
      Value: null,
      Errors: [
        {
          AttemptedValue: header ?? null,
          PropertyName: 'FullName',
          Message: `could not be checked for the session ${token} (Authorization: ${header ?? 'none'})`,
        },
      ],
      WasSuccessful: false,
    },
  };
}
