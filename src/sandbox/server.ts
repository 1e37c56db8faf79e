import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CUSTOMER_CONTRACTS } from './customers.js';
import { accountContracts, COWORKERS, FIRST_CONTACT_ID, initialContacts } from './account.js';
import { Auth } from './auth.js';
import { readBody } from './body.js';
import { Connections } from './connections.js';
import { COUNTRIES } from './countries.js';
import { extraContacts } from './extraContacts.js';
import { FaultPlan } from './faults.js';
import {
  resolveOptions,
  type FaultKind,
  type SandboxOptions,
  type ScriptedWrite,
} from './options.js';
import { ListQuery } from './query.js';
import { SlidingWindow } from './rateLimit.js';
import {
  echoAuthorization,
  methodNotAllowed,
  noRoute,
  serverError,
  THROTTLED,
  TOO_MANY_REQUESTS,
  UNAUTHORIZED,
  type Reply,
} from './reply.js';
import { Router } from './routes/index.js';
import type { SandboxState } from './routes/types.js';
import { copyStats, emptyStats } from './stats.js';
import { ContactStore } from './store.js';
import type { Sandbox } from './types.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Faults that answer (or drop the connection) without processing the request. */
const BEFORE: Partial<Record<FaultKind, Reply | 'reset'>> = {
  '500': serverError(500),
  '503': serverError(503),
  '409': THROTTLED,
  '429': TOO_MANY_REQUESTS,
  'reset-before': 'reset',
};

/**
 * Start a Nexudus-compatible server on 127.0.0.1 (see SandboxOptions for the defaults).
 *
 * Per request, in this order: the fault draw (so faults depend on the request sequence only,
 * never on timing); a "before" fault answers at once and is not counted by the rate limits; then
 * the rate limits (a throttled request is not processed and not counted); routing (404/405);
 * authentication and roles (401); the route itself. Every reply waits `latencyMs` first; an
 * "after" fault then drops or delays whatever the route answered (a create, update or delete is
 * applied all the same). A write of `writeScript` takes its step instead of a fault draw; a slow
 * one runs the route `storeAfterMs` late (the client may have gone by then: the change is made
 * all the same) and answers `replyAfterMs` after that.
 */
export async function startSandbox(options?: SandboxOptions): Promise<Sandbox> {
  const opts = resolveOptions(options);
  const contractRecords = accountContracts(
    opts.extraContracts,
    opts.customerContracts ? CUSTOMER_CONTRACTS : [],
  );
  const store = new ContactStore(opts.dataFile, () => {
    const first = opts.existingContacts ? initialContacts() : [];
    const firstExtra = FIRST_CONTACT_ID + first.length;
    return [
      ...first,
      ...extraContacts(opts.extraContacts, opts.accountSeed, contractRecords, firstExtra),
    ];
  });
  const auth = new Auth(opts.username, opts.password, opts.now);
  const stats = emptyStats();
  const contracts = new Map(contractRecords.map((c) => [c.Id, c]));
  const coworkers = new Map(COWORKERS.map((c) => [c.Id, c]));
  const countries = new Map(COUNTRIES.map((c) => [c.Id, c]));
  const state: SandboxState = {
    store,
    auth,
    references: {
      hasContract: (id) => contracts.has(id),
      hasCoworker: (id) => coworkers.has(id),
      hasCountry: (id) => countries.has(id),
    },
    lookups: {
      contract: (id) => contracts.get(id),
      coworker: (id) => coworkers.get(id),
      country: (id) => countries.get(id),
    },
    omittedOnPut: opts.omittedOnPut,
    counted: (change) => stats[change]++,
  };
  const router = new Router(state, contractRecords);
  const writes = new SlidingWindow(opts.writesPerMinute);
  const requests = new SlidingWindow(opts.requestsPerMinute);
  const hourly = new SlidingWindow(opts.requestsPerHour, opts.hourMs);
  const faults = opts.faults && new FaultPlan(opts.faults);
  let scripted = 0;
  const scriptStep = (isWrite: boolean): ScriptedWrite | undefined =>
    isWrite && scripted < opts.writeScript.length ? opts.writeScript[scripted++] : undefined;

  const server = createServer();
  let origin = 'http://127.0.0.1'; // the port is known once listening
  const connections = new Connections(server);

  async function deliver(
    req: IncomingMessage,
    res: ServerResponse,
    reply: Reply | 'reset',
    after: FaultKind | undefined,
    holdMs = 0,
  ): Promise<void> {
    const start = Date.now();
    const log = (status: number | 'reset') =>
      opts.onRequest?.({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status,
        ms: Date.now() - start,
      });
    if (!(await connections.wait(opts.latencyMs, res))) return;
    if (reply === 'reset' || after === 'reset-after-create') {
      req.socket.destroy();
      log('reset');
      return;
    }
    const hold = after === 'slow-after-create' ? (opts.faults?.slowMs ?? 30_000) : holdMs;
    if (hold > 0 && !(await connections.wait(hold, res))) return;
    send(res, reply);
    log(reply.status);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = router.match(method, url.pathname);
    const isToken = match.kind === 'route' && !match.route.auth;
    const isWrite = WRITE_METHODS.has(method) && !isToken;

    const step = scriptStep(isWrite);
    const fault =
      step === undefined
        ? faults?.next(isWrite)
        : typeof step === 'string' && step !== 'normal'
          ? step
          : undefined;
    const slow = typeof step === 'object' ? step : undefined;
    if (fault) stats.faults[fault]++;
    if (fault === 'echo-authorization') {
      req.resume();
      return deliver(req, res, echoAuthorization(req.headers.authorization), undefined);
    }
    const before = fault && BEFORE[fault];
    if (before) {
      req.resume();
      return deliver(req, res, before, undefined);
    }

    const now = opts.now();
    if (!isToken) {
      const writeOk = !isWrite || writes.allows(now);
      const requestOk = requests.allows(now);
      const hourOk = hourly.allows(now);
      if (!writeOk || !requestOk || !hourOk) {
        stats.throttled++;
        stats.throttledBy[!writeOk ? 'writes' : !requestOk ? 'requests' : 'hour']++;
        req.resume();
        return deliver(req, res, THROTTLED, fault);
      }
      requests.record(now);
      hourly.record(now);
      stats.requestTimes.push(now);
      if (isWrite) {
        writes.record(now);
        stats.writes++;
        stats.writeTimes.push(now);
      }
    }

    if (match.kind !== 'route') {
      req.resume();
      const reply =
        match.kind === 'none' ? noRoute(`${origin}${req.url ?? '/'}`) : methodNotAllowed(method);
      return deliver(req, res, reply, fault);
    }
    const { route, id } = match;
    if (method === 'GET') stats.gets[route.pattern] = (stats.gets[route.pattern] ?? 0) + 1;
    // A missing role answers as bad credentials do (Nexudus answers both with 401).
    const refused = route.role !== undefined && !opts.roles[route.role];
    if (route.auth && (refused || !auth.allows(req.headers.authorization))) {
      stats.unauthorized++;
      req.resume();
      return deliver(req, res, UNAUTHORIZED, fault);
    }

    let body: Buffer | 'too-large';
    try {
      body = await readBody(req);
    } catch {
      return; // the client went away mid-body: nobody to answer
    }
    if (body === 'too-large') {
      return deliver(req, res, { status: 413, body: { Message: 'Request too large.' } }, fault);
    }
    const contentType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    let at = now;
    if (slow?.storeAfterMs) {
      // A request held in a queue: processed later, whether or not the client still waits.
      if (!(await connections.wait(slow.storeAfterMs))) return;
      at = opts.now();
    }
    let reply: Reply;
    try {
      reply = route.handler(
        {
          id,
          search: url.searchParams,
          query: new ListQuery(url.searchParams),
          body,
          contentType,
          now: at,
        },
        state,
      );
    } catch {
      reply = serverError(500); // e.g. the data file could not be written
    }
    return deliver(req, res, reply, fault, slow?.replyAfterMs);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // handle() settles every branch itself; the catch is for a bug, which must not crash the host.
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) send(res, serverError(500));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      // After listening, an accept error (EMFILE under a load test) must not crash the host
      // process the importer's tests run in; the sandbox keeps serving what it can.
      server.on('error', () => {});
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  origin = `http://127.0.0.1:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    username: opts.username,
    password: opts.password,
    options: opts,
    contacts: () => store.all().map(({ UpdatedBy: _by, ...record }) => record),
    contactCount: () => store.size,
    stats: () => copyStats(stats),
    revokeTokens: () => auth.revokeAll(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        connections.closeAll();
      });
      return closing;
    },
  };
}

/** Write a reply, unless the client has gone (a slow reply may outlive its client). */
function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.body === undefined) {
    headers['Content-Length'] = 0;
    res.writeHead(reply.status, headers).end();
    return;
  }
  const payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = payload.length;
  res.writeHead(reply.status, headers).end(payload);
}
