import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type Sandbox } from '../src/sandbox/index.js';
import { runCli } from './helpers/run.js';
import { sandboxPerTest } from './helpers/sandbox.js';

let sandbox: Sandbox;
let cwd: string;
sandboxPerTest({ writesPerMinute: false, requestsPerMinute: false }, (started, dir) => {
  sandbox = started;
  cwd = dir;
});
const env = () => ({ NEXUDUS_USERNAME: sandbox.username, NEXUDUS_PASSWORD: sandbox.password });
const fast = ['--writes-per-minute', '60000'];

function excelCsv(name: string, lines: string[], encoding: string): string {
  const path = join(cwd, name);
  writeFileSync(path, iconv.encode(`${lines.join('\r\n')}\r\n`, encoding));
  return path;
}

describe('encodings, end to end (issue 11)', () => {
  it('a Polish Windows-1250 file reaches Nexudus with its names as written', async () => {
    const file = excelCsv(
      'polish.csv',
      [
        'CoworkerContractId;FullName;CityName',
        '7101;Łukasz Wróbel;Gdańsk',
        '7101;Małgorzata Żółkiewska;Kraków',
      ],
      'windows-1250',
    );
    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(0);
    const names = sandbox.contacts().map((c) => [c.FullName, c.CityName]);
    expect(names).toContainEqual(['Łukasz Wróbel', 'Gdańsk']);
    expect(names).toContainEqual(['Małgorzata Żółkiewska', 'Kraków']);
  });

  it('a file whose encoding its text leaves in doubt exits 2 with one message and sends nothing', async () => {
    const file = excelCsv(
      'one-row.csv',
      ['CoworkerContractId;FullName;CityName', '7101;Hélène Lefèvre;Genève'],
      'windows-1252',
    );
    const run = await runCli(['import', file, '--base-url', sandbox.url, '--out', 'r', ...fast], {
      cwd,
      env: env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--encoding windows-1252');
    expect(sandbox.stats().writes).toBe(0);

    const again = await runCli(
      [
        'import',
        file,
        '--encoding',
        'windows-1252',
        '--base-url',
        sandbox.url,
        '--out',
        's',
        ...fast,
      ],
      { cwd, env: env() },
    );
    expect(again.code).toBe(0);
    expect(sandbox.contacts().map((c) => c.FullName)).toContain('Hélène Lefèvre');
  });
});
