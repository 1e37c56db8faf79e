import type { ColumnMap } from '../map/types.js';
import type { SourceTable } from '../read/types.js';
import type { Outcome } from '../upload/outcome.js';
import { cellText } from './cellText.js';
import { CsvFile } from './csvFile.js';
import { resultPath } from './resultsFolder.js';

/** `PropertyName: message | PropertyName: message`, as errors.csv's `Errors` column holds it. */
export function errorsText(outcome: Outcome): string {
  return outcome.result === 'failed'
    ? outcome.problems.map((p) => `${p.PropertyName}: ${p.Message}`).join(' | ')
    : '';
}

/**
 * errors.csv and created.csv, rebuilt from the outcomes by reading the source once more, so the
 * lines come in the file's order, echo the cells exactly as read, and can be brought up to date
 * after a resume. Outcomes are keyed by the source row number.
 */
export async function writeRowReports(
  dir: string,
  table: SourceTable,
  columns: ColumnMap,
  outcomes: ReadonlyMap<number, Outcome>,
): Promise<void> {
  const headers = columns.sourceColumns.map((i) => table.headers[i] ?? '');
  using errors = new CsvFile(resultPath(dir, 'errorsCsv'), table.delimiter);
  using created = new CsvFile(resultPath(dir, 'createdCsv'), table.delimiter);
  errors.line(['Row', ...headers, 'Errors']);
  created.line(['Row', ...headers, 'Id', 'Result']);
  let left = outcomes.size;
  if (left === 0) return;
  for await (const source of table.rows()) {
    const outcome = outcomes.get(source.row);
    if (!outcome) continue;
    const cells = columns.sourceColumns.map((i) => cellText(source.cells[i]));
    if (outcome.result === 'failed')
      errors.line([String(outcome.row), ...cells, errorsText(outcome)]);
    else created.line([String(outcome.row), ...cells, String(outcome.id), outcome.result]);
    left -= 1;
    if (left === 0) break;
  }
}
