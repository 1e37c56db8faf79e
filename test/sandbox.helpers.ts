import got, { type Got, type Response } from 'got';
import { afterEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/sandbox/index.js';

const running = new Set<Sandbox>();

/** Stop every sandbox a test started, whatever the test did. */
export function closeSandboxesAfterEach(): void {
  afterEach(async () => {
    await Promise.all([...running].map((s) => s.close()));
    running.clear();
  });
}

/** Start a sandbox that the afterEach hook closes. Limits are off unless the test sets them. */
export async function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const s = await startSandbox({ writesPerMinute: false, requestsPerMinute: false, ...options });
  running.add(s);
  return s;
}

export function basic(s: Sandbox): string {
  return `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}`;
}

/** A got instance for the sandbox: Basic auth, no retries, no throwing on HTTP errors. */
/** `authorization: null` sends none. */
export function api(s: Sandbox, authorization: string | null = basic(s)): Got {
  return got.extend({
    prefixUrl: s.url,
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { request: 5000 },
    headers: authorization ? { authorization } : {},
  });
}

/** The JSON body of a reply (undefined when empty). */
export function json<T = Record<string, unknown>>(res: Response<string>): T {
  return (res.body === '' ? undefined : JSON.parse(res.body)) as T;
}

/** A body the seed accepts. */
export function validContact(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    CoworkerContractId: 7103,
    FullName: 'Jürgen Weiß',
    ContractContactType: 1,
    AmlCheckStatus: 0,
    ...extra,
  };
}

export function postContact(client: Got, body: unknown): Promise<Response<string>> {
  return client.post('api/billing/contractcontacts', { json: body });
}

export function putContact(client: Got, body: unknown): Promise<Response<string>> {
  return client.put('api/billing/contractcontacts', { json: body });
}

export function deleteContact(client: Got, id: number | string): Promise<Response<string>> {
  return client.delete(`api/billing/contractcontacts/${id}`);
}

/** A contact as GET shows it (404 → undefined). */
export async function getContact(
  client: Got,
  id: number,
): Promise<Record<string, unknown> | undefined> {
  const res = await client(`api/billing/contractcontacts/${id}`);
  if (res.statusCode === 404) return undefined;
  if (res.statusCode !== 200) throw new Error(`GET ${id} answered ${res.statusCode}`);
  return json(res);
}
