import type { Auth } from '../auth.js';
import type { ViewLookups } from '../contactView.js';
import type { OmittedOnPut, SandboxRoles } from '../options.js';
import type { ListQuery } from '../query.js';
import type { Reply } from '../reply.js';
import type { ContactStore } from '../store.js';
import type { ContactReferences } from '../validate.js';

/** One request, as a route sees it. */
export interface RequestContext {
  /** The `{id}` segment of the path, when the route has one. */
  readonly id: string | undefined;
  readonly search: URLSearchParams;
  readonly query: ListQuery;
  /** The raw body (empty for GET). */
  readonly body: Buffer;
  /** `Content-Type` without parameters, lower case; undefined when absent. */
  readonly contentType: string | undefined;
  /** The sandbox clock at arrival, ms since the epoch. */
  readonly now: number;
}

/** What the routes share. */
export interface SandboxState {
  readonly store: ContactStore;
  readonly auth: Auth;
  readonly references: ContactReferences;
  /** The account's records a read contact's read-only fields come from. */
  readonly lookups: ViewLookups;
  /** What a PUT does with a field it leaves out. */
  readonly omittedOnPut: OmittedOnPut;
  /** Counts each contact created, updated or deleted (stats). */
  readonly counted: (change: 'creates' | 'updates' | 'deletes') => void;
}

export type Handler = (ctx: RequestContext, state: SandboxState) => Reply;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/api/billing/contractcontacts/{id}`: lower case, `{id}` matches one segment. */
  readonly pattern: string;
  /** Whether the route needs an `Authorization` header (all but the token endpoint). */
  readonly auth: boolean;
  /** The role it needs besides a login (see `SandboxRoles`); refused with 401 without it. */
  readonly role?: keyof SandboxRoles;
  readonly handler: Handler;
}
