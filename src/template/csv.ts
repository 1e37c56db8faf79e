import { TEMPLATE_HEADERS } from './templateColumns.js';

/**
 * The CSV template: the header row only (an example row would be imported with the data if
 * left in). With a UTF-8 BOM and CRLF, as Excel writes "CSV UTF-8": Excel then opens it as
 * UTF-8 and saves it back that way, so accents typed in it survive.
 */
export function templateCsv(): string {
  return `\uFEFF${TEMPLATE_HEADERS.join(',')}\r\n`;
}
