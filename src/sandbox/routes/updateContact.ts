import { nexudusTime } from '../ids.js';
import type { OmittedOnPut } from '../options.js';
import { NOT_FOUND } from '../reply.js';
import type { ContractContactRecord } from '../types.js';
import {
  CONTACT_FIELD_NAMES,
  validateContact,
  type ContactFields,
  type ValidationError,
} from '../validate.js';
import { invalid, jsonBody, succeeded } from './writeReplies.js';
import type { Route } from './types.js';

/**
 * `PUT /api/billing/contractcontacts`: the body holds the record's `Id` and its fields, checked
 * as a create's are (the required fields too: Nexudus asks for "the Id of the record to update
 * along with all required fields"); read-only and unknown properties are ignored.
 *
 * Where Nexudus's docs are silent, the sandbox decides:
 * - An `Id` that is missing or not a whole number is a validation error naming `Id` (400, listed
 *   first, beside the fields' errors). A well-formed `Id` of no record answers `404 "Not found"`,
 *   before the fields are checked, as GET and DELETE answer for it: the record to update is gone.
 * - A writable field the body leaves out is cleared, or kept with `omittedOnPut: 'keep'`.
 * - Every update stamps `UpdatedOn` and `UpdatedBy`, whether or not a value changed.
 */
export const updateContactRoute: Route = {
  method: 'PUT',
  pattern: '/api/billing/contractcontacts',
  auth: true,
  role: 'edit',
  handler(ctx, state) {
    const parsed = jsonBody(ctx);
    if ('reply' in parsed) return parsed.reply;
    const input: Record<string, unknown> =
      typeof parsed.body === 'object' && parsed.body !== null && !Array.isArray(parsed.body)
        ? (parsed.body as Record<string, unknown>)
        : {};
    const id = Object.hasOwn(input, 'Id') ? input.Id : undefined;
    const idError = checkId(id);
    const current = idError === undefined ? state.store.get(id as number) : undefined;
    if (idError === undefined && !current) return NOT_FOUND;
    const result = validateContact(input, state.references);
    const errors = [...(idError ? [idError] : []), ...(result.ok ? [] : result.errors)];
    if (!current || !result.ok || errors.length > 0) return invalid(errors);
    const by = state.auth.username;
    state.store.replace(updated(current, result.fields, input, state.omittedOnPut, ctx.now, by));
    state.counted('updates');
    return succeeded('updated', current.Id, ctx.now, by);
  },
};

function checkId(value: unknown): ValidationError | undefined {
  if (value === undefined || value === null) {
    return { AttemptedValue: null, Message: 'is a required field', PropertyName: 'Id' };
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return { AttemptedValue: value, Message: 'must be a whole number', PropertyName: 'Id' };
  }
  return undefined;
}

/**
 * The record after the update: the fields sent (checked), and with `'keep'` the stored value of
 * each field the body left out (a field sent as `null` is cleared either way); `CreatedOn` and
 * `UniqueId` as they were.
 */
function updated(
  current: ContractContactRecord,
  fields: ContactFields,
  input: Record<string, unknown>,
  omitted: OmittedOnPut,
  now: number,
  by: string,
): ContractContactRecord {
  const stored = current as unknown as Record<string, string | number | undefined>;
  const next: Record<string, string | number> = { Id: current.Id };
  for (const name of CONTACT_FIELD_NAMES) {
    const kept = omitted === 'keep' && !Object.hasOwn(input, name) ? stored[name] : undefined;
    const value = Object.hasOwn(fields, name) ? fields[name] : kept;
    if (value !== undefined) next[name] = value;
  }
  return {
    ...next,
    CreatedOn: current.CreatedOn,
    UpdatedOn: nexudusTime(now),
    UpdatedBy: by,
    UniqueId: current.UniqueId,
  } as ContractContactRecord;
}
