import type ExcelJS from 'exceljs';
import { FONT } from '../template/styles.js';
import { NUMBER_FORMATS, type CellFormat } from './workbookCell.js';

type Style = Partial<ExcelJS.Style>;

/**
 * Every style names its font (the template's, Calibri 11, also the workbook's default): a font
 * with no name is shown in LibreOffice's default, a serif.
 */
const PLAIN_FONT: Partial<ExcelJS.Font> = { ...FONT };

/** Excel's own "Light red fill with dark red text": red enough to find, light enough to read. */
const WRONG_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFC7CE' },
};
const WRONG_FONT: Partial<ExcelJS.Font> = { ...FONT, color: { argb: 'FF9C0006' } };

/** The line below the header row, and right of the `Row` column. */
const RULE: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFA6A6A6' } };
const ROW_RULE: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: 'FF808080' } };
/** The `Row` column's grey: it is the file's, not the person's, to change. */
const ROW_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };

/** The header row: bold on light grey, a line below it. */
export const HEADER_STYLE: Style = {
  numFmt: '@',
  font: { ...FONT, bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  border: { bottom: RULE },
  alignment: { vertical: 'top' },
};

/** The `Row` header: as the others, on the Row column's grey, with the rule on its right. */
export const ROW_HEADER_STYLE: Style = {
  ...HEADER_STYLE,
  fill: ROW_FILL,
  border: { bottom: RULE, right: ROW_RULE },
};

/**
 * One shared object per kind of cell: exceljs's style registry recognises an object it has seen
 * (a WeakMap), so a million cells cost a handful of styles. Never mutate what this returns
 * (setting `cell.fill` would change every cell sharing it); assign whole styles only.
 */
const styles = new Map<string, Style>();

/**
 * The style of a data cell: its number format (or `code`, a source cell's own format code),
 * red when wrong, wrapped for `Errors`.
 */
export function cellStyle(format: CellFormat, wrong: boolean, wrap = false, code?: string): Style {
  const key = `${format}|${wrong}|${wrap}|${code ?? ''}`;
  let style = styles.get(key);
  if (!style) {
    const numFmt = code ?? NUMBER_FORMATS[format];
    style = {
      ...(numFmt ? { numFmt } : {}),
      font: wrong ? WRONG_FONT : PLAIN_FONT,
      alignment: { vertical: 'top', ...(wrap ? { wrapText: true } : {}) },
      ...(wrong ? { fill: WRONG_FILL } : {}),
    };
    styles.set(key, style);
  }
  return style;
}

const ROW_STYLE: Style = {
  font: { ...FONT, bold: true },
  fill: ROW_FILL,
  border: { right: ROW_RULE },
  alignment: { vertical: 'top' },
};
const WRONG_ROW_STYLE: Style = {
  ...ROW_STYLE,
  font: { ...WRONG_FONT, bold: true },
  fill: WRONG_FILL,
};

/** A `Row` cell: bold on grey with a rule on its right; red when a problem is noted on it. */
export function rowCellStyle(wrong: boolean): Style {
  return wrong ? WRONG_ROW_STYLE : ROW_STYLE;
}
