import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { unneutralize } from '../formula.js';
import { inRanges, type RowRanges } from './rowRanges.js';
import type { CellValue, ExtraCell, ReadOptions, SourceRow, SourceTable } from './types.js';

/** One file of a run's input, and the rows of it the run leaves out (docs/fix-loop.md). */
export interface PartSpec {
  readonly path: string;
  readonly read: ReadOptions;
  /** Row numbers (the original file's) that are not read from this part. */
  readonly skip: RowRanges;
}

/** What the composite table says of each of its parts, opened. */
export interface OpenedPart extends PartSpec {
  readonly table: SourceTable;
  /** Whether the part is one of our errors files (a `Row` and an `Errors` column). */
  readonly errorsFile: boolean;
}

/** A table read from several parts: the original source, then the fixed errors files. */
export interface PartsTable extends SourceTable {
  readonly parts: readonly OpenedPart[];
}

/**
 * The rows of several files as one table (the fix loop, docs/fix-loop.md): the first part's
 * header is the table's, each later part's columns are put in its place by their header text,
 * and every row keeps its original row number — an errors file's `Row` column gives it, and
 * the `'` the tool put before formula-like text is taken off again (src/formula.ts). A row
 * number in a part's `skip` is left out. Format, delimiter and encoding are the first part's, so
 * values are read as they were in the original file (errors files echo its text).
 * @throws ImportError `usage` for a later part missing a column of the first or having one more
 */
export function partsTable(opened: readonly { spec: PartSpec; table: SourceTable }[]): PartsTable {
  const [first] = opened;
  if (!first) throw new Error('a run reads at least one file');
  const base = first.table;
  const baseLayout = layoutOf(base.headers);
  const headers = baseLayout.data.map((i) => base.headers[i] ?? '');
  const parts = opened.map(({ spec, table }) => ({
    ...spec,
    table,
    errorsFile: layoutOf(table.headers).rowAt !== undefined,
  }));
  const readers = opened.map(({ spec, table }) =>
    partReader(table, headers, basename(base.path), basename(spec.path)),
  );
  return {
    path: base.path,
    format: base.format,
    delimiter: base.delimiter,
    ...(base.encoding !== undefined ? { encoding: base.encoding } : {}),
    ...(base.encodingBy !== undefined ? { encodingBy: base.encodingBy } : {}),
    ...(base.sheet !== undefined ? { sheet: base.sheet } : {}),
    headerRow: base.headerRow,
    headers,
    parts,
    // In the original's row order, so every report lists the rows as the original file has
    // them: the later parts (fixed errors files: the failed rows only) are held, sorted, and
    // merged into the first part's stream, which is read as it goes.
    async *rows(): AsyncGenerator<SourceRow> {
      const later: SourceRow[] = [];
      for (const [i, part] of parts.entries()) {
        const read = readers[i];
        if (i === 0 || !read) continue;
        for await (const source of part.table.rows()) {
          const row = read(source);
          if (!inRanges(part.skip, row.row)) later.push(row);
        }
      }
      later.sort((a, b) => a.row - b.row);
      const held = later[Symbol.iterator]();
      let pending = held.next();
      const [head] = parts;
      const read = readers[0];
      if (head && read) {
        for await (const source of head.table.rows()) {
          const row = read(source);
          if (inRanges(head.skip, row.row)) continue;
          for (; !pending.done && pending.value.row < row.row; pending = held.next()) {
            yield pending.value;
          }
          yield row;
        }
      }
      for (; !pending.done; pending = held.next()) yield pending.value;
    },
  };
}

interface Layout {
  /** The `Row` column of one of our errors files (with an `Errors` column beside it). */
  readonly rowAt: number | undefined;
  readonly errorsAt: number | undefined;
  /** The columns that hold data (all but Row and Errors). */
  readonly data: readonly number[];
}

function layoutOf(headers: readonly string[]): Layout {
  const at = (name: string) => headers.map((h) => h.trim().toLowerCase()).indexOf(name);
  const rowAt = at('row');
  const errorsAt = at('errors');
  if (rowAt < 0 || errorsAt < 0) {
    return { rowAt: undefined, errorsAt: undefined, data: headers.map((_, i) => i) };
  }
  return {
    rowAt,
    errorsAt,
    data: headers.flatMap((_, i) => (i === rowAt || i === errorsAt ? [] : [i])),
  };
}

/** Turns a part's row into the table's: cells in the first part's columns, the original number. */
function partReader(
  table: SourceTable,
  headers: readonly string[],
  baseName: string,
  name: string,
): (row: SourceRow) => SourceRow {
  const layout = layoutOf(table.headers);
  const errorsFile = layout.rowAt !== undefined;
  // Where each of the table's columns is in this part: by header text; blank headers in order.
  const from: number[] = [];
  const blanks = layout.data.filter((i) => (table.headers[i] ?? '').trim() === '');
  const used = new Set<number>();
  for (const header of headers) {
    const text = header.trim();
    const found =
      text === ''
        ? blanks.shift()
        : layout.data.find((i) => !used.has(i) && (table.headers[i] ?? '').trim() === text);
    if (found === undefined) {
      // Our reports leave out a `Result` column of the source (created.csv's): not data either.
      if (text.toLowerCase() === 'result') {
        from.push(-1);
        continue;
      }
      throw new ImportError(
        'usage',
        `${name} has no column "${header}", which ${baseName} has: put the column back with its header as it was, then run this again.`,
      );
    }
    used.add(found);
    from.push(found);
  }
  const added = layout.data.find((i) => !used.has(i) && (table.headers[i] ?? '').trim() !== '');
  if (added !== undefined) {
    throw new ImportError(
      'usage',
      `${name} has a column "${table.headers[added] ?? ''}" that ${baseName} does not have: delete that column (put new contacts in a file of their own), then run this again.`,
    );
  }
  const width = table.headers.length;
  return (source) => {
    const cell = (i: number): CellValue => {
      const value = i < 0 ? null : (source.cells[i] ?? null);
      return errorsFile && typeof value === 'string' ? unneutralize(value) : value;
    };
    const extra: ExtraCell[] | undefined = source.extraCells?.map((e) => ({
      column: headers.length + (e.column - width),
      value: e.value,
    }));
    return {
      row: layout.rowAt === undefined ? source.row : rowNumber(source, layout.rowAt, name),
      cells: from.map(cell),
      ...(extra && extra.length > 0 ? { extraCells: extra } : {}),
    };
  };
}

/** The original row number an errors file's line names in its `Row` column. */
function rowNumber(source: SourceRow, rowAt: number, name: string): number {
  const value = source.cells[rowAt];
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : typeof value === 'object' && value !== null && 'format' in value
          ? value.number
          : NaN;
  if (Number.isSafeInteger(n) && n > 0) return n;
  throw new ImportError(
    'usage',
    `Row ${source.row} of ${name} has no row number in its Row column, which says which row of the original file the line fixes: put the number back, or delete the line (new contacts go in a file of their own).`,
  );
}
