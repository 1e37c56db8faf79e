import type { DataValidation } from 'exceljs';
import type { FieldDef, FieldKind, FieldName } from '../fields.js';
import { blankText, enumLabels, promptText } from './fieldText.js';
import { listRange, type DropdownList } from './lists.js';

/**
 * Number formats by kind. Text (`@`) where a spreadsheet would otherwise change what is typed:
 * 01620 losing its zero, +44 … turned into a formula, 1-2 in an address turned into a date.
 * Dates as yyyy-mm-dd, which reads the same in every country (06/05 does not).
 */
const NUMBER_FORMATS: Record<FieldKind, string | undefined> = {
  integer: '0',
  date: 'yyyy-mm-dd',
  verbatim: '@',
  text: '@',
  email: '@',
  json: '@',
  enum: undefined,
  country: undefined,
  number: undefined,
};

/** The number format of a field's cells; undefined for General. */
export function numberFormat(def: FieldDef): string | undefined {
  return NUMBER_FORMATS[def.kind];
}

/** Room a kind's values usually need, in characters. */
const KIND_WIDTH: Record<FieldKind, number> = {
  integer: 10,
  date: 12,
  verbatim: 18,
  text: 20,
  email: 30,
  json: 24,
  enum: 12,
  country: 26,
  number: 10,
};

/** A column's width: its header, its example and its kind's values fit. */
export function columnWidth(def: FieldDef): number {
  const labels = enumLabels(def).map((l) => l.length);
  const widest = Math.max(def.name.length, def.example.length, KIND_WIDTH[def.kind], ...labels);
  return Math.min(widest + 3, 45);
}

/** Excel's limits on a validation's error alert (a longer one makes it repair the file). */
const TITLE_LIMIT = 32;
const ERROR_LIMIT = 225;

function fit(text: string, limit: number): string {
  if (text.length > limit) throw new Error(`template text over ${limit} characters: ${text}`);
  return text;
}

/** The input message every column has: shown when one of its cells is selected. */
function prompt(def: FieldDef) {
  return {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: fit(def.name, TITLE_LIMIT),
    prompt: promptText(def),
  } as const;
}

/** A stop alert: the value typed is refused, with this message. */
function stop(errorTitle: string, error: string) {
  return {
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: fit(errorTitle, TITLE_LIMIT),
    error: fit(error, ERROR_LIMIT),
  } as const;
}

/**
 * Dates a template cell accepts (SPEC: a DateOfBirth before 1900 fails anyway): 1900-01-01, which
 * is serial 1, given as the day before because exceljs converts dates without the 29 February
 * 1900 that Excel counts (lib/utils/utils.js dateToExcel), so it writes every date before March
 * 1900 one serial too high. 2099-12-31 converts right.
 */
const EARLIEST = new Date(Date.UTC(1899, 11, 31));
const LATEST = new Date(Date.UTC(2099, 11, 31));

/** A warning alert: the value typed is questioned with this message, and kept if the user says so. */
function warn(errorTitle: string, error: string) {
  return {
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: fit(errorTitle, TITLE_LIMIT),
    error: fit(error, ERROR_LIMIT),
  } as const;
}

/** What the alert of a dropdown column says about a value that is not in its list. */
function notListed(def: FieldDef): string {
  if (def.kind === 'country') {
    return 'Not a name from the list. An ISO code such as DE or DEU, or another spelling the importer understands, is fine: choose Yes (OK) to keep it. validate tells you if it is not a country.';
  }
  const blank = def.default === undefined ? '' : ` Blank means ${blankText(def)}.`;
  // An example whose Nexudus name is not its label (CompanyAlias), so it says something.
  const values = def.values ?? [];
  const named = values.find((v) => v.name !== v.label) ?? values[0];
  const example = named ? ` (e.g. ${named.name} or ${named.value})` : '';
  return `Not one of: ${enumLabels(def).join(', ')}. The Nexudus name or number${example} is fine too: choose Yes (OK) to keep it.${blank}`;
}

/**
 * The data validation of a field's cells: a dropdown for the enums and the country, whole
 * numbers for Ids, real dates for dates, and for every other column just the input message
 * (exceljs writes type `any` as a prompt-only validation).
 *
 * The dropdowns WARN rather than refuse (Excel's "warning" style; LibreOffice asks OK/Cancel):
 * the importer accepts more than their lists hold, a country's ISO code (DE, DEU) or another
 * spelling it knows, and an enum's Nexudus name (`CompanyAlias`) or number, and a stop alert
 * would refuse a value the tool takes (docs/template.md).
 */
export function columnValidation(def: FieldDef, lists: readonly DropdownList[]): DataValidation {
  const name = def.name as FieldName;
  switch (def.kind) {
    case 'enum':
    case 'country':
      return {
        type: 'list',
        formulae: [listRange(lists, name)],
        ...prompt(def),
        ...warn('Not in the list', notListed(def)),
      };
    case 'integer':
      return {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [1],
        ...prompt(def),
        ...stop(
          'Not a whole number',
          `${name} takes a whole number, a Nexudus Id: e.g. ${def.example}.`,
        ),
      };
    case 'date':
      return {
        type: 'date',
        operator: 'between',
        formulae: [EARLIEST, LATEST],
        ...prompt(def),
        ...stop('Not a date', 'Type a date as 1975-06-23 (year-month-day), from 1900 to 2099.'),
      };
    default:
      return {
        ...({ type: 'any' } as unknown as Pick<DataValidation, 'type'>),
        formulae: [],
        ...prompt(def),
      };
  }
}
