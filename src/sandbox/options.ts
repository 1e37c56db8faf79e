/** The injectable faults, in the order `kinds` defaults to. */
export const FAULT_KINDS = [
  '500',
  '503',
  '409',
  '429',
  'reset-before',
  'reset-after-create',
  'slow-after-create',
] as const;

/**
 * Faults a test asks for by name, never among the default kinds:
 * - `echo-authorization`: `400`, `WasSuccessful: false`, whose `Message` and `Errors` echo the
 *   request's `Authorization` header and its bare token (as a careless server's error message
 *   might); nothing processed.
 */
export const OPT_IN_FAULT_KINDS = ['echo-authorization'] as const;

/**
 * A fault the sandbox can inject (and the opt-in ones above). Every write is eligible: POST
 * (create), PUT (update) and DELETE alike.
 * - `500` / `503`: that status with `{"Message":"An error has occurred."}`; nothing processed.
 * - `409`: the throttle reply (empty body, `Retry-After: 1`); nothing processed.
 * - `429`: `429` with `Retry-After: 1`; nothing processed.
 * - `reset-before`: the connection is destroyed; nothing processed.
 * - `reset-after-create`: the request is processed (the record created, updated or deleted),
 *   then the connection is destroyed without a reply. The name is older than PUT and DELETE.
 * - `slow-after-create`: the request is processed (likewise), and the reply sent only after
 *   `slowMs`.
 */
export type FaultKind = (typeof FAULT_KINDS)[number] | (typeof OPT_IN_FAULT_KINDS)[number];

/** Injected faults, drawn from a seeded PRNG so a test can repeat them. */
export interface FaultOptions {
  /** Probability (0..1) that an eligible request gets a fault. */
  rate: number;
  /** PRNG seed: the same seed and the same request sequence give the same faults. */
  seed: number;
  /** Kinds to choose from, uniformly. Default: all seven ({@link FAULT_KINDS}). */
  kinds?: FaultKind[];
  /**
   * Which requests are eligible. Default `'writes'`: POST/PUT/DELETE except `POST /api/token`.
   * `'all'`: every request, the token endpoint included.
   */
  on?: 'writes' | 'all';
  /** How long `slow-after-create` holds its reply, in ms. Default 30000. */
  slowMs?: number;
}

/**
 * What the sandbox does with one write request of a test's script ({@link SandboxOptions.writeScript}):
 * - `'normal'`: what it would do without the script (no fault is drawn for it);
 * - a {@link FaultKind}: that fault, for this request only;
 * - a {@link SlowWrite}: processed late, or answered late, or both.
 */
export type ScriptedWrite = 'normal' | FaultKind | SlowWrite;

/**
 * A write the server takes its time over. The two delays model two different slow servers: one
 * that stores the record at once and answers late (the reply is what is slow), and one that holds
 * the request in a queue and stores the record late (the record appears long after it was sent).
 */
export interface SlowWrite {
  /**
   * The request is processed (the record stored and `CreatedOn` stamped, or updated and
   * `UpdatedOn` stamped, or deleted) this many ms after it arrived, whether or not the client is
   * still waiting by then. Default 0.
   */
  readonly storeAfterMs?: number;
  /** The reply goes out this many ms after the request was processed. Default 0. */
  readonly replyAfterMs?: number;
}

/**
 * The API roles the account's user holds, by what they allow on contract contacts. Nexudus
 * answers a request its user has no role for with `401`, as it answers bad credentials; so does
 * the sandbox (after the rate limits and the login check, before reading the body).
 */
export interface SandboxRoles {
  /** `ContractContact-Create`: `POST /api/billing/contractcontacts`. Default true. */
  readonly create?: boolean;
  /** `ContractContact-Edit`: `PUT /api/billing/contractcontacts`. Default true. */
  readonly edit?: boolean;
  /** `ContractContact-Delete`: `DELETE /api/billing/contractcontacts/{id}`. Default true. */
  readonly delete?: boolean;
}

/**
 * What a PUT does with a writable field its body leaves out. Nexudus does not document it; its
 * docs ask for "the Id of the record to update along with all required fields".
 * - `'clear'`: the record becomes exactly what the body holds: a field left out is cleared, as a
 *   server that binds the body to a fresh object and saves it would do. The stricter assumption,
 *   and the default: a client that does not send the whole record loses data, and a test sees it.
 * - `'keep'`: a field left out keeps its value; only a field sent (as `null` to clear it)
 *   changes.
 * Either way a field sent as `null` is cleared, and the required fields must be sent.
 */
export type OmittedOnPut = 'clear' | 'keep';

/** How to run the sandbox. Every option has a default; `startSandbox()` alone is a usable server. */
export interface SandboxOptions {
  /** TCP port on 127.0.0.1. Default 0: an ephemeral port (read it from `Sandbox.url`). */
  port?: number;
  /** The account's login. Default `'admin@sandbox.test'`. */
  username?: string;
  /** The account's password. Default `'sandbox-password'`. */
  password?: string;
  /**
   * Writes (POST/PUT/DELETE except `POST /api/token`) accepted in any 60 s. Default 60 (the Nexudus
   * limit); `false` = no write limit.
   */
  writesPerMinute?: number | false;
  /**
   * Requests of any method (writes included, `/api/token` excluded) accepted in any 60 s.
   * Default `max(120, 2 * writesPerMinute)`; when `writesPerMinute` is `false`, default `false`.
   * `false` = no request limit.
   */
  requestsPerMinute?: number | false;
  /**
   * Requests of any method (as `requestsPerMinute` counts them) accepted in any `hourMs`: Nexudus's
   * 5,000 an hour. Default `max(5000, ⌈writesPerMinute × 5000 / 60⌉)`, Nexudus's ratio, as the
   * importer's default; when `writesPerMinute` is `false`, default `false`. `false` = no hourly
   * limit.
   */
  requestsPerHour?: number | false;
  /**
   * How long the sandbox's "hour" is, in ms. Default 3,600,000. Tests and benchmarks shorten it to
   * see the hourly limit at work in a minute (the importer's matching knob is the environment
   * variable NEXUDUS_IMPORT_HOUR_MS); the per-minute limits keep their real minute.
   */
  hourMs?: number;
  /** Delay added before every reply (and before a reset), in ms. Default 0. */
  latencyMs?: number;
  /** Injected faults. Default: none. */
  faults?: FaultOptions;
  /**
   * What happens to the first write requests (POST/PUT/DELETE except `POST /api/token`), one step
   * each in arrival order; after the script, writes are `'normal'` (or drawn from `faults`). For
   * tests that need one fault at one moment, not a random one. Default: none.
   */
  writeScript?: readonly ScriptedWrite[];
  /**
   * A JSON file holding the contract contacts: loaded at start when it exists (the account's
   * starting contacts are then not added), written (temp file + rename) after every change.
   * Default: none, records live in memory only.
   */
  dataFile?: string;
  /**
   * Whether the account starts with its two contacts (see `account.ts`). Default `true`.
   * Ignored when `dataFile` exists: the file's records are the store.
   */
  existingContacts?: boolean;
  /**
   * More coworker contracts besides 7101–7106: 8001..8000+n, active, owned in turn by coworkers
   * 2001–2008 (see `accountContracts` in `account.ts`). For benchmarks of files spread over many
   * contracts. Default 0.
   */
  extraContracts?: number;
  /**
   * Contracts 7201–7213 besides the account's: customers holding several contracts on the same
   * or other plans, ended and cancelled ones, accented and shared company names (see
   * `customers.ts`). For tests of naming a contract by its customer. Default `false`.
   */
  customerContracts?: boolean;
  /**
   * More contract contacts at the start, besides the two of the account (and after them):
   * realistic names, emails, phones, addresses, AML states and past CreatedOn/UpdatedOn dates,
   * spread over every contract of the account (the `extraContracts` too), each FullName unique
   * within its contract; the same `accountSeed` gives the same contacts (see `extraContacts.ts`).
   * For tests and benchmarks of export and update on a large account. Default 0, at most
   * 1,000,000. Ignored when `dataFile` exists.
   */
  extraContacts?: number;
  /** Seed of the `extraContacts`. Default 1. */
  accountSeed?: number;
  /** The roles the account's user holds (see {@link SandboxRoles}). Default: all of them. */
  roles?: SandboxRoles;
  /** What a PUT does with a writable field it leaves out. Default `'clear'` ({@link OmittedOnPut}). */
  omittedOnPut?: OmittedOnPut;
  /** The clock, in ms since the epoch; for tests of the sliding windows. Default `Date.now`. */
  now?: () => number;
  /** Told of every request once it was answered (or dropped): the `sandbox` command's log. */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** One line of the sandbox's request log. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** The HTTP status sent, or `reset` when the connection was dropped without a reply. */
  readonly status: number | 'reset';
  readonly ms: number;
}

/** {@link SandboxOptions} with every default filled in. */
export interface ResolvedSandboxOptions {
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly writesPerMinute: number | false;
  readonly requestsPerMinute: number | false;
  readonly requestsPerHour: number | false;
  readonly hourMs: number;
  readonly latencyMs: number;
  readonly faults: Required<FaultOptions> | undefined;
  readonly writeScript: readonly ScriptedWrite[];
  readonly dataFile: string | undefined;
  readonly existingContacts: boolean;
  readonly extraContracts: number;
  readonly customerContracts: boolean;
  readonly extraContacts: number;
  readonly accountSeed: number;
  readonly roles: Required<SandboxRoles>;
  readonly omittedOnPut: OmittedOnPut;
  readonly now: () => number;
  readonly onRequest: ((entry: RequestLogEntry) => void) | undefined;
}

/** Fill in the documented defaults, refusing values that would make the server misbehave. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const writesPerMinute = limit('writesPerMinute', options.writesPerMinute, 60);
  const requestsPerMinute = limit(
    'requestsPerMinute',
    options.requestsPerMinute,
    writesPerMinute === false ? false : Math.max(120, 2 * writesPerMinute),
  );
  const requestsPerHour = limit(
    'requestsPerHour',
    options.requestsPerHour,
    writesPerMinute === false ? false : Math.max(5000, Math.ceil((writesPerMinute * 5000) / 60)),
  );
  const hourMs = options.hourMs ?? 3_600_000;
  if (!Number.isInteger(hourMs) || hourMs < 1) {
    throw new RangeError('hourMs must be a whole number above 0');
  }
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new RangeError('latencyMs must be 0 or more');
  const extraContracts = options.extraContracts ?? 0;
  // 8001 + n must stay clear of other Ids of the account (coworkers are 20xx, contacts 8765xxxx).
  if (!Number.isInteger(extraContracts) || extraContracts < 0 || extraContracts > 100_000) {
    throw new RangeError('extraContracts must be a whole number from 0 to 100000');
  }
  const extraContacts = options.extraContacts ?? 0;
  if (!Number.isInteger(extraContacts) || extraContacts < 0 || extraContacts > 1_000_000) {
    throw new RangeError('extraContacts must be a whole number from 0 to 1000000');
  }
  const accountSeed = options.accountSeed ?? 1;
  if (!Number.isInteger(accountSeed)) throw new RangeError('accountSeed must be a whole number');
  const omittedOnPut = options.omittedOnPut ?? 'clear';
  if (omittedOnPut !== 'clear' && omittedOnPut !== 'keep') {
    throw new RangeError("omittedOnPut must be 'clear' or 'keep'");
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError('port must be a whole number from 0 to 65535');
  }
  return {
    port,
    username: options.username ?? 'admin@sandbox.test',
    password: options.password ?? 'sandbox-password',
    writesPerMinute,
    requestsPerMinute,
    requestsPerHour,
    hourMs,
    latencyMs,
    faults: options.faults && resolveFaults(options.faults),
    writeScript: resolveScript(options.writeScript ?? []),
    dataFile: options.dataFile,
    existingContacts: options.existingContacts ?? true,
    extraContracts,
    customerContracts: options.customerContracts ?? false,
    extraContacts,
    accountSeed,
    roles: {
      create: options.roles?.create ?? true,
      edit: options.roles?.edit ?? true,
      delete: options.roles?.delete ?? true,
    },
    omittedOnPut,
    now: options.now ?? Date.now,
    onRequest: options.onRequest,
  };
}

function limit(name: string, value: number | false | undefined, fallback: number | false) {
  if (value === undefined) return fallback;
  if (value !== false && !(Number.isInteger(value) && value > 0)) {
    throw new RangeError(`${name} must be a whole number above 0, or false`);
  }
  return value;
}

function resolveScript(script: readonly ScriptedWrite[]): readonly ScriptedWrite[] {
  for (const step of script) {
    if (typeof step === 'string') {
      if (step !== 'normal' && ![...FAULT_KINDS, ...OPT_IN_FAULT_KINDS].includes(step)) {
        throw new RangeError(`unknown writeScript step ${String(step)}`);
      }
      continue;
    }
    for (const ms of [step.storeAfterMs ?? 0, step.replyAfterMs ?? 0]) {
      if (!(ms >= 0)) throw new RangeError('writeScript delays must be 0 or more');
    }
  }
  return [...script];
}

function resolveFaults(faults: FaultOptions): Required<FaultOptions> {
  if (!(faults.rate >= 0 && faults.rate <= 1)) throw new RangeError('faults.rate must be 0..1');
  const kinds = faults.kinds ?? [...FAULT_KINDS];
  if (kinds.length === 0) throw new RangeError('faults.kinds must name at least one kind');
  for (const kind of kinds) {
    if (![...FAULT_KINDS, ...OPT_IN_FAULT_KINDS].includes(kind))
      throw new RangeError(`unknown fault kind ${String(kind)}`);
  }
  return {
    rate: faults.rate,
    seed: faults.seed,
    kinds,
    on: faults.on ?? 'writes',
    slowMs: faults.slowMs ?? 30_000,
  };
}
