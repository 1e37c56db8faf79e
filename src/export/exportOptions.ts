import type { ConnectOptions } from '../engine/connect.js';
import type { ExportFilters } from './exportContacts.js';

/** Every option of `export`, typed (docs/export.md). */
export interface ExportOptions extends ConnectOptions, ExportFilters {
  /** The file to write; `.xlsx` or `.csv` picks the format. Default: see defaultExportFile. */
  readonly out?: string;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Where an export goes when --out is not given: `contacts-export-YYYYMMDD-HHmmss.xlsx` in the
 * working folder, local time (as import's results folders are named), so two exports never meet.
 */
export function defaultExportFile(now: Date): string {
  const day = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `contacts-export-${day}-${time}.xlsx`;
}
