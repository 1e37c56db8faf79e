import type { FaultKind, ResolvedSandboxOptions } from './options.js';

/**
 * A stored contract contact: the fields the last create or update request sent (only the seed's
 * fields; unknown and read-only properties are dropped, nulls left out), plus what the server
 * adds. A GET shows more (see {@link ContractContactView}).
 */
export interface ContractContactRecord {
  Id: number;
  CoworkerContractId: number;
  FullName: string;
  ContractContactType: number;
  AmlCheckStatus: number;
  CoworkerId?: number;
  Email?: string;
  DateOfBirth?: string;
  Address?: string;
  PostCode?: string;
  CityName?: string;
  State?: string;
  CountryId?: number;
  PhoneNumber?: string;
  Notes?: string;
  AmlCheckDate?: string;
  AmlOpenSanctionsScore?: number;
  AmlOpenSanctionsResponse?: string;
  AmlPappersResponse?: string;
  AmlPappersStatus?: string;
  AmlNotes?: string;
  AmlClearedBy?: string;
  AmlClearedOn?: string;
  /** `2025-01-15T10:30:00Z` */
  CreatedOn: string;
  /** Set by every create and update. */
  UpdatedOn: string;
  /** The login of the user who last wrote it (absent in data files of older sandboxes). */
  UpdatedBy?: string;
  UniqueId: string;
}

/**
 * A contract contact as `GET` shows it, in the list and by Id: every writable field (`null` when
 * not held), then the read-only ones. The `Coworker…` fields describe the contact's own
 * `CoworkerId` (null without one), as Nexudus names a linked record's fields;
 * `CoworkerContractTariffName` is the plan of its contract.
 */
export type ContractContactView = Record<string, string | number | boolean | null> & {
  Id: number;
};

/** What the server has seen so far. `stats()` returns a copy. */
export interface SandboxStats {
  /** Every request received, throttled and faulted ones included. */
  requests: number;
  /** Write requests (POST/PUT/DELETE except `/api/token`) accepted by the rate limits. */
  writes: number;
  /** Contract contacts created (a `reset-after-create` fault still creates one). */
  creates: number;
  /** Contract contacts updated by a PUT (a `reset-after-create` fault still updates one). */
  updates: number;
  /** Contract contacts deleted (a `reset-after-create` fault still deletes one). */
  deletes: number;
  /** `409` replies from the rate limits (injected `409` faults are counted under `faults`). */
  throttled: number;
  /**
   * Of `throttled`, how many the write limit, the per-minute request limit and the hourly request
   * limit refused (a request over several is counted under the first of these).
   */
  throttledBy: { writes: number; requests: number; hour: number };
  /** Injected faults, by kind. */
  faults: Record<FaultKind, number>;
  /** `401` replies: no or bad credentials, or a role the user does not hold. */
  unauthorized: number;
  /** GET requests by route, e.g. `'/api/billing/contractcontacts'`, `'/api/billing/contractcontacts/{id}'`. */
  gets: Record<string, number>;
  /** When each accepted write arrived, in ms since the epoch (the sandbox's clock). */
  writeTimes: number[];
  /**
   * When each request the rate limits accepted arrived (writes and reads; `/api/token` is not
   * limited and not listed), in ms since the epoch (the sandbox's clock).
   */
  requestTimes: number[];
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The options it runs with, defaults filled in. */
  readonly options: ResolvedSandboxOptions;
  /**
   * The stored contract contacts, in Id order: copies, as stored (no nulls, none of the read-only
   * fields a GET adds) and without `UpdatedBy`, the API user's login on whatever a test wrote.
   */
  contacts(): ContractContactRecord[];
  /** How many contacts it holds (without copying them). */
  contactCount(): number;
  stats(): SandboxStats;
  /** Every access and refresh token issued so far stops working (401); logging in again works. */
  revokeTokens(): void;
  /** Stop listening, drop every connection (pending slow replies too) and cancel every timer. */
  close(): Promise<void>;
}
