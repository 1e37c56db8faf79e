import { field, type FieldName } from '../fields.js';
import type { Country } from '../map/types.js';
import { dateTimeOf, type FieldValue } from '../preflight/fieldChanges.js';
import type { UpdateWritten } from '../upload/resume.js';
import { CsvFile } from './csvFile.js';
import { resultPath } from './resultsFolder.js';

/**
 * changes.csv (SPEC "Results folder"): `Row, Id, Field, Before, After`, one line per changed
 * field of each updated contact, in row order; like the other reports UTF-8 with BOM, the
 * source's delimiter, CRLF, formula-escaped. Values are written as a person reads them and as
 * import takes them back: dates `YYYY-MM-DD` (and `HH:mm`, with `:ss` unless 0, when the time
 * is not midnight), the
 * enums by their label (`Nominated recipient`, as the template's dropdowns show them),
 * countries by their name; an empty value is an empty cell. The journal keeps the values as
 * Nexudus holds them, which is what undo sends.
 */
export function writeChanges(
  dir: string,
  delimiter: string,
  updates: Iterable<UpdateWritten>,
  countries: readonly Country[] | undefined,
): void {
  const names = new Map((countries ?? []).map((c) => [c.Id, c.Name]));
  using file = new CsvFile(resultPath(dir, 'changesCsv'), delimiter);
  file.line(['Row', 'Id', 'Field', 'Before', 'After']);
  const rows = [...updates].sort((a, b) => a.row - b.row);
  for (const update of rows) {
    for (const change of update.changes) {
      file.line([
        String(update.row),
        String(update.id),
        change.field,
        shownValue(change.field, change.before, names),
        shownValue(change.field, change.after, names),
      ]);
    }
  }
}

/** A field's value as changes.csv shows it (see writeChanges). */
export function shownValue(
  name: FieldName,
  value: FieldValue,
  countries: ReadonlyMap<number, string>,
): string {
  if (value === null) return '';
  const def = field(name);
  switch (def.kind) {
    case 'date': {
      const at = dateTimeOf(value);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(at)) return String(value);
      const time = at.endsWith(':00') ? at.slice(11, 16) : at.slice(11, 19);
      return time === '00:00' ? at.slice(0, 10) : `${at.slice(0, 10)} ${time}`;
    }
    case 'enum':
      return def.values?.find((v) => v.value === Number(value))?.label ?? String(value);
    case 'country':
      return countries.get(Number(value)) ?? String(value);
    default:
      return String(value);
  }
}
