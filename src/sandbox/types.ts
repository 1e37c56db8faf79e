import type { FaultKind, ResolvedSandboxOptions } from './options.js';

/**
 * A stored contract contact: the fields the create request sent (only the seed's fields; unknown
 * properties are dropped, nulls left out), plus what the server adds.
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
  UpdatedOn: string;
  UniqueId: string;
}

/** What the server has seen so far. `stats()` returns a copy. */
export interface SandboxStats {
  /** Every request received, throttled and faulted ones included. */
  requests: number;
  /** Write requests (POST/PUT/DELETE except `/api/token`) accepted by the rate limits. */
  writes: number;
  /** Contract contacts created (a `reset-after-create` fault still creates one). */
  creates: number;
  /** `409` replies from the rate limits (injected `409` faults are counted under `faults`). */
  throttled: number;
  /**
   * Of `throttled`, how many the write limit, the per-minute request limit and the hourly request
   * limit refused (a request over several is counted under the first of these).
   */
  throttledBy: { writes: number; requests: number; hour: number };
  /** Injected faults, by kind. */
  faults: Record<FaultKind, number>;
  /** `401` replies. */
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
  /** The stored contract contacts, in Id order (copies). */
  contacts(): ContractContactRecord[];
  stats(): SandboxStats;
  /** Every access and refresh token issued so far stops working (401); logging in again works. */
  revokeTokens(): void;
  /** Stop listening, drop every connection (pending slow replies too) and cancel every timer. */
  close(): Promise<void>;
}
