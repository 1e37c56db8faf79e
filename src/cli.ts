import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { importCommand } from './commands/import.js';
import type { Ask } from './commands/undo.js';
import { IMPORT_DEFAULTS, type CommandIo, type ImportOptions } from './engine/options.js';
import type { ContinueRequest } from './engine/continueRun.js';
import { resumeRequest, type ResumeRequest } from './engine/resumeOptions.js';
import { ImportError, exitCodeOf } from './errors.js';
import { HELP_GROUPS, examplesText } from './helpText.js';
import { DATE_ORDERS, type DateOrder } from './map/types.js';
import { defaultRequestsPerHour, defaultRequestsPerMinute } from './nexudus/limits.js';
import { listenForStop, type StopSignals } from './stopSignals.js';
import { TOOL_VERSION } from './version.js';

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

type Flags = Record<string, string | number | boolean | string[] | undefined>;

/**
 * The options of every command that writes (import and undo): how many requests in flight, the
 * paces, the daily limit, the request timeout, and waiting for the quota. validate has none of
 * them: its few GETs go at the defaults (IMPORT_DEFAULTS).
 */
function addWriteOptions(command: Command): Command {
  return command
    .optionsGroup(HELP_GROUPS.pace)
    .option(
      '--concurrency <n>',
      'requests in flight at most',
      integer(1, MAX_CONCURRENCY),
      IMPORT_DEFAULTS.concurrency,
    )
    .option('--writes-per-minute <n>', 'write pace', integer(1), IMPORT_DEFAULTS.writesPerMinute)
    .option(
      '--requests-per-minute <n>',
      'pace of all requests together (default max(120, 2 x writes))',
      integer(1),
    )
    .option(
      '--requests-per-hour <n>',
      "pace of all requests over an hour (default 5000, Nexudus's limit; raised in proportion to a raised write pace)",
      integer(1),
    )
    .option(
      '--daily-write-limit <n>',
      'writes in any 24 hours',
      integer(1),
      IMPORT_DEFAULTS.dailyWriteLimit,
    )
    .option(
      '--request-timeout <seconds>',
      'give up waiting for a reply after this long',
      integer(1, MAX_TIMEOUT_S),
      IMPORT_DEFAULTS.requestTimeoutMs / 1000,
    )
    .option('--wait-for-quota', 'when a limit is reached, wait instead of stopping with exit 3');
}

/** What a command shows (the last group of its --help, with --help itself). */
function addShowOptions(command: Command): Command {
  return command
    .optionsGroup(HELP_GROUPS.output)
    .option('--json', 'print the summary as JSON on stdout')
    .option('--verbose', 'also log to stderr')
    .option('--quiet', 'print only the summary')
    .helpOption('-h, --help', 'show this help');
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

/** `--contract` (repeatable): a contract Id, digits only. */
function collectId(value: string, previous: number[]): number[] {
  return [...previous, integer(1)(value)];
}

/** `--customer` (repeatable): some text to match. */
function collectText(value: string, previous: string[]): string[] {
  if (value.trim() === '') {
    throw new InvalidArgumentError(
      "give the customer's email, full name, company or billing name.",
    );
  }
  return [...previous, value];
}

/**
 * The options of import and validate, grouped as their --help shows them. validate takes only
 * what it uses: no pace or limit (it sends a few GETs at the defaults), no --resume, no
 * --dry-run (it is one).
 */
function addImportOptions(command: Command, isValidate: boolean): Command {
  command
    .optionsGroup(HELP_GROUPS.input)
    .option('--sheet <name>', 'XLSX worksheet holding the data (default the first)')
    .option('--encoding <enc>', 'CSV text encoding (default: detected)')
    .option('--delimiter <c>', 'CSV delimiter (default: detected among , ; tab |)')
    .addOption(
      new Option(
        '--date-format <order>',
        'order of day and month in numeric dates (default: inferred per column)',
      )
        .choices(DATE_ORDERS)
        .argParser(dateOrder),
    )
    .option(
      '--mapping <file>',
      'JSON {"source header": "NexudusField"} overriding the built-in matching',
    )
    .option(
      '--ignore-column <header>',
      'leave this column out on purpose (repeatable); any other column matching no field stops the run',
      collect,
    );
  if (!isValidate) {
    command.option(
      '--resume <dir>',
      'continue the run recorded in this results folder (instead of naming a file)',
    );
  }
  command
    .optionsGroup(HELP_GROUPS.checking)
    .option(
      '--update',
      isValidate
        ? 'also say which existing contacts (matched by an Id column, else by contract, name and type) import --update would change, and how'
        : 'also update existing contacts (matched by an Id column, else by contract, name and type) where a cell differs',
    )
    .option('--clear-blank', 'with --update: a blank cell clears its field instead of leaving it')
    .option('--allow-duplicates', 'skip the duplicate checks (never with --update)');
  if (!isValidate) {
    command.option(
      '--dry-run',
      'check everything, against the account too, but write nothing (the same as validate)',
    );
  }
  command
    .option(
      '--offline',
      isValidate
        ? 'check the file only, without reaching the account, even with credentials set'
        : 'with --dry-run: check the file only, without reaching the account',
    )
    .optionsGroup(HELP_GROUPS.account)
    .option(
      '--sandbox',
      isValidate
        ? 'check against the built-in sandbox started in this process (its records kept between runs)'
        : 'import into the built-in sandbox started in this process; no credentials needed',
    )
    .option(
      '--base-url <url>',
      'API root (default: env NEXUDUS_BASE_URL, else https://spaces.nexudus.com); credentials come from the environment or .env',
    );
  if (!isValidate) addWriteOptions(command);
  command
    .optionsGroup(HELP_GROUPS.output)
    .option(
      '--out <dir>',
      'results folder (default import-results/<file>-<date>-<time>); must not exist or be empty',
    );
  return addShowOptions(command).addHelpText(
    'after',
    examplesText(isValidate ? 'validate' : 'import'),
  );
}

function toImportOptions(file: string, flags: Flags, isValidate: boolean): ImportOptions {
  // validate has no pace or limit options: its GETs go at the defaults.
  const writesPerMinute =
    (flags.writesPerMinute as number | undefined) ?? IMPORT_DEFAULTS.writesPerMinute;
  const str = (key: string) =>
    typeof flags[key] === 'string' ? (flags[key] as string) : undefined;
  const options: ImportOptions = {
    file,
    sandbox: flags.sandbox === true,
    dryRun: isValidate || flags.dryRun === true,
    ...(flags.offline === true ? { offline: true } : {}),
    concurrency: (flags.concurrency as number | undefined) ?? IMPORT_DEFAULTS.concurrency,
    writesPerMinute,
    requestsPerMinute:
      (flags.requestsPerMinute as number | undefined) ?? defaultRequestsPerMinute(writesPerMinute),
    requestsPerHour:
      (flags.requestsPerHour as number | undefined) ?? defaultRequestsPerHour(writesPerMinute),
    dailyWriteLimit:
      (flags.dailyWriteLimit as number | undefined) ?? IMPORT_DEFAULTS.dailyWriteLimit,
    requestTimeoutMs:
      flags.requestTimeout === undefined
        ? IMPORT_DEFAULTS.requestTimeoutMs
        : (flags.requestTimeout as number) * 1000,
    waitForQuota: flags.waitForQuota === true,
    allowDuplicates: flags.allowDuplicates === true,
    ...(flags.update === true ? { update: true } : {}),
    ...(flags.clearBlank === true ? { clearBlank: true } : {}),
    json: flags.json === true,
    verbose: flags.verbose === true,
    quiet: flags.quiet === true,
  };
  const optional = {
    baseUrl: str('baseUrl'),
    out: str('out'),
    sheet: str('sheet'),
    encoding: str('encoding'),
    delimiter: str('delimiter'),
    dateFormat: str('dateFormat') as DateOrder | undefined,
    mapping: str('mapping'),
    ignoreColumns: Array.isArray(flags.ignoreColumn) ? flags.ignoreColumn : undefined,
  };
  if (options.sandbox && optional.baseUrl) {
    throw new ImportError('usage', '--sandbox and --base-url cannot be used together: choose one.');
  }
  if (options.offline && (options.sandbox || optional.baseUrl)) {
    const target = options.sandbox ? '--sandbox' : '--base-url';
    throw new ImportError(
      'usage',
      `--offline checks the file without reaching any account, and ${target} names one to reach: leave out one of them.`,
    );
  }
  if (options.offline && !options.dryRun) {
    throw new ImportError(
      'usage',
      '--offline only works with --dry-run (or validate): an import has to reach the account.',
    );
  }
  if (options.update && options.allowDuplicates) {
    throw new ImportError(
      'usage',
      '--update and --allow-duplicates cannot be used together: an update needs the duplicate check to find the contact a row names.',
    );
  }
  if (options.clearBlank && !options.update) {
    throw new ImportError(
      'usage',
      '--clear-blank only works with --update (it says what a blank cell does to an existing contact): add --update, or leave --clear-blank out.',
    );
  }
  return {
    ...options,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

/**
 * A new run's options, or a resume: then only the options typed on this command line (not
 * commander's defaults) override the recorded ones.
 */
function importRequest(
  file: string | undefined,
  flags: Flags,
  command: Command,
  isValidate: boolean,
  cwd: string,
): ImportOptions | ResumeRequest | ContinueRequest {
  const resume = typeof flags.resume === 'string' ? flags.resume : undefined;
  if (file === '-') {
    throw new ImportError(
      'usage',
      'Reading from standard input is not supported: save the data as a .csv or .xlsx file and name that file.',
    );
  }
  if (!resume) {
    if (!file)
      throw new ImportError(
        'usage',
        'Name the file to import, e.g. nexudus-import import contacts.xlsx (or continue a run with --resume DIR).',
      );
    // A results folder: its failed rows, fixed, and the rows it did not finish (docs/fix-loop.md).
    if (isFolder(resolve(cwd, file))) {
      const given = toImportOptions('', flags, isValidate);
      const overrides: Partial<ImportOptions> = {};
      for (const key of typedOptions(flags, command)) {
        if (given[key] !== undefined) Object.assign(overrides, { [key]: given[key] });
      }
      return { continues: file, dryRun: given.dryRun, overrides };
    }
    return toImportOptions(file, flags, isValidate);
  }
  if (file) {
    throw new ImportError(
      'usage',
      `--resume carries on the file recorded in ${resume}; do not name a file with it.`,
    );
  }
  // Only the options typed on this command line override the recorded ones, not commander's
  // defaults (see resumeRequest).
  return resumeRequest(resume, toImportOptions('', flags, false), typedOptions(flags, command));
}

/** The options typed on this command line (not commander's defaults). */
function typedOptions(flags: Flags, command: Command): Set<keyof ImportOptions> {
  return new Set(
    Object.keys(flags)
      .filter((flag) => command.getOptionValueSource(flag) === 'cli')
      .map((flag) => OPTION_OF_FLAG[flag] ?? (flag as keyof ImportOptions)),
  );
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The ImportOptions key of a flag whose name differs from it (commander names the rest alike). */
const OPTION_OF_FLAG: Readonly<Record<string, keyof ImportOptions>> = {
  requestTimeout: 'requestTimeoutMs',
  ignoreColumn: 'ignoreColumns',
};

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

/** Requests in flight at most: past this, a number is a typo (Nexudus takes 2 a second). */
const MAX_CONCURRENCY = 100;
/** An hour: longer is a typo, and past 24 days Node's timers would fire at once. */
const MAX_TIMEOUT_S = 3600;
const MAX_LATENCY_MS = 600_000;

/** Digits only: `Number()` would also take '', '0x10', '1e3' and ' 5 '. */
function integer(min: number, max?: number) {
  return (value: string): number => {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(
        max === undefined
          ? `expected a whole number of at least ${min}.`
          : `expected a whole number from ${min} to ${max}.`,
      );
    }
    return n;
  };
}

/** `--date-format`, in any case; commander's choices() alone would not take `dmy`. */
function dateOrder(value: string): DateOrder {
  const order = value.toUpperCase();
  if (!(DATE_ORDERS as readonly string[]).includes(order)) {
    throw new InvalidArgumentError(
      'expected DMY, MDY or YMD: the order of day, month and year in the dates of the file.',
    );
  }
  return order as DateOrder;
}

/** A repeatable option's values, in the order given. */
function collect(value: string, previous: string[] | undefined): string[] {
  if (value.trim() === '') {
    throw new InvalidArgumentError('give the header of the column to leave out.');
  }
  return [...(previous ?? []), value];
}

function fraction(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

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
