import { existsSync } from 'node:fs';
import { readRunRecord } from './runRecord.js';
import { resultPath } from '../report/resultsFolder.js';
import { readJournal } from '../upload/journal.js';
import { resumeState } from '../upload/resume.js';

const DAY_MS = 24 * 60 * 60_000;
/** A chain longer than this is not a fix loop a person ran by hand: stop following it. */
const MAX_LINKS = 100;

/**
 * The writes of the folders a run continues (`import DIR`: DIR, the folder DIR continued, and so
 * on), sent in the last 24 hours: the daily write limit counts them with the run's own, since a
 * fix loop's runs spend one account's quota (docs/fix-loop.md). A folder that cannot be read any
 * more (moved, deleted) ends the chain: its writes cannot be counted, and nothing else is lost.
 */
export function chainWriteTimes(continues: string | undefined, now = Date.now()): number[] {
  const times: number[] = [];
  const seen = new Set<string>();
  let dir = continues;
  while (dir !== undefined && !seen.has(dir) && seen.size < MAX_LINKS) {
    seen.add(dir);
    try {
      const journal = resultPath(dir, 'journal');
      if (existsSync(journal)) {
        for (const at of resumeState(readJournal(journal)).writeTimes) {
          if (at > now - DAY_MS) times.push(at);
        }
      }
      dir = readRunRecord(dir).continues;
    } catch {
      dir = undefined;
    }
  }
  return times;
}
