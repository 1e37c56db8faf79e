import { writeFileSync } from 'node:fs';
import { extname, relative, resolve } from 'node:path';
import { ImportError } from '../errors.js';
import { templateBytes, type TemplateFormat } from '../template/index.js';
import type { CommandIo } from '../engine/options.js';

/** Options of `nexudus-import template`. */
export interface TemplateOptions {
  /** Where to write it; `.xlsx` or `.csv` picks the format. */
  readonly out?: string;
}

/** Where the template goes when --out is not given (in the current folder). */
export const DEFAULT_TEMPLATE_FILE = 'contract-contacts-template.xlsx';

const FORMATS: Readonly<Record<string, TemplateFormat>> = { '.xlsx': 'xlsx', '.csv': 'csv' };

/**
 * `template [--out FILE]`: writes the import template, never over an existing file.
 * @throws ImportError `usage` for an extension other than .xlsx or .csv, a file that exists, or
 *   a folder that cannot be written.
 */
export async function runTemplate(options: TemplateOptions, io: CommandIo): Promise<number> {
  const given = options.out ?? DEFAULT_TEMPLATE_FILE;
  const path = resolve(io.cwd, given);
  const extension = extname(path);
  const format = FORMATS[extension.toLowerCase()];
  if (!format) {
    throw new ImportError(
      'usage',
      `The template is written as .xlsx or .csv, and ${given} ${extension ? `ends in ${extension}` : 'has no extension'}: give --out a name ending in .xlsx or .csv.`,
    );
  }
  const bytes = await templateBytes(format);
  try {
    // 'wx': fails if the file exists, even one created since we looked.
    writeFileSync(path, bytes, { flag: 'wx' });
  } catch (error) {
    throw new ImportError('usage', cannotWrite(given, error), { cause: error });
  }
  const shown = relative(io.cwd, path) || given;
  const next =
    format === 'xlsx'
      ? `Fill in its Contacts sheet, then check it with: npx nexudus-import validate ${shown}`
      : `Fill it in (the .xlsx template has dropdowns and notes), then check it with: npx nexudus-import validate ${shown}`;
  io.stdout.write(`Wrote the import template to ${shown}. ${next}\n`);
  return 0;
}

function cannotWrite(given: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EEXIST') {
    return `${given} already exists and is left as it is: choose another name with --out, or move that file away first.`;
  }
  if (code === 'ENOENT') {
    return `The folder of ${given} does not exist: create it first, or choose another place with --out.`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return `${given} cannot be written here (permission denied): choose another place with --out.`;
  }
  if (code === 'EISDIR')
    return `${given} is a folder: give --out a file name ending in .xlsx or .csv.`;
  return `${given} could not be written (${code ?? String(error)}): choose another place with --out.`;
}
