import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { IMPORT_DEFAULTS, type ImportOptions } from '../engine/options.js';
import type { ContinueRequest } from '../engine/continueRun.js';
import { resumeRequest, type ResumeRequest } from '../engine/resumeOptions.js';
import { ImportError } from '../errors.js';
import { HELP_GROUPS, examplesText } from '../helpText.js';
import { DATE_ORDERS, type DateOrder } from '../map/types.js';
import { defaultRequestsPerHour, defaultRequestsPerMinute } from '../nexudus/limits.js';
import { MAX_CONCURRENCY, MAX_TIMEOUT_S, collect, dateOrder, integer } from './optionValues.js';

// The options of import, validate and undo as commander takes them, and what they become
// (ImportOptions, or a resume's or a results folder's request).

/** A command's flags, as commander gives them. */
export type Flags = Record<string, string | number | boolean | string[] | undefined>;

/**
 * The options of every command that writes (import and undo): how many requests in flight, the
 * paces, the daily limit, the request timeout, and waiting for the quota. validate has none of
 * them: its few GETs go at the defaults (IMPORT_DEFAULTS).
 */
export function addWriteOptions(command: Command): Command {
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
export function addShowOptions(command: Command): Command {
  return command
    .optionsGroup(HELP_GROUPS.output)
    .option('--json', 'print the summary as JSON on stdout')
    .option('--verbose', 'also log to stderr')
    .option('--quiet', 'print only the summary')
    .helpOption('-h, --help', 'show this help');
}

/**
 * The options of import and validate, grouped as their --help shows them. validate takes only
 * what it uses: no pace or limit (it sends a few GETs at the defaults), no --resume, no
 * --dry-run (it is one).
 */
export function addImportOptions(command: Command, isValidate: boolean): Command {
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
export function importRequest(
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
export function typedOptions(flags: Flags, command: Command): Set<keyof ImportOptions> {
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
