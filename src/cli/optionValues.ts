import { InvalidArgumentError } from 'commander';
import { DATE_ORDERS, type DateOrder } from '../map/types.js';

// The parsers of option values: each refuses a typo with one sentence (commander shows it).

/** Requests in flight at most: past this, a number is a typo (Nexudus takes 2 a second). */
export const MAX_CONCURRENCY = 100;
/** An hour: longer is a typo, and past 24 days Node's timers would fire at once. */
export const MAX_TIMEOUT_S = 3600;
export const MAX_LATENCY_MS = 600_000;

/** Digits only: `Number()` would also take '', '0x10', '1e3' and ' 5 '. */
export function integer(min: number, max?: number) {
  return (value: string): number => {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(
        max === undefined
          ? `expected a whole number of at least ${min}.`
          : `expected a whole number from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

/** `--date-format`, in any case; commander's choices() alone would not take `dmy`. */
export function dateOrder(value: string): DateOrder {
  const order = value.toUpperCase();
  if (!(DATE_ORDERS as readonly string[]).includes(order)) {
    throw new InvalidArgumentError(
      'expected DMY, MDY or YMD: the order of day, month and year in the dates of the file.',
    );
  }
  return order as DateOrder;
}

/** A repeatable option's values, in the order given. */
export function collect(value: string, previous: string[] | undefined): string[] {
  if (value.trim() === '') {
    throw new InvalidArgumentError('give the header of the column to leave out.');
  }
  return [...(previous ?? []), value];
}

export function fraction(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

/** `--contract` (repeatable): a contract Id, digits only. */
export function collectId(value: string, previous: number[]): number[] {
  return [...previous, integer(1)(value)];
}

/** `--customer` (repeatable): some text to match. */
export function collectText(value: string, previous: string[]): string[] {
  if (value.trim() === '') {
    throw new InvalidArgumentError(
      "give the customer's email, full name, company or billing name.",
    );
  }
  return [...previous, value];
}
