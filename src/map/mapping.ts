import { readFile } from 'node:fs/promises';
import { ImportError } from '../errors.js';
import { isContractName, unknownField } from './namedColumns.js';
import { slotOf } from './slots.js';

const EXAMPLE = '{"Contract No": "CoworkerContractId", "Contact": "FullName"}';

/**
 * Reads and checks a `--mapping` JSON file: an object from source header to Nexudus field
 * name (or FirstName, LastName, AddressLine2; `""` leaves the column out). Whether the headers
 * exist is checked by matchHeaders, which has the file's header row.
 * @throws ImportError `file-not-found`, or `bad-mapping` for anything but such an object.
 */
export async function loadMapping(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new ImportError('file-not-found', `The mapping file ${path} does not exist.`, {
          cause: error,
        })
      : new ImportError('bad-mapping', `The mapping file ${path} cannot be read (${code}).`, {
          cause: error,
        });
  }
  let parsed: unknown;
  try {
    // Notepad on Windows saves UTF-8 with a BOM, which JSON.parse refuses.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportError(
      'bad-mapping',
      `The mapping file ${path} is not valid JSON (${(error as Error).message}). It should look like ${EXAMPLE}.`,
      { cause: error },
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ImportError(
      'bad-mapping',
      `The mapping file ${path} should hold one object, like ${EXAMPLE}.`,
    );
  }
  const mapping: Record<string, string> = {};
  for (const [header, target] of Object.entries(parsed)) {
    if (typeof target !== 'string') {
      throw new ImportError(
        'bad-mapping',
        `The mapping file ${path} gives "${header}" a ${target === null ? 'null' : typeof target}; give it a Nexudus field name, like ${EXAMPLE}.`,
      );
    }
    if (target.trim() !== '' && slotOf(target) === undefined && !isContractName(target)) {
      throw unknownField(target);
    }
    mapping[header] = target;
  }
  return mapping;
}
