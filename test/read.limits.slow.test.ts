import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../src/read/index.js';
import { allRows, expectImportError, tempFolder } from './readHelpers.js';

/** The limits that take a big file to reach (see test/read.limits.test.ts for the rest). */

const temp = tempFolder('read-limits-slow');
afterAll(() => temp.cleanup());

const readAll = (path: string) => openSource(path).then(allRows);

describe('CSV rows', () => {
  it('refuses rows past row 1,048,576, and reads up to it', async () => {
    const body = 'a\n'.repeat(1_048_575); // rows 2..1,048,576
    const within = await readAll(temp.file('max-rows.csv', `Name\n${body}`));
    expect(within.at(-1)?.row).toBe(1_048_576);
    await expectImportError(
      readAll(temp.file('rows.csv', `Name\n${body}b\n`)),
      'too-large',
      'rows past row 1,048,576',
    );
  });
});
