import { openCsv } from './csv.js';
import { checkEncodingOption, detectEncoding } from './decode.js';
import { checkDelimiterOption } from './delimiter.js';
import { detectFormat } from './detect.js';
import type { ReadProbe } from './probe.js';
import type { ReadOptions, SourceTable } from './types.js';
import { openXlsx } from './xlsx.js';

export type { ReadProbe } from './probe.js';
export type * from './types.js';
export { NO_RESULT } from './types.js';

/**
 * Opens a source file for the pipeline: detects its format by content (XLSX or CSV text; every
 * other format is refused by name), reads its header (the first non-empty row) and checks there
 * is at least one data row. The returned table's `rows()` streams the data rows, re-reading the
 * file on each call, with bounded read-ahead; a `break` closes the file.
 *
 * Everything that makes the file unusable throws ImportError (`usage`, `file-not-found`,
 * `unsupported-format`, `corrupt-file`, `doubtful-encoding`, `empty-file`, `unknown-sheet`,
 * `duplicate-header`), with a message for the user and the library's error as `cause`.
 * `rows()` can still throw `corrupt-file` for damage found further in (a CSV quote never
 * closed, a broken zip entry).
 *
 * `sheet` matters for XLSX only, `encoding` and `delimiter` for CSV only (both are checked
 * whatever the file). `probe` is for tests only (see ReadProbe).
 */
export async function openSource(
  path: string,
  options: ReadOptions = {},
  probe?: ReadProbe,
): Promise<SourceTable> {
  // Usage mistakes first: they are wrong whatever the file holds.
  const encoding =
    options.encoding === undefined ? undefined : checkEncodingOption(options.encoding);
  const delimiter =
    options.delimiter === undefined ? undefined : checkDelimiterOption(options.delimiter);
  const detected = await detectFormat(path, encoding !== undefined);
  if (detected.format === 'xlsx') return openXlsx(path, options.sheet, probe);
  const choice =
    encoding === undefined
      ? await detectEncoding(path, detected.head, delimiter)
      : { encoding, by: 'option' as const };
  return openCsv(path, { encoding: choice.encoding, encodingBy: choice.by, delimiter }, probe);
}
