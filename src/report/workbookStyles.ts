import type ExcelJS from 'exceljs';
import { NUMBER_FORMATS, type CellFormat } from './workbookCell.js';

type Style = Partial<ExcelJS.Style>;

/** Excel's own "Light red fill with dark red text": red enough to find, light enough to read. */
const WRONG_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFC7CE' },
};
const WRONG_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };

/** The header row: bold on light grey, a line below it. */
export const HEADER_STYLE: Style = {
  numFmt: '@',
  font: { bold: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
  border: { bottom: { style: 'thin', color: { argb: 'FFA6A6A6' } } },
  alignment: { vertical: 'top' },
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
      alignment: { vertical: 'top', ...(wrap ? { wrapText: true } : {}) },
      ...(wrong ? { fill: WRONG_FILL, font: WRONG_FONT } : {}),
    };
    styles.set(key, style);
  }
  return style;
}
