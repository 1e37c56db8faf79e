import type { Auth } from '../auth.js';
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
  /** Counts each contact created (stats). */
  readonly onCreate: () => void;
}

export type Handler = (ctx: RequestContext, state: SandboxState) => Reply;

export interface Route {
  readonly method: 'GET' | 'POST';
  /** `/api/billing/contractcontacts/{id}`: lower case, `{id}` matches one segment. */
  readonly pattern: string;
  /** Whether the route needs an `Authorization` header (all but the token endpoint). */
  readonly auth: boolean;
  readonly handler: Handler;
}
