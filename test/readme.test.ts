import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Relative links of a markdown text, without their #anchor. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

describe('README and docs', () => {
  it('the README is a user guide of at most 250 lines; the details live in docs/', () => {
    expect(readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0)).toBeLessThanOrEqual(250);
  });

  it('every relative link of the README and of docs/ points at a file that exists', () => {
    const missing: string[] = [];
    const files = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)];
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      for (const target of relativeLinks(readFileSync(join(root, file), 'utf8'))) {
        if (!existsSync(join(root, dirname(file), target))) missing.push(`${file} -> ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
