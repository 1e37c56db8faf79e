import { contactView } from '../contactView.js';
import { validateContact, CONTACT_FIELD_NAMES } from '../validate.js';
import { deleteContactRoute } from './deleteContact.js';
import { listRoutes } from './list.js';
import type { Route, SandboxState } from './types.js';
import { updateContactRoute } from './updateContact.js';
import { invalid, jsonBody, succeeded } from './writeReplies.js';

const PATH = '/api/billing/contractcontacts';

/** `POST /api/billing/contractcontacts`: the seed's validation and reply shapes. */
const createRoute: Route = {
  method: 'POST',
  pattern: PATH,
  auth: true,
  role: 'create',
  handler(ctx, state: SandboxState) {
    const parsed = jsonBody(ctx);
    if ('reply' in parsed) return parsed.reply;
    const result = validateContact(parsed.body, state.references);
    if (!result.ok) return invalid(result.errors);
    const record = state.store.create(result.fields, ctx.now, state.auth.username);
    state.counted('creates');
    return succeeded('created', record.Id, ctx.now, state.auth.username);
  },
};

/**
 * Every route of contract contacts: the list (with `?id=[…]`), get by Id, create, update and
 * delete. Reads show each record as `contactView` does; filters and `orderBy` see the stored
 * fields (the writable ones, `Id`, `CreatedOn`, `UpdatedOn`, `UpdatedBy`, `UniqueId`).
 */
export function contractContactRoutes(state: Pick<SandboxState, 'store' | 'lookups'>): Route[] {
  return [
    ...listRoutes({
      entity: 'ContractContact',
      path: PATH,
      properties: ['Id', ...CONTACT_FIELD_NAMES, 'CreatedOn', 'UpdatedOn', 'UpdatedBy', 'UniqueId'],
      all: () => state.store.all(),
      inIdOrder: true,
      get: (id) => state.store.get(id),
      view: (record) => contactView(record, state.lookups),
    }),
    createRoute,
    updateContactRoute,
    deleteContactRoute,
  ];
}
