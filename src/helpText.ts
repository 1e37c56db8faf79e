/**
 * The headings every command's `--help` sorts its options under, in this order: what is read,
 * what is checked, which account, how fast, and what is written or shown.
 */
export const HELP_GROUPS = {
  input: 'Input:',
  checking: 'Checking:',
  account: 'Account:',
  pace: 'Pace and limits:',
  output: 'Output:',
} as const;

/** The end of each command's `--help`: two or three commands to copy. */
const EXAMPLES = {
  program: [
    [
      'nexudus-import import samples/contract-contacts.csv --sandbox',
      'a first import, into the built-in sandbox',
    ],
    [
      'nexudus-import validate contacts.xlsx',
      'check a file (against the account when credentials are set)',
    ],
    [
      'nexudus-import import import-results/contacts-20261130-101500',
      'import again after fixing errors.xlsx there',
    ],
  ],
  import: [
    ['nexudus-import import contacts.xlsx --sandbox', 'try it on the built-in sandbox'],
    [
      'nexudus-import import contacts.xlsx',
      'into the account of NEXUDUS_USERNAME / NEXUDUS_PASSWORD',
    ],
    [
      'nexudus-import import import-results/contacts-20261130-101500',
      'after fixing errors.xlsx (or errors.csv) there: the fixed rows and every row not done',
    ],
  ],
  validate: [
    [
      'nexudus-import validate contacts.xlsx',
      'check the file, and against the account when it can',
    ],
    ['nexudus-import validate contacts.xlsx --update', 'also list what --update would change'],
    [
      'nexudus-import validate import-results/contacts-20261130-101500',
      'check the rows fixed in that folder, with the ones that passed',
    ],
  ],
  export: [
    ['nexudus-import export --out contacts.xlsx', 'every contact of the account'],
    ['nexudus-import export --customer "Acme Ltd" --out acme.csv', "one customer's contacts"],
    ['nexudus-import export --contract 1201 --contract 1305', 'the contacts of two contracts'],
  ],
  undo: [
    [
      'nexudus-import undo import-results/contacts-20261130-101500 --dry-run',
      'show what it would take back',
    ],
    ['nexudus-import undo import-results/contacts-20261130-101500', 'take it back (it asks first)'],
    [
      'nexudus-import undo --resume import-results/contacts-20261130-101500/undo-20261130-113000',
      'carry on an undo that stopped',
    ],
  ],
  template: [
    ['nexudus-import template', 'contract-contacts-template.xlsx, with dropdowns and notes'],
    ['nexudus-import template --out contacts.csv', 'only the header row, as CSV'],
  ],
  sandbox: [
    ['nexudus-import sandbox', 'serve on http://127.0.0.1:8765 (see docs/sandbox.md)'],
    [
      'nexudus-import sandbox --data records.json --port 0',
      'keep its records in a file, any free port',
    ],
    ['nexudus-import sandbox --reset', 'empty the records import --sandbox keeps between runs'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

/** The "Examples:" block that ends a command's `--help`: each command, its purpose beneath. */
export function examplesText(command: keyof typeof EXAMPLES): string {
  const lines = EXAMPLES[command].flatMap(([line, purpose]) => [`  ${line}`, `      ${purpose}`]);
  return `\nExamples:\n${lines.join('\n')}\n`;
}
