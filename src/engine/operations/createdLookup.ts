import type { NexudusClient } from '../../nexudus/client.js';
import type { ContactRecord } from '../../nexudus/replies.js';
import type { Payload } from '../../payload.js';
import { contactsOf } from '../../preflight/preflight.js';
import { contactKey } from '../../preflight/keys.js';

/**
 * How far a record's `CreatedOn` may lie before the run's start and still be taken for one the
 * run made. Public client code reports that Nexudus keeps date-times in the space's local time,
 * while its replies end them with `Z`: a stamp can then be off from UTC by the space's offset, as
 * much as 12 hours early (UTC-12); this machine's clock and the server's may also disagree. So
 * the rule only rules out records made more than 14 hours (and 10 minutes of clock skew) before
 * the run: an old contact that happens to share the row's name. Newer ones are ruled out by the
 * contract's Ids recorded before the first create (see ContactsBefore), which needs no clock.
 */
export const CREATED_ON_ALLOWANCE_MS = (14 * 60 + 10) * 60_000;

/** What a lookup may take for a row's own record. */
export interface PickRules {
  /** The contract's contacts before the folder's first create on it; undefined: not known. */
  readonly before: ReadonlySet<number> | undefined;
  /** Records rows of this folder already own. */
  readonly claimed: ReadonlySet<number>;
  /** Records created before this (ms, the server's stamps read as UTC) are not the run's. */
  readonly notBefore: number;
}

/**
 * The record among the contract's `records` that a create of `payload` may have made: same
 * contract, name (ignoring case and spacing) and type, not among the contract's contacts
 * before the folder's first create on it, not claimed by another row, not stamped as created
 * before the run began. The lowest such Id: when several rows share a name (with
 * --allow-duplicates) their records are interchangeable, and each goes to one row only.
 */
export function pickCreated(
  records: readonly ContactRecord[],
  payload: Payload,
  rules: PickRules,
): ContactRecord | undefined {
  const contract = payload.CoworkerContractId;
  const key = contactKey(contract, payload.FullName, payload.ContractContactType);
  let best: ContactRecord | undefined;
  for (const record of records) {
    if (record.FullName == null || record.ContractContactType == null) continue;
    if (contactKey(contract, record.FullName, record.ContractContactType) !== key) continue;
    if (rules.claimed.has(record.Id) || rules.before?.has(record.Id)) continue;
    const created = stampMs(record.CreatedOn);
    if (created !== undefined && created < rules.notBefore) continue;
    if (!best || record.Id < best.Id) best = record;
  }
  return best;
}

/**
 * A Nexudus date-time in ms: ISO with or without a zone (none is read as UTC, as the replies
 * mark them), or .NET's `/Date(ms)/`. Undefined when absent or unreadable: then only the Ids
 * decide.
 */
export function stampMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const dotNet = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(text);
  if (dotNet) return Number(dotNet[1]);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface CreatedLookupOptions {
  readonly client: NexudusClient;
  /** When the folder's first run began (run.json), not a resume's start. */
  readonly runStarted: Date;
  /** Contacts recorded in the journal before earlier runs' first creates, by contract. */
  readonly recorded?: ReadonlyMap<number, ReadonlySet<number>>;
  /** Contact Ids preflight read just now, by contract (none with --allow-duplicates). */
  readonly preflight?: ReadonlyMap<number, ReadonlySet<number>>;
  /** Records a contract's contacts in the journal; called before its first create request. */
  readonly onContactsBefore: (contractId: number, ids: readonly number[]) => void;
}

/**
 * Finds the record an unanswered create made, and never one that existed before the run or
 * belongs to another row.
 *
 * Before the folder's first create on a contract, its contacts' Ids are known and written to the
 * journal: from preflight when it read them, else (--allow-duplicates, where preflight reads no
 * contacts) with one list request then. Waiting for the first ambiguity to read them would be too
 * late: the unanswered request may already have made its record, which would then count as
 * existing. A resume keeps the Ids its folder recorded first, so a record an earlier run made
 * stays findable; a contract with none recorded has never been sent to, and is read afresh.
 *
 * While another row's create request with the same contract, name and type is still waiting
 * for its answer, a record matching both cannot be told apart: the lookup says `busy` and the
 * caller looks again once that request is answered (its reply then claims its record).
 */
export class CreatedLookup {
  /** Ids rows of this folder own (created, found, or existing before the run). */
  readonly claimed = new Set<number>();
  private readonly before = new Map<number, Promise<ReadonlySet<number>>>();
  private readonly pending = new Map<string, { count: number; idle: (() => void)[] }>();
  private readonly notBefore: number;

  constructor(private readonly options: CreatedLookupOptions) {
    this.notBefore = options.runStarted.getTime() - CREATED_ON_ALLOWANCE_MS;
  }

  /** The contract's contacts before the folder's first create on it, recorded on first use. */
  contactsBefore(contractId: number): Promise<ReadonlySet<number>> {
    let known = this.before.get(contractId);
    if (!known) {
      known = this.readBefore(contractId);
      this.before.set(contractId, known);
      // a read that failed is tried again by the next row of the contract
      known.catch(() => this.before.delete(contractId));
    }
    return known;
  }

  /**
   * The record a create of `payload` made, now claimed for it; undefined when there is none
   * (yet); `busy` while another row's create of the same contact awaits its answer.
   * `unguarded`: the row was sent before its contract's contacts were recorded, so they cannot
   * rule anything out (only `CreatedOn` and the claims can).
   */
  async find(payload: Payload, unguarded = false): Promise<number | 'busy' | undefined> {
    if (this.pending.has(keyOf(payload))) return 'busy';
    const contract = payload.CoworkerContractId;
    const before = unguarded ? undefined : await this.contactsBefore(contract);
    const records = await contactsOf(this.options.client, contract);
    if (this.pending.has(keyOf(payload))) return 'busy';
    const match = pickCreated(records, payload, {
      before,
      claimed: this.claimed,
      notBefore: this.notBefore,
    });
    if (match) this.claimed.add(match.Id);
    return match?.Id;
  }

  /** Marks a create request of `payload` as sent; the returned function marks it answered. */
  sending(payload: Payload): () => void {
    const key = keyOf(payload);
    const entry = this.pending.get(key) ?? { count: 0, idle: [] };
    entry.count += 1;
    this.pending.set(key, entry);
    return () => {
      entry.count -= 1;
      if (entry.count > 0) return;
      this.pending.delete(key);
      for (const wake of entry.idle) wake();
    };
  }

  /** Resolves once no create request of this contact is waiting for its answer. */
  idle(payload: Payload): Promise<void> {
    const entry = this.pending.get(keyOf(payload));
    if (!entry) return Promise.resolve();
    return new Promise((resolve) => entry.idle.push(resolve));
  }

  private async readBefore(contractId: number): Promise<ReadonlySet<number>> {
    const recorded = this.options.recorded?.get(contractId);
    if (recorded) return recorded;
    const ids =
      this.options.preflight?.get(contractId) ??
      new Set((await contactsOf(this.options.client, contractId)).map((c) => c.Id));
    this.options.onContactsBefore(contractId, [...ids]);
    return ids;
  }
}

function keyOf(payload: Payload): string {
  return contactKey(payload.CoworkerContractId, payload.FullName, payload.ContractContactType);
}
