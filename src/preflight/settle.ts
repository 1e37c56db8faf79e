import type { ColumnMap, MappedOk, RowProblem } from '../map/types.js';
import type { Payload } from '../payload.js';
import type { AccountFacts } from './preflight.js';
import type { SeenKeys } from './hashedKeys.js';
import { contactKey } from './keys.js';

/** What preflight makes of a row that passed the local checks. */
export type Verdict =
  | { readonly kind: 'send'; readonly payload: Payload }
  | { readonly kind: 'existing'; readonly id: number }
  | { readonly kind: 'failed'; readonly problems: readonly RowProblem[] };

/**
 * Settles one checked row against the account (SPEC "Before the first write"): references that
 * do not exist fail the row, FullName (and a blank Email) come from the coworker when asked, a
 * row repeating an earlier row of the file fails, and one already in Nexudus is `existing`.
 * `seen` carries the file's rows so far (contactKey -> row); the caller keeps it across rows.
 */
export function settleRow(
  row: MappedOk,
  facts: AccountFacts | undefined,
  seen: SeenKeys | undefined,
  columns: ColumnMap,
): Verdict {
  const problems: RowProblem[] = [];
  const at = (field: keyof Payload) => columns.fields[field]?.columns ?? [];
  const { payload } = row;
  let fullName = payload.FullName;
  let email = payload.Email;
  if (facts && !facts.contracts.has(payload.CoworkerContractId)) {
    problems.push({
      PropertyName: 'CoworkerContractId',
      Message: `no coworker contract with Id ${payload.CoworkerContractId}`,
      columns: at('CoworkerContractId'),
    });
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
  if (problems.length > 0) return { kind: 'failed', problems };
  if (fullName === undefined) {
    // Offline (dry run) a name that would come from the coworker cannot be known yet.
    return { kind: 'send', payload: { ...payload, FullName: '' } };
  }
  const complete: Payload = { ...payload, FullName: fullName, ...(email ? { Email: email } : {}) };
  if (seen) {
    const key = contactKey(
      complete.CoworkerContractId,
      complete.FullName,
      complete.ContractContactType,
    );
    const earlier = seen.get(key);
    if (earlier !== undefined) return { kind: 'failed', problems: [duplicateOf(earlier, columns)] };
    seen.set(key, row.row);
    const found = facts?.existing.get(key);
    if (found) return { kind: 'existing', id: found.Id };
  }
  return { kind: 'send', payload: complete };
}

/** The problem of a row that repeats an earlier row of the same file. */
export function duplicateOf(earlierRow: number, columns: ColumnMap): RowProblem {
  return {
    PropertyName: 'FullName',
    Message: `duplicates row ${earlierRow}`,
    columns: columns.fields.FullName?.columns ?? [],
  };
}
