import type { ImportOptions } from '../engine/options.js';

/** The pace and account options undo shares with import (SPEC "Undo": the same pace options). */
export type UndoPace = Pick<
  ImportOptions,
  | 'concurrency'
  | 'writesPerMinute'
  | 'requestsPerMinute'
  | 'requestsPerHour'
  | 'dailyWriteLimit'
  | 'requestTimeoutMs'
  | 'waitForQuota'
>;

/** Every option of `undo`, typed. */
export interface UndoOptions extends UndoPace {
  /** The import's results folder whose run is taken back (a new undo). */
  readonly dir?: string;
  /** `--resume`: an undo's own folder (`DIR/undo-<time>`) to carry on. */
  readonly resume?: string;
  /** `--yes`: no question asked. */
  readonly yes: boolean;
  /** `--dry-run`: only shows what it would do. */
  readonly dryRun: boolean;
  /** `--force`: contacts changed since the run are taken back too. */
  readonly force: boolean;
  /** The API root; default: the one the run used (its run.json), else as import's default. */
  readonly baseUrl?: string;
  /**
   * `--sandbox`: the built-in sandbox on the user's sandbox data file. Default: as the run did
   * (a run made with --sandbox is taken back there).
   */
  readonly sandbox?: boolean;
  readonly json: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
}
