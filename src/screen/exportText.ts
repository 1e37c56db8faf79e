import type { CustomerMatch } from '../contracts/matchCustomer.js';
import type { ContractRecord } from '../contracts/contractRecord.js';
import { shellWord } from '../shellWord.js';
import { count, elapsed } from './format.js';

/** The progress line of an export: `Exporting: 12,000 of 100,000 contacts`. */
export function exportProgressText(done: number, total: number | undefined): string {
  return total === undefined
    ? `Exporting: ${count(done)} contacts so far`
    : `Exporting: ${count(done)} of ${count(total)} contacts`;
}

function contractText(contract: ContractRecord, running: boolean): string {
  const plan = contract.TariffName?.trim() || 'no plan';
  const since = contract.StartDate?.slice(0, 10);
  const state = running ? (since ? `since ${since}` : 'running') : 'ended';
  return `${contract.Id} (${plan}, ${state})`;
}

/** What a --customer that matched several contracts says: all of them are exported. */
export function customerMatchText(match: CustomerMatch): string | undefined {
  const all = [
    ...match.running.map((c) => contractText(c, true)),
    ...match.ended.map((c) => contractText(c, false)),
  ];
  if (all.length < 2) return undefined;
  return `Customer '${match.text}' has ${all.length} contracts: ${all.join(', ')}. Exporting the contacts of all of them.`;
}

/**
 * The summary line of an export, ending in the command that takes the edited file back: with
 * the `--base-url` the export was given, so that it reaches the same account when run verbatim.
 */
export function exportSummaryText(
  contacts: number,
  file: string,
  seconds: number,
  baseUrl?: string,
): string {
  const what = contacts === 1 ? '1 contact' : `${count(contacts)} contacts`;
  const account = baseUrl === undefined ? '' : ` --base-url ${shellWord(baseUrl)}`;
  return `Exported ${what} to ${file} in ${elapsed(seconds)}. Edit it and run: npx nexudus-import import ${shellWord(file)} --update${account}`;
}
