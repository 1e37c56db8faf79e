import { CsvFile } from '../report/csvFile.js';
import { writePrivateFile } from '../report/resultsFolder.js';
import type { UndoOutcome } from './undoJournal.js';
import { undoPath } from './undoRecord.js';
import { countKey, type UndoCounts } from './undoResult.js';

/** A contact the undo did not reach (it stopped early): undo.csv says so. */
export interface NotReached {
  readonly id?: number;
  readonly row: number;
  readonly name?: string;
  readonly contractId?: number;
}

/** summary.json of an undo. */
export interface UndoSummary {
  readonly kind: 'undo';
  /** The import's results folder whose run was taken back. */
  readonly runFolder: string;
  /** This undo's folder (absent for a dry run, which writes nothing). */
  readonly undoFolder?: string;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly started: string;
  readonly finished: string;
  readonly seconds: number;
  readonly counts: UndoCounts;
  /** DELETE and PUT requests the server may have counted. */
  readonly writesUsed: number;
  /** GETs spent reading the contacts before the first write (⌈N/100⌉, see undoCheck.ts). */
  readonly readRequests: number;
  readonly throttled: number;
  readonly retries: number;
  readonly exitCode: number;
  readonly stopped?: string;
}

export function undoCounts(
  contacts: number,
  outcomes: Iterable<UndoOutcome>,
  notReached: number,
): UndoCounts {
  const counts = {
    contacts,
    deleted: 0,
    restored: 0,
    gone: 0,
    changedSince: 0,
    failed: 0,
    notAttempted: notReached,
  };
  for (const o of outcomes) counts[countKey(o.result)] += 1;
  return counts;
}

/**
 * undo.csv: one line per contact the run wrote, in the run's row order: `Row, Id, FullName,
 * Contract, Result, Reason` (Result: deleted, restored, gone, changed since, failed, or not
 * attempted when the undo stopped before it). UTF-8 with BOM, CRLF, as every report.
 */
export function writeUndoReport(
  dir: string,
  outcomes: Iterable<UndoOutcome>,
  notReached: readonly NotReached[],
): void {
  const lines = [
    ...[...outcomes].map((o) => ({ ...o, shown: o.result as string })),
    ...notReached.map((n) => ({ ...n, shown: 'not attempted', reason: '' })),
  ].sort((a, b) => a.row - b.row || (a.id ?? 0) - (b.id ?? 0));
  using file = new CsvFile(undoPath(dir, 'report'), ',');
  file.line(['Row', 'Id', 'FullName', 'Contract', 'Result', 'Reason']);
  for (const line of lines) {
    file.line([
      String(line.row),
      line.id === undefined ? '' : String(line.id),
      line.name ?? '',
      line.contractId === undefined ? '' : String(line.contractId),
      line.shown,
      line.reason,
    ]);
  }
}

export function writeUndoSummary(dir: string, summary: UndoSummary): void {
  writePrivateFile(undoPath(dir, 'summary'), `${JSON.stringify(summary, null, 2)}\n`);
}
