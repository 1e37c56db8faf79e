import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli, tempDir } from './helpers/run.js';

// A bug, honestly simulated: the reports module fails as only a programming error would.
vi.mock('../src/report/rowReports.js', () => {
  const bug = () => {
    throw new TypeError("Cannot read properties of undefined (reading 'row')");
  };
  return {
    writeRowReports: bug,
    RowReports: class {
      constructor() {
        bug();
      }
    },
  };
});

const CSV = 'Contract,Name,Email\r\n7101,Ann Lee,ann@\r\n';

describe('an unexpected error', () => {
  for (const verbose of [false, true]) {
    it(`says "this is a bug", points at the log, and shows no stack trace${verbose ? ' (--verbose too)' : ''}`, async () => {
      const cwd = tempDir();
      writeFileSync(join(cwd, 'c.csv'), CSV);
      const run = await runCli(
        ['validate', 'c.csv', '--out', 'r', ...(verbose ? ['--verbose'] : [])],
        { cwd },
      );
      expect(run.code).toBe(70);
      const log = join(cwd, 'r', 'import.log');
      const message = run.stderr.trim().split('\n').at(-1) ?? '';
      expect(message).toMatch(/this is a bug/);
      expect(message).toContain(log);
      expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+|\n\s+at /);
      expect(run.stderr).not.toMatch(/"stack"/);
      expect(run.stdout).toBe('');
      // the log has what a developer needs
      expect(readFileSync(log, 'utf8')).toMatch(/"stack":"TypeError: Cannot read properties/);
    });
  }
});
