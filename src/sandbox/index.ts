/**
 * The built-in Nexudus-compatible sandbox: a real HTTP server on 127.0.0.1 serving the parts of
 * the Nexudus API the importer uses (token, countries, coworker contracts, coworkers, contract
 * contacts: list, by Id, create, update, delete), with Nexudus's authentication, roles,
 * validation, reply shapes and rate limits, plus switches for latency, seeded faults and the
 * account's size. The fake account's Ids are listed in `account.ts`.
 */
export { startSandbox } from './server.js';
export { describeSandbox } from './describe.js';
export { FAULT_KINDS } from './options.js';
export type {
  FaultKind,
  FaultOptions,
  OmittedOnPut,
  RequestLogEntry,
  ResolvedSandboxOptions,
  SandboxOptions,
  SandboxRoles,
  ScriptedWrite,
  SlowWrite,
} from './options.js';
export type { ContractContactRecord, ContractContactView, Sandbox, SandboxStats } from './types.js';
export { READ_ONLY_FIELDS } from './contactView.js';
export {
  COWORKER_CONTRACTS,
  COWORKERS,
  FIRST_CONTACT_ID,
  type CoworkerContractRecord,
  type CoworkerRecord,
} from './account.js';
export { COUNTRIES, type CountryRecord } from './countries.js';
