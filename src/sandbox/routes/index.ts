import type { CoworkerContractRecord } from '../account.js';
import { contractContactRoutes } from './contractContacts.js';
import { referenceRoutes } from './reference.js';
import { tokenRoute } from './token.js';
import type { Route, SandboxState } from './types.js';

/** What a path and method resolve to. */
export type RouteMatch =
  | { kind: 'route'; route: Route; id: string | undefined }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

/** Finds the route for a request. Paths match ignoring case and a trailing slash, as IIS does. */
export class Router {
  private readonly routes: readonly Route[];

  constructor(
    state: Pick<SandboxState, 'store' | 'lookups'>,
    contracts: readonly CoworkerContractRecord[],
  ) {
    this.routes = [tokenRoute, ...referenceRoutes(contracts), ...contractContactRoutes(state)];
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = normalise(pathname).split('/');
    let pathMatched = false;
    for (const route of this.routes) {
      const pattern = route.pattern.split('/');
      if (pattern.length !== segments.length) continue;
      let id: string | undefined;
      const fits = pattern.every((part, i) => {
        const segment = segments[i] ?? '';
        if (part !== '{id}') return part === segment;
        id = segment;
        return segment !== '';
      });
      if (!fits) continue;
      if (route.method === method) return { kind: 'route', route, id };
      pathMatched = true;
    }
    return pathMatched ? { kind: 'wrong-method' } : { kind: 'none' };
  }
}

function normalise(pathname: string): string {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  return path.toLowerCase().replace(/\/+$/, '');
}
