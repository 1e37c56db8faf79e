import type { FieldName } from '../fields.js';
import type { SourceRow } from '../read/types.js';
import type { DateSurvey } from './dateSurvey.js';
import { mapRow } from './row.js';
import type { DateOrder, MapContext, MappedRow } from './types.js';

/** A MapContext but for the date orders, which this pass settles. */
export type BaseContext = Omit<MapContext, 'dateOrders'>;

export type DateOrders = Partial<Record<FieldName, DateOrder>>;

/** How the pass knows each date column's day-month order. */
export type OrderPlan =
  /** Known before reading (--date-format, or settled by an earlier pass). */
  | { readonly orders: DateOrders }
  /** Inferred while reading, as the survey's evidence comes in. */
  | { readonly survey: DateSurvey };

export interface MapPassResult {
  /**
   * False when a row was read in an order its column did not end up with (the evidence turned
   * later in the file): everything this pass yielded must be dropped and the file mapped again
   * with `orders`.
   */
  readonly confirmed: boolean;
  /** The date orders the whole file settles. */
  readonly orders: DateOrders;
  /** The context rows are mapped with under `orders` (for later passes). */
  readonly context: MapContext;
}

/** Rows held back at most while a date column waits for its first settling value. */
const HOLD_LIMIT = 5_000;

/**
 * One pass over the file that maps each row in order, inferring each date column's day-month
 * order on the way instead of in a pass of its own (SPEC "Values": the order most settling values
 * show). A row whose date reads differently by order is mapped with the order settled so far and
 * that choice is remembered; a row that comes before its column's first settling value is held
 * back (with the rows after it, to keep the order) until one comes. At the end, every remembered
 * choice is checked against the final orders. In the files people keep (one order per column)
 * the check holds and the file is read once; when the evidence turns, `confirmed` is false and
 * the caller maps the file again with the final orders, which is what a separate survey pass
 * would have cost every time.
 */
export async function* mapInOrder(
  rows: AsyncIterable<SourceRow>,
  base: BaseContext,
  plan: OrderPlan,
): AsyncGenerator<{ source: SourceRow; mapped: MappedRow }, MapPassResult> {
  const contexts = new Map<string, MapContext>();
  let last: MapContext | undefined;
  // mapRow builds its field readers once per context object: one context per set of orders.
  const contextFor = (orders: DateOrders): MapContext => {
    if (last && sameOrders(last.dateOrders, orders)) return last;
    const key = JSON.stringify(orders);
    let context = contexts.get(key);
    if (!context) {
      context = { ...base, dateOrders: orders };
      contexts.set(key, context);
    }
    last = context;
    return context;
  };

  if ('orders' in plan) {
    const context = contextFor(plan.orders);
    for await (const source of rows) yield { source, mapped: mapRow(source, context) };
    return { confirmed: true, orders: plan.orders, context };
  }

  const { survey } = plan;
  const used = new Map<FieldName, Set<DateOrder | 'none'>>();
  const mapWith = (source: SourceRow, dependent: readonly FieldName[], orders: DateOrders) => {
    for (const field of dependent) {
      let set = used.get(field);
      if (!set) used.set(field, (set = new Set()));
      set.add(orders[field] ?? 'none');
    }
    return mapRow(source, contextFor(orders));
  };
  const held: { source: SourceRow; dependent: readonly FieldName[] }[] = [];
  const waitingFor = new Set<FieldName>();
  let overflow = false;

  for await (const source of rows) {
    const dependent = survey.add(source);
    if (overflow) continue; // only the survey goes on; the caller maps again
    const orders = survey.orders();
    for (const field of dependent) if (orders[field] === undefined) waitingFor.add(field);
    if (waitingFor.size > 0) {
      held.push({ source, dependent });
      for (const field of waitingFor) if (orders[field] !== undefined) waitingFor.delete(field);
      if (waitingFor.size === 0) {
        for (const h of held.splice(0)) {
          yield { source: h.source, mapped: mapWith(h.source, h.dependent, orders) };
        }
      } else if (held.length > HOLD_LIMIT) {
        overflow = true;
        held.length = 0;
      }
      continue;
    }
    yield { source, mapped: mapWith(source, dependent, orders) };
  }

  const orders = survey.orders();
  const context = contextFor(orders);
  if (overflow) return { confirmed: false, orders, context };
  for (const h of held) yield { source: h.source, mapped: mapWith(h.source, h.dependent, orders) };
  const confirmed = [...used].every(([field, set]) =>
    [...set].every((order) => order === (orders[field] ?? 'none')),
  );
  return { confirmed, orders, context };
}

function sameOrders(a: DateOrders, b: DateOrders): boolean {
  const keys = Object.keys(a) as (keyof DateOrders)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
