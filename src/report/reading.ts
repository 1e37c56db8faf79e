import { FIELDS, type FieldName } from '../fields.js';
import { columnLetter, fieldOfSlot } from '../map/index.js';
import type { ColumnMap, ColumnUse, DateOrder } from '../map/types.js';
import type { SourceFormat, SourceTable } from '../read/types.js';

/** One column of the source as it was read: `header -> field`, or why it feeds nothing. */
export interface ReadingColumn {
  /** The column's letter, as the spreadsheet shows it. */
  readonly column: string;
  readonly header: string;
  /** The Nexudus field the column feeds; null when it is left out. */
  readonly field: FieldName | null;
  /** How it was matched (`by --mapping`, `with column C`) or why it is left out. */
  readonly note?: string;
}

/** How a date column's day-month order was settled (SPEC "Values", Dates). */
export interface ReadingDateOrder {
  readonly field: FieldName;
  readonly column: string;
  /** Null when nothing settled it: a value whose order it shows itself is read, others fail. */
  readonly order: DateOrder | null;
  /**
   * `date-format`: given by --date-format; `inferred`: from the values that settle it (SPEC
   * "Values"); `not settled`: some values depend on the order and none settles it (those fail
   * as ambiguous); `not needed`: no value depends on it (ISO dates, date cells, 05/05/1975).
   */
  readonly by: 'date-format' | 'inferred' | 'not settled' | 'not needed';
}

/**
 * How the file was read (SPEC "On screen" and "Results folder"): shown before anything is sent
 * and kept in summary.json as `reading`.
 */
export interface Reading {
  readonly format: SourceFormat;
  /** CSV: the text encoding, and how it was settled. */
  readonly encoding?: string;
  readonly encodingBy?: NonNullable<SourceTable['encodingBy']>;
  /** CSV: the delimiter. */
  readonly delimiter?: string;
  /** XLSX: the worksheet read. */
  readonly sheet?: string;
  /** The row of the header (the first non-empty one). */
  readonly headerRow: number;
  readonly columns: readonly ReadingColumn[];
  readonly dateOrders: readonly ReadingDateOrder[];
}

/** What the check pass found about the date columns. */
export interface DatesRead {
  /** The order each date field was read in (SPEC "Values"). */
  readonly orders: Partial<Record<FieldName, DateOrder>>;
  /** The fields with a value that reads differently by order (see DateSurvey.dependent). */
  readonly dependent: ReadonlySet<FieldName>;
}

/** What the run was given that decides how the file is read. */
export interface ReadingGiven {
  readonly encoding?: string;
  readonly dateFormat?: DateOrder;
}

/**
 * The reading of a file whose header is matched (unmatched columns settled) and whose date
 * orders are known (after the check pass).
 */
export function readingOf(
  table: SourceTable,
  columns: ColumnMap,
  dates: DatesRead,
  given: ReadingGiven = {},
): Reading {
  // The reader says how it settled the encoding; --encoding, at least, is known here too.
  const encodingBy = table.encodingBy ?? (given.encoding ? 'option' : undefined);
  const orders: ReadingDateOrder[] = FIELDS.flatMap((f) => {
    const column = columns.fields[f.name]?.columns[0];
    if (f.kind !== 'date' || column === undefined) return [];
    const order = dates.orders[f.name] ?? null;
    const by = given.dateFormat
      ? 'date-format'
      : order
        ? 'inferred'
        : dates.dependent.has(f.name)
          ? 'not settled'
          : 'not needed';
    return [{ field: f.name, column: columnLetter(column), order, by }];
  });
  return {
    format: table.format,
    ...(table.format === 'csv'
      ? {
          ...(table.encoding === undefined ? {} : { encoding: table.encoding }),
          ...(encodingBy === undefined ? {} : { encodingBy }),
          delimiter: table.delimiter,
        }
      : { ...(table.sheet === undefined ? {} : { sheet: table.sheet }) }),
    headerRow: table.headerRow,
    columns: columns.uses.map((use) => readingColumn(use, columns)),
    dateOrders: orders,
  };
}

function readingColumn(use: ColumnUse, columns: ColumnMap): ReadingColumn {
  const base = { column: columnLetter(use.column), header: use.header };
  const field = use.slot === undefined ? undefined : fieldOfSlot(use.slot);
  if (use.leftOut === undefined && field !== undefined) {
    const others = (columns.fields[field]?.columns ?? []).filter((c) => c !== use.column);
    const notes = [
      ...(use.mapped ? ['by --mapping'] : []),
      ...(others.length > 0 ? [`with ${letters(others)}`] : []),
    ];
    return { ...base, field, ...(notes.length > 0 ? { note: notes.join(', ') } : {}) };
  }
  return { ...base, field: null, note: leftOutNote(use, field, columns) };
}

function leftOutNote(use: ColumnUse, field: FieldName | undefined, columns: ColumnMap): string {
  switch (use.leftOut) {
    case 'ignore-column':
      return 'left out: --ignore-column';
    case 'mapping':
      return 'left out: --mapping ""';
    case 'report':
      return use.column === columns.rowColumn
        ? 'our report column: the original row number'
        : 'our report column, not data';
    case 'taken': {
      const from = field === undefined ? [] : (columns.fields[field]?.columns ?? []);
      return from.length > 0 && field !== undefined
        ? `left out: ${field} comes from ${letters(from)}`
        : 'left out: another column gives its field';
    }
    case 'empty':
      return 'left out: matches no field, and is empty';
    case 'no-header':
      return 'no header: a value under it fails its row';
    case 'id':
      return "the contact's Id in Nexudus: which contact the row is";
    case 'context':
      return 'read-only (written by export): ignored';
    case 'customer':
      return "the contract's customer: names the contract";
    case 'plan':
      return "the contract's plan: picks among the customer's contracts";
    default:
      return 'matches no field';
  }
}

/** `column C`, `columns B and C`. */
function letters(columns: readonly number[]): string {
  const named = columns.map(columnLetter);
  return named.length === 1
    ? `column ${named.join('')}`
    : `columns ${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`;
}
