import type { Readable } from 'node:stream';

/**
 * Hooks for tests to watch a reader work without changing what it does: how far parsing runs
 * ahead of a slow consumer, and whether the file's streams are closed after a `break`.
 * Production code passes none.
 */
export interface ReadProbe {
  /** Called with each row's number at the moment the parser produces it, before it is yielded. */
  rowParsed?(row: number): void;
  /** Called with each byte stream opened on the source file. */
  streamOpened?(stream: Readable): void;
}
