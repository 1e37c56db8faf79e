import { CUSTOMER_COLUMN, FIELDS, type FieldName } from '../fields.js';
import { unneutralize } from '../formula.js';
import type { CellValue, SourceRow } from '../read/types.js';
import type { CustomerCell, MapContext, MappedOk, MappedRow, RowProblem } from './types.js';
import { Invalid, type Converted } from './cells.js';
import { strayCellsProblem } from './stray.js';
import { toId, wholeNumberOfCell } from './numbers.js';
import { textOf, valueReader, type ValueReader } from './values.js';

/** One field's work in every row: where its cells are and how they are read. */
interface Step {
  readonly name: FieldName;
  readonly columns: readonly number[];
  readonly joiner: string;
  readonly read: ValueReader;
  /** What the field is when it has no column (the required enums' defaults). */
  readonly fallback?: number;
}

interface Plan {
  readonly steps: readonly Step[];
  /** Cells of a re-imported errors file were written neutralised (`'=…`): undo that. */
  readonly reimport: boolean;
  /** Cells written neutralised by us: a re-imported errors file, or an exported CSV. */
  readonly quoted: boolean;
  readonly rowColumn: number | undefined;
  readonly contractColumns: readonly number[];
  readonly nameColumns: readonly number[];
  /** Columns under an empty header between named ones: a value there fails its row. */
  readonly unnamed: readonly number[];
  /** The column of the contact's Id (ColumnMap.idColumn). */
  readonly idColumn: number | undefined;
  /** The Customer and Plan columns (ColumnMap.customerColumn, planColumn). */
  readonly customerColumn: number | undefined;
  readonly planColumn: number | undefined;
}

/** One plan per context: the readers are built once per run, not once per row. */
const plans = new WeakMap<MapContext, Plan>();

function planFor(ctx: MapContext): Plan {
  const cached = plans.get(ctx);
  if (cached) return cached;
  const { columns } = ctx;
  const now = ctx.now;
  // The user's today (local time), for a DateOfBirth in the future.
  const today = now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
  const steps: Step[] = [];
  for (const def of FIELDS) {
    const source = columns.fields[def.name];
    const fallback = 'default' in def ? def.default : undefined;
    if (!source && fallback === undefined) continue;
    const read = valueReader(def, {
      order: ctx.dateOrders[def.name],
      decimalComma: ctx.decimalComma,
      countries: ctx.countries,
      today,
    });
    steps.push({
      name: def.name,
      columns: source?.columns ?? [],
      joiner: source?.joiner ?? ' ',
      read,
      ...(fallback === undefined ? {} : { fallback }),
    });
  }
  const reimport = columns.rowColumn !== undefined && columns.errorsColumn !== undefined;
  const plan: Plan = {
    steps,
    reimport,
    quoted: reimport || (columns.exportLayout === true && ctx.csv === true),
    rowColumn: reimport ? columns.rowColumn : undefined,
    contractColumns: columns.fields.CoworkerContractId?.columns ?? [],
    nameColumns: columns.fields.FullName?.columns ?? [],
    unnamed: columns.uses.filter((u) => u.leftOut === 'no-header').map((u) => u.column),
    idColumn: columns.idColumn,
    customerColumn: columns.customerColumn,
    planColumn: columns.planColumn,
  };
  plans.set(ctx, plan);
  return plan;
}

function cellAt(cells: readonly CellValue[], column: number, reimport: boolean): CellValue {
  const cell = cells[column] ?? null;
  return reimport && typeof cell === 'string' ? unneutralize(cell) : cell;
}

/** The cells of a field made of several columns (First + Last Name), joined as text. */
function joined(step: Step, cells: readonly CellValue[], reimport: boolean): Converted<string> {
  let text = '';
  for (const column of step.columns) {
    const part = textOf(cellAt(cells, column, reimport));
    if (part instanceof Invalid) return part;
    if (part !== undefined) text = text === '' ? part : text + step.joiner + part;
  }
  return text;
}

function problem(step: Step, message: string): RowProblem {
  return { PropertyName: step.name, Message: message, columns: step.columns };
}

/**
 * One source row → the exact ContractContact payload, or every problem of the row (a value with
 * no header above it too: see strayCellsProblem). Pure and cheap: the per-field readers are
 * built once per `ctx` object and reused for every row, so pass the same context to every call.
 */
export function mapRow(row: SourceRow, ctx: MapContext): MappedRow {
  const plan = planFor(ctx);
  const { cells } = row;
  const payload: Record<string, string | number> = {};
  // Values with no header above them come first: a row shifted right by an unquoted delimiter
  // explains the problems of its other cells.
  const stray = strayCellsProblem(row, plan.unnamed);
  let problems: RowProblem[] | undefined = stray ? [stray] : undefined;
  let coworkerGiven = false;
  let contractFailed = false;
  let nameFailed = false;
  let blanks: FieldName[] | undefined;

  for (const step of plan.steps) {
    let value: Converted<string | number>;
    if (step.columns.length === 0) value = step.fallback;
    else if (step.columns.length === 1) {
      const cell = cellAt(cells, step.columns[0] ?? 0, plan.quoted);
      if (isBlank(cell)) (blanks ??= []).push(step.name);
      value = step.read(cell);
    } else {
      const text = joined(step, cells, plan.quoted);
      if (text === '') (blanks ??= []).push(step.name);
      value = text instanceof Invalid ? text : step.read(text ?? null);
    }
    if (value instanceof Invalid) {
      (problems ??= []).push(problem(step, value.message));
      if (step.name === 'CoworkerContractId') contractFailed = true;
      else if (step.name === 'FullName') nameFailed = true;
    } else if (value !== undefined) {
      payload[step.name] = value;
    }
    if (step.name === 'CoworkerId') coworkerGiven = value !== undefined;
  }

  const customer = customerCell(cells, plan);
  if (customer instanceof Invalid) {
    (problems ??= []).push({
      PropertyName: CUSTOMER_COLUMN,
      Message: customer.message,
      columns: [
        plan.customerColumn ?? 0,
        ...(plan.planColumn === undefined ? [] : [plan.planColumn]),
      ],
    });
  } else if (payload.CoworkerContractId === undefined && customer) {
    // Preflight finds the contract (settleRow); 0 is no contract's Id and stands in until then.
    payload.CoworkerContractId = 0;
  } else if (payload.CoworkerContractId === undefined && !contractFailed) {
    (problems ??= []).push({
      PropertyName: 'CoworkerContractId',
      Message:
        plan.customerColumn === undefined
          ? 'is a required field'
          : "is a required field: give the contract's Id, or name its customer in the Customer column",
      columns: [
        ...plan.contractColumns,
        ...(plan.customerColumn === undefined ? [] : [plan.customerColumn]),
      ],
    });
  }
  // A blank FullName is filled from the coworker by preflight (SPEC "Values", FullName).
  const nameFromCoworker = payload.FullName === undefined && coworkerGiven;
  if (payload.FullName === undefined && !coworkerGiven && !nameFailed) {
    (problems ??= []).push({
      PropertyName: 'FullName',
      Message: 'is a required field',
      columns: plan.nameColumns,
    });
  }

  let id: number | undefined;
  if (plan.idColumn !== undefined) {
    const read = toId(cellAt(cells, plan.idColumn, plan.quoted));
    if (read instanceof Invalid) {
      (problems ??= []).push({
        PropertyName: 'Id',
        Message: `${read.message}: it is the contact's Id in Nexudus, as export writes it (leave it blank for a new contact)`,
        columns: [plan.idColumn],
      });
    } else id = read;
  }

  const rowNumber =
    plan.rowColumn === undefined ? row.row : originalRow(cells, plan.rowColumn, row.row);
  if (problems) return { ok: false, row: rowNumber, cells, problems };
  return {
    ok: true,
    row: rowNumber,
    cells,
    payload: payload as unknown as MappedOk['payload'],
    nameFromCoworker,
    ...(id === undefined ? {} : { id }),
    ...(customer && !(customer instanceof Invalid) ? { customer } : {}),
    blanks: blanks ?? NONE,
  };
}

const NONE: readonly FieldName[] = [];

/**
 * A row's Customer (and Plan) cells as text; undefined when there is no Customer column or its
 * cell is blank (a Plan alone names nothing: it fails the row, as a plan without its customer).
 */
function customerCell(cells: readonly CellValue[], plan: Plan): CustomerCell | Invalid | undefined {
  const read = (column: number | undefined) => {
    if (column === undefined) return undefined;
    const cell = cellAt(cells, column, plan.quoted);
    return typeof cell === 'number' ? String(cell) : textOf(cell);
  };
  const customer = read(plan.customerColumn);
  const tariff = read(plan.planColumn);
  if (customer instanceof Invalid) return customer;
  if (tariff instanceof Invalid) return tariff;
  if (customer === undefined) {
    return tariff === undefined
      ? undefined
      : new Invalid(`is blank, but Plan says '${tariff}': name the plan's customer too`);
  }
  return tariff === undefined ? { customer } : { customer, plan: tariff };
}

/** A cell that holds nothing: empty, or only white space (and invisible characters). */
function isBlank(cell: CellValue): boolean {
  if (cell === null) return true;
  return typeof cell === 'string' && textOf(cell) === undefined;
}

/** The `Row` of a re-imported errors file; the source row when someone blanked or broke it. */
function originalRow(cells: readonly CellValue[], column: number, fallback: number): number {
  const number = wholeNumberOfCell(cells[column] ?? null);
  return number !== undefined && number >= 1 ? number : fallback;
}
