import { nexudusTime } from '../ids.js';
import type { Reply } from '../reply.js';
import { CONTACT_FIELD_NAMES, validateContact, type ValidationError } from '../validate.js';
import { listRoutes } from './list.js';
import type { Route, SandboxState } from './types.js';

const PATH = '/api/billing/contractcontacts';

/** The validation failure body of the seed: one `Message` line per error, and `Errors`. */
function invalid(errors: ValidationError[]): Reply {
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

/** `POST /api/billing/contractcontacts`: the seed's validation and reply shapes. */
const createRoute: Route = {
  method: 'POST',
  pattern: PATH,
  auth: true,
  handler(ctx, state: SandboxState) {
    // .NET Web API picks the body parser by Content-Type; a form or text body is not JSON to it.
    if (ctx.contentType !== undefined && !JSON_TYPES.has(ctx.contentType)) {
      return {
        status: 415,
        body: {
          Message: `The request entity's media type '${ctx.contentType}' is not supported for this resource.`,
        },
      };
    }
    let body: unknown;
    try {
      body = ctx.body.length === 0 ? null : JSON.parse(ctx.body.toString('utf8'));
    } catch {
      return invalid([
        { AttemptedValue: null, Message: 'the request body is not valid JSON', PropertyName: '' },
      ]);
    }
    const result = validateContact(body, state.references);
    if (!result.ok) return invalid(result.errors);
    const record = state.store.create(result.fields, ctx.now);
    state.onCreate();
    return {
      status: 200,
      body: {
        Status: 200,
        Message: 'ContractContact was successfully created.',
        Value: { Id: record.Id },
        OpenInDialog: false,
        OpenInWindow: false,
        RedirectURL: null,
        JavaScript: null,
        UpdatedOn: nexudusTime(ctx.now),
        UpdatedBy: state.auth.username,
        Errors: null,
        WasSuccessful: true,
      },
    };
  },
};

/** Every route of contract contacts: list, get by Id, create. */
export function contractContactRoutes(state: Pick<SandboxState, 'store'>): Route[] {
  return [
    ...listRoutes({
      entity: 'ContractContact',
      path: PATH,
      properties: ['Id', ...CONTACT_FIELD_NAMES, 'CreatedOn', 'UpdatedOn', 'UniqueId'],
      all: () => state.store.all(),
      get: (id) => state.store.get(id),
    }),
    createRoute,
  ];
}
