import { existsSync, linkSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { createClient, resolveTarget } from '../engine/connect.js';
import type { CommandIo } from '../engine/options.js';
import { stopClientOn, stopName } from '../engine/stopping.js';
import { ImportError } from '../errors.js';
import { csvSink } from '../export/csvSink.js';
import { exportContacts } from '../export/exportContacts.js';
import { defaultExportFile, type ExportOptions } from '../export/exportOptions.js';
import type { ExportSink } from '../export/exportSink.js';
import { xlsxSink } from '../export/xlsxSink.js';
import { createLogger } from '../log.js';
import { customerMatchText, exportProgressText, exportSummaryText } from '../screen/exportText.js';
import { LINE_EVERY_MS } from '../screen/progress.js';

const SINKS: Readonly<Record<string, (path: string) => ExportSink>> = {
  '.xlsx': xlsxSink,
  '.csv': csvSink,
};

/**
 * `export [--out FILE] [--contract ID]… [--customer TEXT]…`: the account's contacts in the
 * template's layout. The file holds personal data: it is written 0600 under a temporary name
 * beside the final one and given its name only once whole, never over an existing file.
 * @throws ImportError `usage` (exit 2) for a bad --out, an existing file, or a contract or
 *   customer that names nothing; exit 3 errors when Nexudus fails; `interrupted` on Ctrl-C.
 */
export async function runExport(options: ExportOptions, io: CommandIo): Promise<number> {
  const given = options.out ?? defaultExportFile(new Date());
  const path = resolve(io.cwd, given);
  const shown = relative(io.cwd, path) || given;
  const open = SINKS[extname(path).toLowerCase()];
  if (!open) {
    const extension = extname(path);
    throw new ImportError(
      'usage',
      `An export is written as .xlsx or .csv, and ${given} ${extension ? `ends in ${extension}` : 'has no extension'}: give --out a name ending in .xlsx or .csv.`,
    );
  }
  checkFree(path, given);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const started = Date.now();
  const logger = createLogger({ verbose: options.verbose, stderr: io.stderr });
  const target = await resolveTarget(options, io);
  const client = createClient(target, options, logger);
  const progress = progressLine(io.stderr, options.quiet || options.verbose);
  let sink: ExportSink | undefined;
  try {
    using _stopping = stopClientOn(client, io.signal, io.hurry);
    await login(client);
    sink = open(temp);
    const result = await exportContacts(client, options, sink, {
      selected: (selection) => {
        for (const match of selection.customers) {
          const text = customerMatchText(match);
          if (text && !options.quiet) progress.note(text);
        }
      },
      page: (done, total) => progress.update(exportProgressText(done, total)),
    });
    await sink.close(result.contacts);
    if (io.signal?.aborted) throw client.stopSignal.reason as Error;
    progress.done();
    // A link, not a rename: it fails on a file created under the name since the start.
    try {
      linkSync(temp, path);
    } catch (error) {
      throw new ImportError('usage', cannotWrite(given, error), { cause: error });
    }
    const seconds = (Date.now() - started) / 1000;
    io.stdout.write(
      options.json
        ? `${JSON.stringify({ file: shown, format: extname(path).slice(1).toLowerCase(), contacts: result.contacts, contracts: result.selection.contractIds ?? null, seconds, requests: client.counts.reads }, null, 2)}\n`
        : `${exportSummaryText(result.contacts, shown, seconds, options.baseUrl)}\n`,
    );
    return 0;
  } catch (error) {
    await sink?.abort();
    progress.done();
    if (error instanceof ImportError && error.code === 'interrupted') {
      throw new ImportError(
        'interrupted',
        `Stopped by ${stopName(io.signal)} before the export was finished; no file was written.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    rmSync(temp, { force: true });
    await target.close();
  }
}

/** Logs in; a refusal here means the credentials are wrong (exit 2, nothing was read). */
async function login(client: Awaited<ReturnType<typeof createClient>>): Promise<void> {
  try {
    await client.login();
  } catch (error) {
    if (error instanceof ImportError && error.code === 'auth-lost') {
      throw new ImportError('auth-refused', error.message, { cause: error });
    }
    throw error;
  }
}

/** Refuses, before anything is read, a file that exists or a folder that does not. */
function checkFree(path: string, given: string): void {
  if (existsSync(path)) {
    throw new ImportError(
      'usage',
      `${given} already exists and is left as it is: choose another name with --out, or move that file away first.`,
    );
  }
  let folder = false;
  try {
    folder = statSync(dirname(path)).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder) {
    throw new ImportError(
      'usage',
      `The folder of ${given} does not exist: create it first, or choose another place with --out.`,
    );
  }
}

function cannotWrite(given: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EEXIST') {
    return `${given} was created by something else while the export ran and is left as it is: run the export again with another --out.`;
  }
  return `${given} could not be written (${code ?? String(error)}): choose another place with --out.`;
}

/** The export's progress on stderr: redrawn in place on a terminal, else a line every 10 s. */
function progressLine(stream: NodeJS.WritableStream, silent: boolean) {
  const tty = 'isTTY' in stream && stream.isTTY === true;
  let last = '';
  let lastAt = Date.now();
  let drawn = false;
  return {
    update(text: string) {
      last = text;
      if (silent) return;
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
        drawn = true;
      } else if (Date.now() - lastAt >= LINE_EVERY_MS) {
        stream.write(`${text}\n`);
        lastAt = Date.now();
      }
    },
    note(text: string) {
      if (drawn) stream.write('\r\x1b[2K');
      stream.write(`${text}\n`);
      if (drawn && last) stream.write(last);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
