import type { Style } from 'exceljs';

/** Amber: the colour of a required column's header (the Instructions sheet says so). */
export const REQUIRED_FILL = 'FFFFD966';
const OPTIONAL_FILL = 'FFEDEDED';
const HEADING_FILL = 'FFD9E1F2';

/**
 * The font of every styled cell, named: a font without a name is shown in LibreOffice's default,
 * a serif. Calibri 11 is the workbook's default font too (exceljs's), so cells without a style
 * look the same.
 */
export const FONT = { name: 'Calibri', size: 11, family: 2 } as const;

function filled(argb: string, bold: boolean): Partial<Style> {
  return {
    font: { ...FONT, bold },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } },
    border: { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } },
    alignment: { vertical: 'middle' },
  };
}

/** A Contacts header: bold on amber when its cell cannot be left blank, plain on grey otherwise. */
export function headerStyle(required: boolean): Partial<Style> {
  return required ? filled(REQUIRED_FILL, true) : filled(OPTIONAL_FILL, false);
}

/** The heading row of a table on the Instructions and Lists sheets. */
export function headingStyle(): Partial<Style> {
  return filled(HEADING_FILL, true);
}

/** Export's read-only context columns: grey, darker than an optional header, text in grey. */
const CONTEXT_HEADER_FILL = 'FFBFBFBF';
const CONTEXT_CELL_FILL = 'FFF2F2F2';
const CONTEXT_TEXT = 'FF595959';

/** The header of a read-only context column of an export (Customer, Plan, CreatedOn, UpdatedOn). */
export function contextHeaderStyle(): Partial<Style> {
  const style = filled(CONTEXT_HEADER_FILL, false);
  return { ...style, font: { ...style.font, italic: true, color: { argb: CONTEXT_TEXT } } };
}

/** A cell of a read-only context column: greyed, so nobody takes it for something to edit. */
export function contextCellStyle(numFmt?: string): Partial<Style> {
  return {
    font: { ...FONT, color: { argb: CONTEXT_TEXT } },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: CONTEXT_CELL_FILL } },
    ...(numFmt ? { numFmt } : {}),
  };
}
