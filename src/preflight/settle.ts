import type { ColumnMap, MappedOk, RowProblem } from '../map/types.js';
import type { FieldName } from '../fields.js';
import type { Payload } from '../payload.js';
import type { AccountFacts, KnownContact } from './preflight.js';
import type { SeenKeys } from './hashedKeys.js';
import { contactKey } from './keys.js';
import { customerCellKey, disagreement } from '../contracts/resolveCustomer.js';

/** What preflight makes of a row that passed the local checks. */
export type Verdict =
  | { readonly kind: 'send'; readonly payload: Payload }
  | { readonly kind: 'existing'; readonly id: number }
  | { readonly kind: 'failed'; readonly problems: readonly RowProblem[] }
  /** --update: the row's contact, whose cells all say what Nexudus holds. */
  | { readonly kind: 'unchanged'; readonly id: number }
  /**
   * --update: the row's contact, which some cell of the row changes (by its fingerprints): the
   * upload reads the record again and finds the changes exactly (see Fingerprints).
   */
  | {
      readonly kind: 'update';
      readonly payload: Payload;
      readonly id: number;
      readonly blanks: readonly FieldName[];
    };

/** How rows meet the contacts they name (SPEC "Update"); the caller keeps it across rows. */
export interface ContactMatch {
  /** --update: a row matching a contact is compared with it (else it is `existing`). */
  readonly update: boolean;
  /** --clear-blank (see fieldChanges). */
  readonly clearBlank: boolean;
  /** With update: each contact matched so far -> the first row matching it. */
  readonly matched: Map<number, number>;
}
/**
 * Settles one checked row against the account (SPEC "Before the first write"): references that
 * do not exist fail the row, FullName (and a blank Email) come from the coworker when asked, a
 * row repeating an earlier row of the file fails, and one already in Nexudus is `existing` (with
 * `match.update`: `unchanged`, or `update` with its changes). A row with an `Id` is that contact
 * (which must exist, on the row's contract); one without is matched by its contactKey.
 * `seen` carries the file's rows so far (contactKey -> row); the caller keeps it across rows.
 */
export function settleRow(
  row: MappedOk,
  facts: AccountFacts | undefined,
  seen: SeenKeys | undefined,
  columns: ColumnMap,
  match?: ContactMatch,
): Verdict {
  const problems: RowProblem[] = [];
  const at = (field: keyof Payload) => columns.fields[field]?.columns ?? [];
  let { payload } = row;
  let fullName = payload.FullName;
  let email = payload.Email;
  // 0: the row names its contract by its customer only (see mapRow).
  const byCustomer = row.customer !== undefined && payload.CoworkerContractId === 0;
  if (facts && !byCustomer && !facts.contracts.has(payload.CoworkerContractId)) {
    problems.push({
      PropertyName: 'CoworkerContractId',
      Message: `no coworker contract with Id ${payload.CoworkerContractId}: find the contract's Id in Nexudus, or name it by its customer in a Customer column`,
      columns: at('CoworkerContractId'),
    });
  }
  if (facts && row.customer) {
    const found = customerProblem(row, facts, columns);
    if ('problem' in found) problems.push(found.problem);
    else if (byCustomer) payload = { ...payload, CoworkerContractId: found.id };
  }
  if (facts && payload.CoworkerId !== undefined) {
    const coworker = facts.coworkers.get(payload.CoworkerId);
    if (!coworker) {
      problems.push({
        PropertyName: 'CoworkerId',
        Message: `no coworker with Id ${payload.CoworkerId}`,
        columns: at('CoworkerId'),
      });
    } else if (row.nameFromCoworker) {
      fullName = coworker.FullName?.trim() || undefined;
      email ??= coworker.Email?.trim() || undefined;
      if (!fullName) {
        problems.push({
          PropertyName: 'FullName',
          Message: `is a required field (coworker ${payload.CoworkerId} has no name in Nexudus)`,
          columns: at('FullName'),
        });
      }
    }
  }
  const named = row.id === undefined || !facts ? undefined : facts.named.get(row.id);
  if (row.id !== undefined && facts) {
    const idProblem = namedProblem(row.id, named, payload.CoworkerContractId, columns);
    if (idProblem) problems.push(idProblem);
  }
  if (problems.length > 0) return { kind: 'failed', problems };
  if (fullName === undefined) {
    // Offline (dry run) a name that would come from the coworker cannot be known yet.
    return { kind: 'send', payload: { ...payload, FullName: '' } };
  }
  const complete: Payload = { ...payload, FullName: fullName, ...(email ? { Email: email } : {}) };
  let found = named;
  if (seen) {
    const key = contactKey(
      complete.CoworkerContractId,
      complete.FullName,
      complete.ContractContactType,
    );
    // A row with an Id is that contact, whatever its name says (it may rename it).
    if (row.id === undefined) found = facts?.existing.get(key);
    const earlier = seen.get(key);
    const sameContact = found && match?.update && match.matched.has(found.Id);
    if (earlier !== undefined && !sameContact) {
      return { kind: 'failed', problems: [duplicateOf(earlier, columns)] };
    }
    if (earlier === undefined) seen.set(key, row.row);
  }
  if (!found) return { kind: 'send', payload: complete };
  if (!match?.update) return { kind: 'existing', id: found.Id };
  const first = match.matched.get(found.Id);
  if (first !== undefined) {
    return {
      kind: 'failed',
      problems: [
        {
          PropertyName: row.id === undefined ? 'FullName' : 'Id',
          Message: `updates the same contact as row ${first}`,
          columns:
            row.id === undefined || columns.idColumn === undefined
              ? at('FullName')
              : [columns.idColumn],
        },
      ],
    };
  }
  match.matched.set(found.Id, row.row);
  const rules = { blanks: row.blanks, clearBlank: match.clearBlank };
  const differs = facts?.fingerprints?.differs(found.slot, complete, rules) ?? true;
  return differs
    ? { kind: 'update', payload: complete, id: found.Id, blanks: row.blanks }
    : { kind: 'unchanged', id: found.Id };
}

/**
 * A row's Customer (+ Plan) against the account's contracts: the contract they name, or why
 * there is none; with a CoworkerContractId too, whether the two agree.
 */
function customerProblem(
  row: MappedOk,
  facts: AccountFacts,
  columns: ColumnMap,
): { readonly id: number } | { readonly problem: RowProblem } {
  const cell = row.customer;
  if (!cell) return { id: row.payload.CoworkerContractId };
  const customerColumns = columns.customerColumn === undefined ? [] : [columns.customerColumn];
  const planColumns = columns.planColumn === undefined ? [] : [columns.planColumn];
  const given = row.payload.CoworkerContractId;
  if (given !== 0) {
    const message = disagreement(facts.contractRecords?.get(given), cell.customer, cell.plan);
    if (message === undefined) return { id: given };
    return {
      problem: {
        PropertyName: 'CoworkerContractId',
        Message: message,
        columns: [...(columns.fields.CoworkerContractId?.columns ?? []), ...customerColumns],
      },
    };
  }
  const resolved = facts.customers.get(customerCellKey(cell.customer, cell.plan));
  if (!resolved) return { id: given };
  if ('id' in resolved) return resolved;
  return {
    problem: {
      PropertyName: resolved.property,
      Message: resolved.problem,
      columns: resolved.property === 'Plan' ? planColumns : [...customerColumns, ...planColumns],
    },
  };
}

/**
 * What is wrong with the contact a row's `Id` names, if anything: there is none, or it is
 * another contract's (an update never moves a contact between contracts).
 */
function namedProblem(
  id: number,
  record: KnownContact | undefined,
  contractId: number,
  columns: ColumnMap,
): RowProblem | undefined {
  const at = columns.idColumn === undefined ? [] : [columns.idColumn];
  if (!record) {
    return {
      PropertyName: 'Id',
      Message: `no contact with Id ${id} in Nexudus: correct the Id, or leave it blank to add the row as a new contact`,
      columns: at,
    };
  }
  const owner = record.CoworkerContractId;
  if (owner != null && owner !== contractId) {
    return {
      PropertyName: 'Id',
      Message: `contact ${id} belongs to contract ${owner}, not ${contractId}: correct the Id or the CoworkerContractId`,
      columns: [...at, ...(columns.fields.CoworkerContractId?.columns ?? [])],
    };
  }
  return undefined;
}

/** The problem of a row that repeats an earlier row of the same file. */
export function duplicateOf(earlierRow: number, columns: ColumnMap): RowProblem {
  return {
    PropertyName: 'FullName',
    Message: `duplicates row ${earlierRow}`,
    columns: columns.fields.FullName?.columns ?? [],
  };
}
