import { Command, CommanderError } from 'commander';
import { importCommand } from './commands/import.js';
import type { Ask } from './commands/undo.js';
import { IMPORT_DEFAULTS, type CommandIo } from './engine/options.js';
import { ImportError, exitCodeOf } from './errors.js';
import { HELP_GROUPS, examplesText } from './helpText.js';
import { defaultRequestsPerHour, defaultRequestsPerMinute } from './nexudus/limits.js';
import { listenForStop, type StopSignals } from './stopSignals.js';
import { TOOL_VERSION } from './version.js';
import {
  addImportOptions,
  addShowOptions,
  addWriteOptions,
  importRequest,
  type Flags,
} from './cli/importFlags.js';
import { MAX_LATENCY_MS, collectId, collectText, fraction, integer } from './cli/optionValues.js';

/** The process's io, with what Ctrl-C and SIGTERM do (see stopSignals.ts). */
interface CliIo extends CommandIo {
  readonly stops?: StopSignals;
  /** A question on the terminal (undo asks before it deletes); absent without a terminal. */
  readonly ask?: Ask;
}

/**
 * Flags -> typed options -> one command. The only place that knows exit codes and writes to the
 * terminal about failures: ImportError's sentence for the user, anything else as a bug.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('nexudus-import')
    .description('Bulk-load Nexudus ContractContacts from CSV and Excel files.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run nexudus-import --help for usage)')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', examplesText('program'));

  // In the order a user needs them: import (first into the sandbox), validate, then the rest.
  for (const name of ['import', 'validate'] as const) {
    const command = program
      .command(name === 'import' ? 'import [file|DIR]' : 'validate <file|DIR>')
      .description(
        name === 'import'
          ? 'read, check, upload and report a CSV or XLSX file of contract contacts'
          : 'check a file as import would, against the account when it can, writing nothing (import --dry-run)',
      );
    addImportOptions(command, name === 'validate').action(
      async (file: string | undefined, flags: Flags, self: Command) => {
        const request = importRequest(file, flags, self, name === 'validate', io.cwd);
        exitCode = await importCommand(request, io, io.stops);
      },
    );
  }

  program
    .command('template')
    .description('write the import template: an .xlsx with dropdowns and notes, or a .csv header')
    .optionsGroup(HELP_GROUPS.output)
    .option(
      '--out <file>',
      'where to write it, .xlsx or .csv (default contract-contacts-template.xlsx)',
    )
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', examplesText('template'))
    .action(async (flags: { out?: string }) => {
      exitCode = await (await import('./commands/template.js')).runTemplate(flags, io);
    });

  const exportCommand = program
    .command('export')
    .description(
      "write the account's contacts in the template's layout, with their Ids (.xlsx or .csv)",
    )
    .optionsGroup('Which contacts:')
    .option('--contract <id>', "only this contract's contacts (repeatable)", collectId, [])
    .option(
      '--customer <text>',
      "only the contacts of this customer's contracts: email, full name, company or billing name (repeatable)",
      collectText,
      [],
    )
    .optionsGroup(HELP_GROUPS.account)
    .option('--sandbox', 'export from the built-in sandbox started in this process')
    .option(
      '--base-url <url>',
      'API root (default: env NEXUDUS_BASE_URL, else https://spaces.nexudus.com)',
    )
    .optionsGroup(HELP_GROUPS.pace)
    .option(
      '--requests-per-minute <n>',
      'pace of all requests',
      integer(1),
      defaultRequestsPerMinute(IMPORT_DEFAULTS.writesPerMinute),
    )
    .option(
      '--requests-per-hour <n>',
      "pace of all requests over an hour (Nexudus's 5000)",
      integer(1),
      defaultRequestsPerHour(IMPORT_DEFAULTS.writesPerMinute),
    )
    .optionsGroup(HELP_GROUPS.output)
    .option(
      '--out <file>',
      'where to write it, .xlsx or .csv (default contacts-export-<date>-<time>.xlsx); never over a file',
    );
  addShowOptions(exportCommand)
    .addHelpText('after', examplesText('export'))
    .action(async (flags: ExportFlags) => {
      if (flags.sandbox === true && flags.baseUrl) {
        throw new ImportError(
          'usage',
          '--sandbox and --base-url cannot be used together: choose one.',
        );
      }
      const { runExport } = await import('./commands/export.js');
      exitCode = await runExport(
        {
          ...(flags.out === undefined ? {} : { out: flags.out }),
          ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl }),
          sandbox: flags.sandbox === true,
          contracts: flags.contract,
          customers: flags.customer,
          writesPerMinute: IMPORT_DEFAULTS.writesPerMinute,
          requestsPerMinute: flags.requestsPerMinute,
          requestsPerHour: flags.requestsPerHour,
          concurrency: IMPORT_DEFAULTS.concurrency,
          requestTimeoutMs: IMPORT_DEFAULTS.requestTimeoutMs,
          json: flags.json === true,
          verbose: flags.verbose === true,
          quiet: flags.quiet === true,
        },
        io,
      );
    });

  addUndoCommand(program, io, (code) => (exitCode = code));

  program
    .command('sandbox')
    .description('run the built-in Nexudus-compatible server on 127.0.0.1')
    .optionsGroup('Server:')
    .option('--port <n>', 'port to listen on (0 picks a free one)', integer(0, 65535), 8765)
    .option(
      '--data <file>',
      'keep the records in this JSON file between runs (import --sandbox keeps its own, see --reset)',
    )
    .option(
      '--reset',
      'empty the records that import --sandbox keeps between runs (or the --data file), then exit',
    )
    .optionsGroup('Limits it enforces:')
    .option('--writes-per-minute <n>', 'write limit (Nexudus: 60)', integer(1), 60)
    .option(
      '--requests-per-minute <n>',
      'limit of all requests (default max(120, 2 x writes))',
      integer(1),
    )
    .option(
      '--requests-per-hour <n>',
      'limit of all requests in any hour (default 5000, raised in proportion to a raised write limit)',
      integer(1),
    )
    .option('--no-limits', 'turn the rate limits off')
    .optionsGroup('For tests and benchmarks:')
    .option(
      '--latency <ms>',
      'delay every reply by this many milliseconds',
      integer(0, MAX_LATENCY_MS),
      0,
    )
    .option('--fault-rate <r>', 'share of writes that get an injected fault (0 to 1)', fraction, 0)
    .option('--fault-seed <n>', 'seed of the fault sequence', integer(0, 2 ** 32 - 1), 1)
    .option(
      '--contacts <n>',
      'start with this many generated contacts besides the sample ones (up to 1,000,000)',
      integer(0, 1_000_000),
      0,
    )
    .option('--contacts-seed <n>', 'seed of the generated contacts', integer(0, 2 ** 32 - 1), 1)
    .option('--no-edit-role', 'the user lacks the Edit role: every PUT is refused with 401')
    .option('--no-delete-role', 'the user lacks the Delete role: every DELETE is refused with 401')
    .option(
      '--put-keeps-omitted',
      'a PUT keeps the fields it leaves out (default: it clears them, the cautious reading)',
    )
    .optionsGroup(HELP_GROUPS.output)
    .option('--quiet', 'do not log each request')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', examplesText('sandbox'))
    .action(async (flags: SandboxFlags) => {
      exitCode = await (
        await import('./commands/sandbox.js')
      ).runSandbox({ ...flags, quiet: flags.quiet === true }, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportFailure(error, io);
  } finally {
    io.stops?.dispose();
  }
}

/** `undo DIR` and `undo --resume DIR/undo-<time>` (SPEC "Undo"). */
function addUndoCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  const undo = program
    .command('undo [dir]')
    .description(
      'take back what the import in a results folder did: delete the contacts it created, restore the fields it updated',
    )
    .optionsGroup(HELP_GROUPS.input)
    .option('--resume <dir>', 'carry on an undo that stopped: its undo-<time> folder')
    .optionsGroup('Taking back:')
    .option('--dry-run', 'only show what it would take back; nothing is sent')
    .option('--force', 'also take back contacts changed in Nexudus since the import')
    .option('--yes', 'go ahead without asking (for scripts)')
    .optionsGroup(HELP_GROUPS.account)
    .option('--base-url <url>', 'API root (default: the one the import used)')
    .option(
      '--sandbox',
      "take it back in the built-in sandbox's records (default: where the import went; a --sandbox import's undo uses them anyway)",
    );
  addShowOptions(addWriteOptions(undo))
    .addHelpText('after', examplesText('undo'))
    .action(async (dir: string | undefined, flags: Flags) => {
      const resume = typeof flags.resume === 'string' ? flags.resume : undefined;
      if (!dir && !resume)
        throw new ImportError(
          'usage',
          'Name the results folder of the import to take back, e.g. nexudus-import undo import-results/contacts-20261130-101500.',
        );
      if (dir && resume)
        throw new ImportError(
          'usage',
          `--resume carries on the undo in ${resume}; do not name a folder with it.`,
        );
      if (flags.sandbox === true && typeof flags.baseUrl === 'string')
        throw new ImportError(
          'usage',
          '--sandbox and --base-url cannot be used together: choose one.',
        );
      const writesPerMinute = flags.writesPerMinute as number;
      const { undoCommand } = await import('./commands/undo.js');
      done(
        await undoCommand(
          {
            ...(dir ? { dir } : {}),
            ...(resume ? { resume } : {}),
            yes: flags.yes === true,
            dryRun: flags.dryRun === true,
            force: flags.force === true,
            ...(typeof flags.baseUrl === 'string' ? { baseUrl: flags.baseUrl } : {}),
            ...(flags.sandbox === true ? { sandbox: true } : {}),
            concurrency: flags.concurrency as number,
            writesPerMinute,
            requestsPerMinute:
              (flags.requestsPerMinute as number | undefined) ??
              defaultRequestsPerMinute(writesPerMinute),
            requestsPerHour:
              (flags.requestsPerHour as number | undefined) ??
              defaultRequestsPerHour(writesPerMinute),
            dailyWriteLimit: flags.dailyWriteLimit as number,
            requestTimeoutMs: (flags.requestTimeout as number) * 1000,
            waitForQuota: flags.waitForQuota === true,
            json: flags.json === true,
            verbose: flags.verbose === true,
            quiet: flags.quiet === true,
          },
          io,
          io.ask,
        ),
      );
    });
}
interface SandboxFlags {
  port: number;
  data?: string;
  writesPerMinute: number;
  requestsPerMinute?: number;
  requestsPerHour?: number;
  limits: boolean;
  latency: number;
  faultRate: number;
  faultSeed: number;
  contacts: number;
  contactsSeed: number;
  editRole: boolean;
  deleteRole: boolean;
  putKeepsOmitted?: boolean;
  quiet?: boolean;
  reset?: boolean;
}

/** The flags of `export`, as commander gives them. */
interface ExportFlags {
  out?: string;
  contract: number[];
  customer: string[];
  sandbox?: boolean;
  baseUrl?: string;
  requestsPerMinute: number;
  requestsPerHour: number;
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

function reportFailure(error: unknown, io: CommandIo): number {
  if (error instanceof ImportError) {
    io.stderr.write(`${error.message}\n`);
    return exitCodeOf(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  const log =
    error instanceof Error && 'logFile' in error ? ` Details are in ${String(error.logFile)}.` : '';
  io.stderr.write(
    `nexudus-import stopped on an unexpected error (this is a bug): ${message}.${log} Please report it.\n`,
  );
  return INTERNAL_ERROR;
}

/** Not in SPEC's table (it lists outcomes of a working tool): EX_SOFTWARE from sysexits.h. */
const INTERNAL_ERROR = 70;

function processIo(): CliIo {
  // The CLI layer is the one place that may end the process (a forced stop, see stopSignals.ts).
  const stops = listenForStop(process, (code) => process.exit(code));
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: stops.signal,
    hurry: stops.hurry,
    stops,
    ...(process.stdin.isTTY && process.stderr.isTTY ? { ask: askOnTerminal } : {}),
  };
}

/** Asks on the terminal (stderr, so stdout stays the summary's); Ctrl-C answers no. */
async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await new Promise<string>((resolve) => {
      rl.question(question).then(resolve, () => resolve(''));
      rl.on('SIGINT', () => resolve(''));
      rl.on('close', () => resolve(''));
    });
  } finally {
    rl.close();
  }
}
