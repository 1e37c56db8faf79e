import http from 'node:http';
import https from 'node:https';
import got, { RequestError, type Got, type Response } from 'got';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ImportError } from '../errors.js';
import type { RowProblem } from '../map/types.js';
import type { Payload } from '../payload.js';
import { rememberSecret, scrubText } from '../secrets.js';
import { TOOL_VERSION } from '../version.js';
import type { Credentials } from './credentials.js';
import type { Pacer, RequestKind } from './pacer.js';
import { countedPageReply, pageReply, tokenReply, writeReply } from './replies.js';
import { backoffMs, isNotSent, parseRetryAfter } from './retry.js';
import { sleepUnlessStopped } from './sleep.js';

export interface ClientOptions {
  /** API root without `/api` (see checkBaseUrl). */
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly pacer: Pacer;
  readonly logger: Logger;
  /** A request with no reply after this long is given up (default 30 s). */
  readonly timeoutMs?: number;
  /** Tries for a read that fails with 5xx or a network error (default 5). */
  readonly readTries?: number;
  /** Stop with exit 3 when throttled without a break for this long (default 5 minutes). */
  readonly maxThrottledMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * A dry run's client (validate, import --dry-run): GETs only. A write is refused before it is
   * sent, as a bug: what a dry run says must cost the account nothing.
   */
  readonly readOnly?: boolean;
}

/**
 * What became of one write request (Nexudus answers every write alike); the engine's Writer
 * decides what to do next.
 */
export type WriteAttempt =
  /** The server carried it out: the Id of the record written. */
  | { readonly kind: 'done'; readonly id: number }
  | { readonly kind: 'rejected'; readonly problems: readonly RowProblem[] }
  | { readonly kind: 'throttled'; readonly retryAfterMs: number }
  /** The server failed it (5xx): not processed, safe to resend. */
  | { readonly kind: 'failed'; readonly error: string }
  /** The connection failed before the request was sent (refused, no such host): safe to resend. */
  | { readonly kind: 'not-sent'; readonly error: string }
  /** The request went out and no answer came back: the record may exist. */
  | { readonly kind: 'ambiguous'; readonly error: string };

/**
 * The body of an update: the record's Id and its writable fields as read, with the row's changes
 * applied; `null` clears a field (`--clear-blank`).
 */
export type UpdateBody = { readonly Id: number } & Readonly<Record<string, string | number | null>>;

const PAGE_SIZE = 1000;

/** The role each write needs, as Nexudus names it (a request without it is answered 401). */
const WRITE_ROLES = {
  post: 'ContractContact-Create',
  put: 'ContractContact-Edit',
  delete: 'ContractContact-Delete',
} as const;

/** One page of a list: its records, and how many the whole list holds (when the server says). */
export interface ListPage {
  readonly records: readonly unknown[];
  readonly total: number | undefined;
}

/**
 * The Nexudus API as the importer uses it. Every request goes through the run's one Pacer.
 * got's own retry is off: reads are retried here (they are safe to repeat), writes never are
 * (the engine's Writer decides, after looking for the record when the outcome is ambiguous).
 */
export class NexudusClient {
  private readonly http: Got;
  private token: string | undefined;
  private tokenGeneration = 0;
  private relogin: Promise<void> | undefined;
  private throttledSince: number | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Aborted by stop(): reads in flight are dropped, waits end, no new turn is handed out. */
  private readonly reads = new AbortController();
  /** Aborted by abandonWrites(): creates in flight are dropped (they stay unanswered). */
  private readonly writes = new AbortController();
  /** Counters for summary.json. */
  readonly counts = { reads: 0, writes: 0, throttled: 0, retries: 0 };

  constructor(private readonly options: ClientOptions) {
    const { credentials } = options;
    rememberSecret(credentials.kind === 'token' ? credentials.token : credentials.password);
    this.sleep = options.sleep ?? ((ms) => sleepUnlessStopped(ms, this.reads.signal));
    this.http = got.extend({
      prefixUrl: `${options.baseUrl}/api/`,
      timeout: { request: options.timeoutMs ?? 30_000 },
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      agent: {
        http: new http.Agent({ keepAlive: true }),
        https: new https.Agent({ keepAlive: true }),
      },
      headers: { 'user-agent': `nexudus-import/${TOOL_VERSION}`, accept: 'application/json' },
    });
  }

  /** How long a request waits for its answer before it is given up. */
  get requestTimeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  /**
   * Aborted when the run stops (its reason the ImportError given to stop()): a wait of the run
   * itself (a backoff, the daily limit) should end with it too.
   */
  get stopSignal(): AbortSignal {
    return this.reads.signal;
  }

  /**
   * Ctrl-C, SIGTERM, or the run stopped for another reason: no new request is sent (those waiting
   * for their turn are refused with `reason` at once), reads in flight are dropped (their answer
   * is of no use any more) and every wait ends. Creates in flight go on until abandonWrites().
   */
  stop(reason: ImportError): void {
    if (this.reads.signal.aborted) return;
    this.options.pacer.stop(reason);
    this.reads.abort(reason);
  }

  /**
   * Drops the creates still in flight. Each was journaled as sent before it went out and gets no
   * outcome now: it stays unanswered, and a resume looks for its record before sending anything
   * again (never a blind resend).
   */
  abandonWrites(): void {
    this.writes.abort(this.stoppedReason() ?? new ImportError('interrupted', 'Stopped.'));
  }

  /** Exchanges a username and password for a token; a refusal is ImportError('auth-refused'). */
  async login(): Promise<void> {
    const { credentials } = this.options;
    if (credentials.kind === 'token') {
      this.token = credentials.token;
      return;
    }
    const form: Record<string, string> = {
      grant_type: 'password',
      username: credentials.username,
      password: credentials.password,
      ...(credentials.totp ? { totp: credentials.totp } : {}),
    };
    const response = await this.send('read', () =>
      this.http.post('token', { form, headers: {}, signal: this.reads.signal }),
    ).catch((error: unknown) => {
      throw this.stoppedReason() ?? this.unreachable(error);
    });
    if (response.statusCode === 200) {
      const parsed = tokenReply.safeParse(jsonOf(response));
      if (parsed.success) {
        rememberSecret(parsed.data.access_token);
        rememberSecret(parsed.data.refresh_token);
        this.token = parsed.data.access_token;
        this.tokenGeneration += 1;
        this.options.logger.info('logged in');
        return;
      }
    }
    if (response.statusCode === 400 || response.statusCode === 401) {
      throw new ImportError(
        'auth-refused',
        `Nexudus refused the login for ${credentials.username}: check NEXUDUS_USERNAME and NEXUDUS_PASSWORD (and NEXUDUS_TOTP if the account uses two-factor authentication).`,
      );
    }
    throw new ImportError(
      'server-failing',
      `Nexudus answered the login with HTTP ${response.statusCode}; try again later.`,
    );
  }

  /** GET one JSON document, paced, retried on throttling, 5xx and network errors. */
  async get<T>(
    path: string,
    schema: z.ZodType<T>,
    searchParams?: Record<string, string | number>,
  ): Promise<T> {
    const tries = this.options.readTries ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      let response: Response<string>;
      try {
        response = await this.authorized('read', (headers) =>
          this.http.get(path, {
            headers,
            signal: this.reads.signal,
            ...(searchParams ? { searchParams } : {}),
          }),
        );
      } catch (error) {
        if (error instanceof ImportError) throw error;
        const stopped = this.stoppedReason();
        if (stopped) throw stopped;
        if (attempt >= tries) throw this.unreachable(error);
        await this.backoff(attempt, error);
        continue;
      }
      if (response.statusCode === 409 || response.statusCode === 429) {
        await this.onThrottled(parseRetryAfter(response.headers['retry-after']));
        attempt -= 1; // being throttled is not a failed try
        continue;
      }
      this.onNotThrottled();
      if (response.statusCode >= 500) {
        if (attempt >= tries) {
          throw new ImportError(
            'server-failing',
            `Nexudus kept failing (HTTP ${response.statusCode} on ${path}); try again later, or --resume the results folder.`,
          );
        }
        await this.backoff(attempt, `HTTP ${response.statusCode}`);
        continue;
      }
      if (response.statusCode !== 200) {
        throw new ImportError(
          'server-failing',
          `Nexudus answered HTTP ${response.statusCode} to GET ${path}; check --base-url and that the account may read it.`,
        );
      }
      const parsed = schema.safeParse(jsonOf(response));
      if (!parsed.success) {
        throw new ImportError(
          'server-failing',
          `Nexudus sent a reply to GET ${path} that nexudus-import does not understand; check --base-url.`,
          { cause: parsed.error },
        );
      }
      return parsed.data;
    }
  }

  /** Every record of a list, a page of 1000 at a time. */
  async list(path: string, filters: Record<string, string | number> = {}): Promise<unknown[]> {
    const records: unknown[] = [];
    for (let page = 1; ; page += 1) {
      const reply = await this.get(path, pageReply, { ...filters, page, size: PAGE_SIZE });
      records.push(...reply.Records);
      if (!reply.HasNextPage || reply.Records.length === 0) return records;
    }
  }

  /**
   * The pages of a list one at a time, 1,000 records a page, for a caller that must not hold
   * every record at once (export): each page with the list's total, as the server counts it.
   */
  async *pages(
    path: string,
    filters: Record<string, string | number> = {},
  ): AsyncGenerator<ListPage, void, undefined> {
    for (let page = 1; ; page += 1) {
      const reply = await this.get(path, countedPageReply, { ...filters, page, size: PAGE_SIZE });
      yield { records: reply.Records, total: reply.TotalItems ?? undefined };
      if (!reply.HasNextPage || reply.Records.length === 0) return;
    }
  }

  /**
   * One create request: never retried here. `onSend` runs right before it goes out, after its
   * turn came (the journal's `sending` line): a request refused by stop() was never sent.
   */
  create(payload: Payload, onSend?: () => void): Promise<WriteAttempt> {
    return this.write('post', payload, onSend);
  }

  /**
   * One update request, `PUT billing/contractcontacts` with the record's Id and fields: never
   * retried here, as create. A 404 (the record is gone) is a rejection naming the Id.
   */
  update(record: UpdateBody, onSend?: () => void): Promise<WriteAttempt> {
    return this.write('put', record, onSend);
  }

  /**
   * One delete request, `DELETE billing/contractcontacts/{id}` (undo): never retried here, as
   * create. A 404 is done: the record is gone, which is what a delete is for (a second DELETE of
   * a record an unanswered one removed ends the same way).
   */
  remove(id: number, onSend?: () => void): Promise<WriteAttempt> {
    return this.write('delete', undefined, onSend, id);
  }

  private async write(
    method: 'post' | 'put' | 'delete',
    json: Payload | UpdateBody | undefined,
    onSend?: () => void,
    id?: number,
  ): Promise<WriteAttempt> {
    if (this.options.readOnly) {
      throw new Error(`a dry run tried to send a ${method.toUpperCase()}; nothing was sent`);
    }
    const role = WRITE_ROLES[method];
    let response: Response<string>;
    try {
      response = await this.authorized(
        'write',
        (headers) => {
          onSend?.();
          return this.http[method](
            id === undefined ? 'billing/contractcontacts' : `billing/contractcontacts/${id}`,
            { headers, ...(json ? { json } : {}), signal: this.writes.signal },
          );
        },
        role,
      );
    } catch (error) {
      if (error instanceof ImportError) throw error;
      // Abandoned after a stop: unanswered, settled by the resume's lookup, never resent here.
      if (this.writes.signal.aborted) throw this.writes.signal.reason as ImportError;
      const message = describe(error);
      return isNotSent(error)
        ? { kind: 'not-sent', error: message }
        : { kind: 'ambiguous', error: message };
    }
    if (response.statusCode === 409 || response.statusCode === 429) {
      // counted by onThrottled, which the Writer calls before sending again
      return { kind: 'throttled', retryAfterMs: parseRetryAfter(response.headers['retry-after']) };
    }
    this.onNotThrottled();
    if (response.statusCode >= 500)
      return { kind: 'failed', error: `Nexudus answered HTTP ${response.statusCode}` };
    // A role missing for an edit or a delete may be answered 403 rather than 401: the same stop.
    if (response.statusCode === 403 && method !== 'post') throw this.refused(role, 403);
    if (method === 'delete' && id !== undefined) {
      if (response.statusCode === 404) return { kind: 'done', id };
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const reply = writeReply.safeParse(jsonOf(response));
        // the usual envelope, or an empty 2xx: done either way, unless it says it failed
        if (!reply.success || reply.data.WasSuccessful) return { kind: 'done', id };
      }
    }
    if (response.statusCode === 404 && method === 'put') {
      const id = (json as UpdateBody).Id;
      return {
        kind: 'rejected',
        problems: [
          {
            PropertyName: 'Id',
            Message: `no contact with Id ${id} in Nexudus any more`,
            columns: [],
          },
        ],
      };
    }
    const body = writeReply.safeParse(jsonOf(response));
    if (response.statusCode === 200 && body.success && body.data.WasSuccessful && body.data.Value) {
      return { kind: 'done', id: body.data.Value.Id };
    }
    if (body.success && !body.data.WasSuccessful) {
      // The one place text from the server enters the run (reports, journal): a server may echo
      // the request, Authorization header and all, so its words are scrubbed of the run's secrets.
      const problems = (body.data.Errors ?? []).map((e) => ({
        PropertyName: scrubText(e.PropertyName || 'Row'),
        Message: scrubText(e.Message || 'refused by Nexudus'),
        columns: [],
      }));
      return {
        kind: 'rejected',
        problems: problems.length
          ? problems
          : [
              {
                PropertyName: 'Row',
                Message: scrubText(
                  body.data.Message || `refused by Nexudus (HTTP ${response.statusCode})`,
                ),
                columns: [],
              },
            ],
      };
    }
    return {
      kind: 'rejected',
      problems: [
        {
          PropertyName: 'Row',
          Message: `Nexudus answered HTTP ${response.statusCode} with a reply nexudus-import does not understand`,
          columns: [],
        },
      ],
    };
  }

  /** The pacer's view of a throttled reply, with the 5-minute give-up rule (SPEC "Uploading"). */
  async onThrottled(retryAfterMs: number): Promise<void> {
    this.counts.throttled += 1;
    const now = Date.now();
    this.throttledSince ??= now;
    if (now - this.throttledSince > (this.options.maxThrottledMs ?? 5 * 60_000)) {
      throw new ImportError(
        'throttled-too-long',
        'Nexudus has been asking nexudus-import to wait for more than 5 minutes; the run stopped. Resume it later with --resume.',
      );
    }
    this.options.pacer.throttled(retryAfterMs);
    await this.pause(retryAfterMs);
  }

  /** A reply that was not a throttle: the throttled spell (if any) is over. */
  onNotThrottled(): void {
    this.throttledSince = undefined;
    this.options.pacer.succeeded();
  }

  /** Why the run stopped, once stop() was called. */
  private stoppedReason(): ImportError | undefined {
    return this.reads.signal.aborted ? (this.reads.signal.reason as ImportError) : undefined;
  }

  private async backoff(attempt: number, error: unknown): Promise<void> {
    this.counts.retries += 1;
    this.options.logger.warn({ attempt, error: describe(error) }, 'request failed; retrying');
    await this.pause(backoffMs(attempt));
  }

  /** A wait between tries that ends, with the stop's reason, when the run stops. */
  private async pause(ms: number): Promise<void> {
    await this.sleep(ms);
    const stopped = this.stoppedReason();
    if (stopped) throw stopped;
  }

  /** Sends with the current token; on a 401 logs in again once and resends. */
  private async authorized(
    kind: RequestKind,
    request: (headers: Record<string, string>) => Promise<Response<string>>,
    role?: string,
  ): Promise<Response<string>> {
    const generation = this.tokenGeneration;
    const response = await this.send(kind, () => request(this.authHeaders()));
    if (response.statusCode !== 401) return response;
    if (this.options.credentials.kind === 'token') throw this.refused(role);
    await this.loginAgain(generation);
    const second = await this.send(kind, () => request(this.authHeaders()));
    if (second.statusCode === 401) throw this.refused(role);
    return second;
  }

  private async loginAgain(seenGeneration: number): Promise<void> {
    if (this.tokenGeneration !== seenGeneration) return; // another request already did
    this.relogin ??= this.login().finally(() => {
      this.relogin = undefined;
    });
    this.options.logger.warn('Nexudus answered 401; logging in again');
    await this.relogin;
  }

  private async send(
    kind: RequestKind,
    request: () => Promise<Response<string>>,
  ): Promise<Response<string>> {
    if (kind === 'write') this.counts.writes += 1;
    else this.counts.reads += 1;
    return this.options.pacer.run(kind, request);
  }

  private authHeaders(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  private refused(role?: string, status = 401): ImportError {
    return new ImportError(
      'auth-lost',
      role === 'ContractContact-Edit'
        ? `Nexudus refused the update (HTTP ${status}): check the credentials, and that the user has the ContractContact-Edit role.`
        : role === 'ContractContact-Delete'
          ? `Nexudus refused the delete (HTTP ${status}): check the credentials, and that the user has the ContractContact-Delete role.`
          : 'Nexudus refused the credentials (HTTP 401): check them, and that the user has the ContractContact-Create and -List roles.',
    );
  }

  private unreachable(error: unknown): ImportError {
    if (error instanceof ImportError) return error;
    return new ImportError(
      'server-failing',
      `Cannot reach Nexudus at ${this.options.baseUrl} (${describe(error)}); check the network and --base-url, then try again.`,
      { cause: error },
    );
  }
}

function jsonOf(response: Response<string>): unknown {
  try {
    return JSON.parse(response.body) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, credential-free description of a failed request for logs and row errors. */
export function describe(error: unknown): string {
  if (error instanceof RequestError)
    return scrubText(error.code ? `${error.code}: ${error.message}` : error.message);
  return scrubText(error instanceof Error ? error.message : String(error));
}
