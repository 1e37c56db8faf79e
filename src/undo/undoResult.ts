/**
 * What undo did with a contact the run wrote (SPEC "Undo"): `deleted` (a contact the run
 * created), `restored` (a contact the run updated: its changed fields hold their Before values
 * again), `gone` (deleted already, by someone else, an earlier undo, or never made), `changed
 * since` (left alone: it was edited after the run; `--force` takes it back), `failed` (Nexudus
 * refused the request, or it kept failing).
 */
export const UNDO_RESULTS = ['deleted', 'restored', 'gone', 'changed since', 'failed'] as const;
export type UndoResult = (typeof UNDO_RESULTS)[number];

/** summary.json's counts of an undo, keyed as JSON keys are (`changedSince`). */
export interface UndoCounts {
  /** Contacts the run wrote, that undo had to take back. */
  readonly contacts: number;
  readonly deleted: number;
  readonly restored: number;
  readonly gone: number;
  readonly changedSince: number;
  readonly failed: number;
  /** Not reached: the undo stopped early (exit 3 or 130); `undo --resume` carries on. */
  readonly notAttempted: number;
}

export function countKey(
  result: UndoResult,
): Exclude<keyof UndoCounts, 'contacts' | 'notAttempted'> {
  return result === 'changed since' ? 'changedSince' : result;
}
