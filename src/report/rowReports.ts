import { FIELDS, type FieldDef } from '../fields.js';
import type { ColumnMap } from '../map/types.js';
import type { SourceRow, SourceTable } from '../read/types.js';
import { scrubText } from '../secrets.js';
import type { Outcome } from '../outcome.js';
import { cellText } from './cellText.js';
import { CsvFile } from './csvFile.js';
import { ErrorsWorkbook } from './errorsWorkbook.js';
import { problemCells } from './problemCells.js';
import { resultPath } from './resultsFolder.js';

/** Each problem as `PropertyName: message`, in the order the row's problems were found. */
export function problemTexts(outcome: Outcome): string[] {
  return outcome.result === 'failed'
    ? outcome.problems.map((p) => `${p.PropertyName}: ${p.Message}`)
    : [];
}

/**
 * errors.csv, errors.xlsx and created.csv, written a line at a time as rows are given in the
 * file's order, echoing the cells exactly as read. Each line names `outcome.row`, the original
 * row when an errors file is imported again.
 */
export class RowReports {
  private readonly workbook: ErrorsWorkbook;
  private readonly errors: CsvFile;
  private readonly created: CsvFile;
  private readonly sourceColumns: readonly number[];
  /** Per report column: whether its field takes a number's value (see cellText's asValue). */
  private readonly asValue: readonly boolean[];
  /**
   * Where the source's own `Id` column is among the report's columns (an exported file has
   * one), or -1. created.csv then has no second `Id`: that column holds the record's Id, filled
   * in on the rows the run created.
   */
  private readonly idAt: number;
  /**
   * A Customer column: where the source's own CoworkerContractId column is among the report's
   * columns (filled in on rows found by customer), or -1 (created.csv adds one); undefined
   * without a Customer column.
   */
  private readonly contractAt: number | undefined;

  /**
   * `contracts`: the contract each row that named it by its customer was found on, by source
   * row (created.csv shows it, SPEC "Results folder").
   */
  constructor(
    dir: string,
    table: SourceTable,
    columns: ColumnMap,
    private readonly contracts?: ReadonlyMap<number, number>,
  ) {
    this.sourceColumns = columns.sourceColumns;
    this.asValue = valueColumns(columns);
    const headers = this.sourceColumns.map((i) => table.headers[i] ?? '');
    this.workbook = new ErrorsWorkbook(
      resultPath(dir, 'errorsXlsx'),
      headers,
      reportFields(columns),
      // The source's sheet name, so a `--sheet` given to the first run works on this file too.
      table.sheet ?? 'Errors',
    );
    this.errors = new CsvFile(resultPath(dir, 'errorsCsv'), table.delimiter);
    this.created = new CsvFile(resultPath(dir, 'createdCsv'), table.delimiter);
    this.errors.line(['Row', ...headers, 'Errors']);
    this.idAt = columns.idColumn === undefined ? -1 : this.sourceColumns.indexOf(columns.idColumn);
    const contractColumns = columns.fields.CoworkerContractId?.columns ?? [];
    const [ownContract] = contractColumns;
    this.contractAt =
      columns.customerColumn === undefined
        ? undefined
        : contractColumns.length === 1 && ownContract !== undefined
          ? this.sourceColumns.indexOf(ownContract)
          : -1;
    this.created.line([
      'Row',
      ...headers,
      ...(this.contractAt === -1 ? ['CoworkerContractId'] : []),
      ...(this.idAt < 0 ? ['Id'] : []),
      'Result',
    ]);
  }

  /** One row's line, in errors or created by its outcome. */
  add(source: SourceRow, outcome: Outcome): void {
    const cells = this.sourceColumns.map((i) => source.cells[i] ?? null);
    const texts = cells.map((cell, i) => cellText(cell, this.asValue[i]));
    if (outcome.result === 'failed') {
      // Scrubbed again as a last line of defence: a server's message never carries a secret here.
      const scrubbed = outcome.problems.map((p) => ({
        ...p,
        PropertyName: scrubText(p.PropertyName),
        Message: scrubText(p.Message),
      }));
      const problems = problemTexts({ ...outcome, problems: scrubbed });
      this.errors.line([String(outcome.row), ...texts, problems.join(' | ')]);
      this.workbook.line(outcome.row, cells, problems, problemCells(scrubbed, this.sourceColumns));
    } else {
      const id = String(outcome.id);
      let line = texts;
      const found = this.contracts?.get(source.row);
      const contract = found === undefined ? '' : String(found);
      if (this.contractAt === -1) line = [...line, contract];
      else if (this.contractAt !== undefined && found !== undefined) {
        line = line.with(this.contractAt, contract);
      }
      if (this.idAt < 0) this.created.line([String(outcome.row), ...line, id, outcome.result]);
      else this.created.line([String(outcome.row), ...line.with(this.idAt, id), outcome.result]);
    }
  }

  async close(): Promise<void> {
    try {
      this.errors[Symbol.dispose]();
      this.created[Symbol.dispose]();
    } finally {
      await this.workbook.close();
    }
  }
}

/**
 * The three row reports rebuilt from the outcomes by reading the source once more, so the lines
 * come in the file's order and can be brought up to date after a resume. Outcomes are keyed by
 * the source row number.
 */
export async function writeRowReports(
  dir: string,
  table: SourceTable,
  columns: ColumnMap,
  outcomes: ReadonlyMap<number, Outcome>,
  contracts?: ReadonlyMap<number, number>,
): Promise<void> {
  const reports = new RowReports(dir, table, columns, contracts);
  try {
    let left = outcomes.size;
    if (left === 0) return;
    for await (const source of table.rows()) {
      const outcome = outcomes.get(source.row);
      if (!outcome) continue;
      reports.add(source, outcome);
      left -= 1;
      if (left === 0) break;
    }
  } finally {
    await reports.close();
  }
}

/** Columns of fields that read a formatted number as its value (Ids, enums, numbers, country). */
function valueColumns(columns: ColumnMap): boolean[] {
  const numeric = new Set(
    FIELDS.filter((f) => ['integer', 'enum', 'number', 'country'].includes(f.kind)).flatMap(
      (f) => columns.fields[f.name]?.columns ?? [],
    ),
  );
  return columns.sourceColumns.map((c) => numeric.has(c));
}

/** The field each report column feeds, if any (errors.xlsx gives it the template's format). */
function reportFields(columns: ColumnMap): (FieldDef | undefined)[] {
  return columns.sourceColumns.map((c) =>
    FIELDS.find((f) => columns.fields[f.name]?.columns.includes(c)),
  );
}
