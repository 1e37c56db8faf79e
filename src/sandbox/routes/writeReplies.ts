import { nexudusTime } from '../ids.js';
import type { Reply } from '../reply.js';
import type { ValidationError } from '../validate.js';
import type { RequestContext } from './types.js';

/** The validation failure body of the seed: one `Message` line per error, and `Errors`. */
export function invalid(errors: ValidationError[]): Reply {
  return {
    status: 400,
    body: {
      Message: errors.map((e) => `${e.PropertyName}: ${e.Message}`).join('\n'),
      Value: null,
      Errors: errors,
      WasSuccessful: false,
    },
  };
}

const JSON_TYPES = new Set(['application/json', 'text/json']);

/**
 * The JSON body of a create or update (`null` when empty), or the reply refusing it: 415 for a
 * body that is not JSON by its Content-Type (.NET Web API picks the parser by it; a form or text
 * body is not JSON to it), 400 for malformed JSON.
 */
export function jsonBody(ctx: RequestContext): { body: unknown } | { reply: Reply } {
  if (ctx.contentType !== undefined && !JSON_TYPES.has(ctx.contentType)) {
    return {
      reply: {
        status: 415,
        body: {
          Message: `The request entity's media type '${ctx.contentType}' is not supported for this resource.`,
        },
      },
    };
  }
  try {
    return { body: ctx.body.length === 0 ? null : JSON.parse(ctx.body.toString('utf8')) };
  } catch {
    return {
      reply: invalid([
        { AttemptedValue: null, Message: 'the request body is not valid JSON', PropertyName: '' },
      ]),
    };
  }
}

/**
 * The seed's success envelope, for a create, an update or a delete of contact `id`. Nexudus
 * documents it for a create; the update and delete pages say "the usual envelope".
 */
export function succeeded(
  done: 'created' | 'updated' | 'deleted',
  id: number,
  now: number,
  by: string,
): Reply {
  return {
    status: 200,
    body: {
      Status: 200,
      Message: `ContractContact was successfully ${done}.`,
      Value: { Id: id },
      OpenInDialog: false,
      OpenInWindow: false,
      RedirectURL: null,
      JavaScript: null,
      UpdatedOn: nexudusTime(now),
      UpdatedBy: by,
      Errors: null,
      WasSuccessful: true,
    },
  };
}
