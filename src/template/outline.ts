import type { Column, Worksheet } from 'exceljs';

/**
 * Puts columns `first`..`last` (1-based) in a collapsed outline group: outline level 1 and
 * hidden, with the + to show them on the column after the group, as Excel writes it: the sheet's
 * outline properties (summary column to the right) and outline level, and `collapsed` on that
 * summary column. exceljs works `collapsed` out itself, wrongly for this (on every grouped column
 * and never on the one after), so each column's is given here, and the column after the group is
 * written even when it has nothing else to say (exceljs leaves out a column it takes for default). Excel and LibreOffice then show the group closed, with a
 * + above the headers that opens it.
 */
export function collapsedGroup(sheet: Worksheet, first: number, last: number): void {
  sheet.properties.outlineLevelCol = 1;
  const properties = sheet.properties as { outlineProperties?: object };
  properties.outlineProperties = { summaryBelow: true, summaryRight: true };
  for (let n = first; n <= last; n++) {
    const column = sheet.getColumn(n);
    column.outlineLevel = 1;
    column.hidden = true;
    setCollapsed(column, false);
  }
  const summary = sheet.getColumn(last + 1);
  setCollapsed(summary, true);
  Object.defineProperty(summary, 'isDefault', { configurable: true, get: () => false });
}

function setCollapsed(column: Column, collapsed: boolean): void {
  Object.defineProperty(column, 'collapsed', { configurable: true, get: () => collapsed });
}

/**
 * The 1-based first and last of the AML columns in a sheet's columns (fields.ts keeps them
 * together, after the everyday ones), or undefined when there are none.
 */
export function amlColumns(
  columns: readonly { readonly aml?: boolean }[],
): { first: number; last: number } | undefined {
  const first = columns.findIndex((c) => c.aml === true);
  if (first < 0) return undefined;
  const after = columns.findIndex((c, i) => i > first && c.aml !== true);
  return { first: first + 1, last: after < 0 ? columns.length : after };
}
