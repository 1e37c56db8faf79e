import type { Style } from 'exceljs';

/** Amber: the colour of a required column's header (the Instructions sheet says so). */
export const REQUIRED_FILL = 'FFFFD966';
const OPTIONAL_FILL = 'FFEDEDED';
const HEADING_FILL = 'FFD9E1F2';

function filled(argb: string, bold: boolean): Partial<Style> {
  return {
    font: { bold, name: 'Calibri', size: 11 },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } },
    border: { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } },
    alignment: { vertical: 'middle' },
  };
}

/** A Contacts header: bold on amber when the field is required, plain on grey otherwise. */
export function headerStyle(required: boolean): Partial<Style> {
  return required ? filled(REQUIRED_FILL, true) : filled(OPTIONAL_FILL, false);
}

/** The heading row of a table on the Instructions and Lists sheets. */
export function headingStyle(): Partial<Style> {
  return filled(HEADING_FILL, true);
}
