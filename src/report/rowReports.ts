import { FIELDS } from '../fields.js';
import type { ColumnMap } from '../map/types.js';
import type { SourceTable } from '../read/types.js';
import type { Outcome } from '../upload/outcome.js';
import { cellText } from './cellText.js';
import { CsvFile } from './csvFile.js';
import { ErrorsWorkbook } from './errorsWorkbook.js';
import { problemCells } from './problemCells.js';
import { resultPath } from './resultsFolder.js';
import type { CellFormat } from './workbookCell.js';

/** Each problem as `PropertyName: message`, in the order the row's problems were found. */
export function problemTexts(outcome: Outcome): string[] {
  return outcome.result === 'failed'
    ? outcome.problems.map((p) => `${p.PropertyName}: ${p.Message}`)
    : [];
}

/** `PropertyName: message | PropertyName: message`, as errors.csv's `Errors` column holds it. */
export function errorsText(outcome: Outcome): string {
  return problemTexts(outcome).join(' | ');
}

/**
 * errors.csv, errors.xlsx and created.csv, rebuilt from the outcomes by reading the source once
 * more, so the lines come in the file's order, echo the cells exactly as read, and can be
 * brought up to date after a resume. Outcomes are keyed by the source row number; each line
 * names `outcome.row`, the original row when an errors file is imported again.
 */
export async function writeRowReports(
  dir: string,
  table: SourceTable,
  columns: ColumnMap,
  outcomes: ReadonlyMap<number, Outcome>,
): Promise<void> {
  const { sourceColumns } = columns;
  const headers = sourceColumns.map((i) => table.headers[i] ?? '');
  const workbook = new ErrorsWorkbook(
    resultPath(dir, 'errorsXlsx'),
    headers,
    textFormats(columns),
    // The source's sheet name, so a `--sheet` given to the first run works on this file too.
    table.sheet ?? 'Errors',
  );
  try {
    using errors = new CsvFile(resultPath(dir, 'errorsCsv'), table.delimiter);
    using created = new CsvFile(resultPath(dir, 'createdCsv'), table.delimiter);
    errors.line(['Row', ...headers, 'Errors']);
    created.line(['Row', ...headers, 'Id', 'Result']);
    let left = outcomes.size;
    if (left === 0) return;
    for await (const source of table.rows()) {
      const outcome = outcomes.get(source.row);
      if (!outcome) continue;
      const cells = sourceColumns.map((i) => source.cells[i] ?? null);
      const texts = cells.map(cellText);
      if (outcome.result === 'failed') {
        const problems = problemTexts(outcome);
        errors.line([String(outcome.row), ...texts, problems.join(' | ')]);
        workbook.line(outcome.row, cells, problems, problemCells(outcome.problems, sourceColumns));
      } else {
        created.line([String(outcome.row), ...texts, String(outcome.id), outcome.result]);
      }
      left -= 1;
      if (left === 0) break;
    }
  } finally {
    await workbook.close();
  }
}

/**
 * Text and empty cells of a date field's column are `general`, so a date typed there while
 * fixing the file becomes a date cell; every other column is `text`, so what is typed stays
 * exactly as typed (see CellFormat).
 */
function textFormats(columns: ColumnMap): CellFormat[] {
  const dateColumns = new Set(
    FIELDS.filter((f) => f.kind === 'date').flatMap((f) => columns.fields[f.name]?.columns ?? []),
  );
  return columns.sourceColumns.map((c) => (dateColumns.has(c) ? 'general' : 'text'));
}
