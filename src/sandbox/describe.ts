import type { Sandbox } from './types.js';

/** Quote for a POSIX shell only when needed, so the usual values stay readable. */
function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function limit(value: number | false, unit: string): string {
  return value === false ? `no ${unit} limit` : `${value} ${unit}s/min`;
}

function hourly(value: number | false, hourMs: number): string {
  if (value === false) return 'no hourly limit';
  return hourMs === 3_600_000
    ? `${value} requests/hour`
    : `${value} requests per ${hourMs} ms "hour"`;
}

const ROLE_NAMES = { create: 'Create', edit: 'Edit', delete: 'Delete' } as const;

function roles(held: Sandbox['options']['roles']): string {
  const names = Object.keys(ROLE_NAMES) as (keyof typeof ROLE_NAMES)[];
  const refused = names.filter((n) => !held[n]).map((n) => `ContractContact-${ROLE_NAMES[n]}`);
  return refused.length === 0
    ? 'ContractContact-Create, -Edit, -Delete'
    : `without ${refused.join(', ')} (refused with 401)`;
}

/** The lines `nexudus-import sandbox` prints: where it listens, the login, how to import into it. */
export function describeSandbox(s: Sandbox): string {
  const { writesPerMinute, requestsPerMinute, requestsPerHour, hourMs, dataFile } = s.options;
  const count = s.contactCount();
  return [
    `Nexudus sandbox listening on ${s.url}`,
    `  username: ${s.username}`,
    `  password: ${s.password}`,
    `  limits:   ${limit(writesPerMinute, 'write')}, ${limit(requestsPerMinute, 'request')}, ${hourly(requestsPerHour, hourMs)}`,
    `  records:  ${count} contacts, ${dataFile ? `kept in ${dataFile}` : 'in memory (pass --data FILE to keep them)'}`,
    `  roles:    ${roles(s.options.roles)}`,
    `  updates:  a field a PUT leaves out is ${s.options.omittedOnPut === 'keep' ? 'kept' : 'cleared'}`,
    'Import into it from another terminal with:',
    `  NEXUDUS_USERNAME=${shellWord(s.username)} NEXUDUS_PASSWORD=${shellWord(s.password)} npx nexudus-import import FILE --base-url ${s.url}`,
  ].join('\n');
}
