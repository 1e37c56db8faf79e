import { ImportError } from '../errors.js';
import { openSource, type ReadOptions, type SourceTable } from '../read/index.js';
import { partsTable, type PartsTable } from '../read/parts.js';
import type { InputPart } from './runRecord.js';
import { sha256File } from './sha256.js';

/** How a part of a run's input is read: the options it was read with. */
export function readOptionsOf(part: InputPart): ReadOptions {
  return {
    ...(part.sheet !== undefined ? { sheet: part.sheet } : {}),
    ...(part.encoding !== undefined ? { encoding: part.encoding } : {}),
    ...(part.delimiter !== undefined ? { delimiter: part.delimiter } : {}),
  };
}

/**
 * Opens the files of a run's input (run.json `inputs`) as one table (see partsTable); a single
 * file with nothing left out is opened as it is. With `check`, each file's SHA-256 must still
 * be the recorded one (a resume's row numbers must mean the same rows).
 * @throws ImportError `file-not-found` or `source-changed` naming the file
 */
export async function openInputs(
  inputs: readonly InputPart[],
  check: boolean,
): Promise<SourceTable | PartsTable> {
  if (check) await checkInputs(inputs);
  const [only] = inputs;
  if (only && inputs.length === 1 && only.skip.length === 0) {
    return openSource(only.path, readOptionsOf(only));
  }
  const opened = [];
  for (const part of inputs) {
    opened.push({
      spec: { path: part.path, read: readOptionsOf(part), skip: part.skip },
      table: await openSource(part.path, readOptionsOf(part)),
    });
  }
  return partsTable(opened);
}

/** Each file of a run's input must still be as it was recorded (SHA-256). */
export async function checkInputs(inputs: readonly InputPart[]): Promise<void> {
  for (const part of inputs) await checkPart(part);
}

async function checkPart(part: InputPart): Promise<void> {
  const what =
    part.kind === 'source' ? 'The source of this run' : 'The fixed errors file of this run';
  const sha256 = await sha256File(part.path).catch(() => {
    throw new ImportError(
      'file-not-found',
      `${what}, ${part.path}, cannot be read any more; put it back where it was to resume.`,
    );
  });
  if (sha256 !== part.sha256) {
    throw new ImportError(
      'source-changed',
      `${part.path} has changed since this run started, so its row numbers may not match any more. Import the changed file as a new run (rows already created are found as existing).`,
    );
  }
}
