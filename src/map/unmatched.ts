import { basename } from 'node:path';
import { ImportError } from '../errors.js';
import { isBlankCell } from '../read/header.js';
import type { SourceRow } from '../read/types.js';
import type { HeaderMatch } from './headers.js';
import { columnLetter, type Slot } from './slots.js';
import { closestSlots } from './suggest.js';
import type { ColumnMap, ColumnUse } from './types.js';

/** Options of settleUnmatched. */
export interface SettleOptions {
  /** The source file's path, named in the message. */
  readonly source?: string;
}

/**
 * Decides what the columns whose header matches no field are (`unmatched`), before anything is
 * sent and before the account is even reached: a column that holds a value stops the run
 * (`unmatched-column`, exit 2), because leaving it out would change what is sent without a word
 * (no type column makes every contact a Director); a column with nothing in it is `empty` and
 * left out.
 *
 * "Holds a value" is decided cheaply: the rows are read only when such a column exists, and only
 * until each of them has shown a value (most often in the first data row, so the file is barely
 * read) or the file ends (then the ones that showed nothing are empty: that costs one read of the
 * file, the price of a header over an empty column). A cell of white space only is empty, as the
 * reader's blank rows are. Every column that showed a value is named at once, with the fields it
 * most likely meant, so one fix settles them all.
 * @throws ImportError `unmatched-column` naming each column with a value.
 */
export async function settleUnmatched(
  match: HeaderMatch,
  rows: () => AsyncIterable<SourceRow>,
  options: SettleOptions = {},
): Promise<ColumnMap> {
  const { columns, unmatched } = match;
  if (unmatched.length === 0) return columns;
  const waiting = new Set(unmatched);
  const shown = new Set<number>();
  for await (const row of rows()) {
    for (const column of waiting) {
      if (isBlankCell(row.cells[column])) continue;
      shown.add(column);
      waiting.delete(column);
    }
    if (waiting.size === 0) break;
  }
  if (shown.size > 0) {
    throw new ImportError('unmatched-column', unmatchedMessage(columns, shown, options.source));
  }
  return {
    ...columns,
    uses: columns.uses.map((u) =>
      u.leftOut === 'unmatched' ? { ...u, leftOut: 'empty' as const } : u,
    ),
  };
}

/** `"Type of contact" (column C …) matches no field. Did you mean …? What to do.` */
function unmatchedMessage(columns: ColumnMap, shown: ReadonlySet<number>, source?: string): string {
  const taken = new Set<Slot>(
    columns.uses.flatMap((u) => (u.slot !== undefined && u.leftOut === undefined ? [u.slot] : [])),
  );
  const named = columns.uses.filter((u) => shown.has(u.column));
  const guesses = named.map((u) => closestSlots(u.header, taken));
  const of = source ? ` of ${basename(source)}` : '';
  const [only] = named;
  if (named.length === 1 && only) {
    const guess = guesses[0]?.length ? ` Did you mean ${either(guesses[0])}?` : '';
    return (
      `${quote(only.header)} (column ${columnLetter(only.column)}${of}) matches no field.${guess} ` +
      `Rename the header, map it with --mapping, or pass --ignore-column ${argument(only.header)}.`
    );
  }
  const list = named.map((u, i) => {
    const guess = guesses[i]?.length ? `: did you mean ${either(guesses[i])}?` : '';
    return `${quote(u.header)} (column ${columnLetter(u.column)}${guess})`;
  });
  // The example names a column nothing resembles: the likeliest one to leave out on purpose.
  const example: ColumnUse | undefined = named.find((_, i) => guesses[i]?.length === 0) ?? named[0];
  return (
    `${named.length} columns${of} match no field: ${either(list, 'and')}. ` +
    `Rename the headers, map them with --mapping, or leave a column out with --ignore-column` +
    `${example ? `, e.g. --ignore-column ${argument(example.header)}` : ''}.`
  );
}

const quote = (header: string): string => `"${header}"`;

/** A header as typed on a command line: quoted when it has anything but letters and digits. */
function argument(header: string): string {
  return /^[\p{L}\p{N}_.-]+$/u.test(header) ? header : quote(header);
}

/** `A`, `A or B`, `A, B or C`. */
function either(items: readonly string[], word = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1) ?? ''}`;
}
