import { NOT_FOUND } from '../reply.js';
import { succeeded } from './writeReplies.js';
import type { Route } from './types.js';

/**
 * `DELETE /api/billing/contractcontacts/{id}`: the success envelope when the record was deleted,
 * `404 "Not found"` when there is none (never was, or already deleted). Its Id is never reused.
 */
export const deleteContactRoute: Route = {
  method: 'DELETE',
  pattern: '/api/billing/contractcontacts/{id}',
  auth: true,
  role: 'delete',
  handler({ id, now }, state) {
    const found = id !== undefined && /^\d{1,15}$/.test(id) ? Number(id) : undefined;
    if (found === undefined || !state.store.delete(found)) return NOT_FOUND;
    state.counted('deletes');
    return succeeded('deleted', found, now, state.auth.username);
  },
};
