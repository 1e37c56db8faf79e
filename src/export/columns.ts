import {
  CONTEXT_COLUMNS,
  FIELDS,
  ID_COLUMN,
  type ContextColumn,
  type FieldDef,
} from '../fields.js';

/** One column of an export, in file order: the Id, the template's fields, the context columns. */
export type ExportColumn =
  | { readonly kind: 'id'; readonly header: typeof ID_COLUMN }
  | { readonly kind: 'field'; readonly header: string; readonly def: FieldDef }
  | { readonly kind: 'context'; readonly header: ContextColumn };

/** The columns of an export: `Id` first, every field as the template orders them, then context. */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { kind: 'id', header: ID_COLUMN },
  ...FIELDS.map((def: FieldDef) => ({ kind: 'field' as const, header: def.name, def })),
  ...CONTEXT_COLUMNS.map((header) => ({ kind: 'context' as const, header })),
];

/** The header row of an export, as text. */
export const EXPORT_HEADERS: readonly string[] = EXPORT_COLUMNS.map((c) => c.header);

/** Context columns holding a date and time (the others hold text). */
export const CONTEXT_TIMES: ReadonlySet<ContextColumn> = new Set(['CreatedOn', 'UpdatedOn']);

/** What each context column holds, for its header note. */
export const CONTEXT_NOTES: Readonly<Record<ContextColumn, string>> = {
  Customer:
    "The contract's customer, as Nexudus holds it on the contract (the customer's full name, else the company, billing name or email).",
  Plan: "The contract's plan (its tariff) in Nexudus.",
  CreatedOn: 'When the contact was created in Nexudus.',
  UpdatedOn: 'When the contact was last changed in Nexudus.',
};

/** The note on the Id header. */
export const ID_NOTE = [
  `${ID_COLUMN} (Nexudus)`,
  "The contact's Id in Nexudus, written by export.",
  '',
  'import --update finds the contact by it and changes only the cells you edited: leave it as it is.',
  'A row you add for a new contact leaves it blank.',
].join('\n');

/** The note on a context column's header. */
export function contextNote(column: ContextColumn): string {
  return [
    `${column} (read-only)`,
    CONTEXT_NOTES[column],
    '',
    'Read-only: import ignores this column, so editing it changes nothing in Nexudus.',
  ].join('\n');
}
