import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeContactsCsv } from './helpers/rows.js';
import { readSummary, tempDir } from './helpers/run.js';

const ROOT = join(import.meta.dirname, '..');
const WINDOWS = process.platform === 'win32';

/** A command's exit code and everything it printed (stdout and stderr together, in order). */
function sh(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // npm's own variables (set when the tests run under `npm test`) must not reach the npm
    // under test: npm_config_prefix, npm_config_global and the like would change what it does.
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)),
    );
    const child = spawn(command, args, {
      cwd,
      env: { ...clean, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...env },
      shell: WINDOWS,
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * A copy of the repository as a fresh clone has it (no node_modules, no dist), with the clone's
 * installed node_modules lent to it, so `npm pack` there builds dist and rewrites package.json
 * (prepack/postpack) in the copy, never in the working tree the other tests run from.
 */
function cloneOfRepo(dir: string): string {
  const clone = join(dir, 'clone');
  cpSync(ROOT, clone, {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(ROOT.length).replace(/\\/g, '/');
      return !/^\/(node_modules|dist|\.git|import-results|coverage)(\/|$)/.test(rel);
    },
  });
  symlinkSync(
    join(ROOT, 'node_modules'),
    join(clone, 'node_modules'),
    WINDOWS ? 'junction' : 'dir',
  );
  return clone;
}

/** Every package installed under a node_modules folder, nested ones too: name -> versions. */
function installedPackages(
  modules: string,
  found = new Map<string, string[]>(),
): Map<string, string[]> {
  if (!existsSync(modules)) return found;
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@')
      ? readdirSync(join(modules, entry)).map((name) => join(modules, entry, name))
      : [join(modules, entry)];
    for (const dir of dirs) {
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name: string;
        version: string;
      };
      found.set(name, [...(found.get(name) ?? []), version]);
      installedPackages(join(dir, 'node_modules'), found);
    }
  }
  return found;
}

describe('npm pack, then npm install -g of the tarball', () => {
  it('installs with no warnings and no dev dependencies, and runs from any folder', async () => {
    const dir = tempDir('nexudus-install-');
    const clone = cloneOfRepo(dir);
    const manifestBefore = readFileSync(join(clone, 'package.json'), 'utf8');

    const pack = await sh('npm', ['pack', '--pack-destination', dir], clone);
    expect(pack.code, pack.output).toBe(0);
    // prepack takes the build script out of the packed manifest; postpack puts it back.
    expect(readFileSync(join(clone, 'package.json'), 'utf8')).toBe(manifestBefore);
    const tarball = readdirSync(dir).find((f) => /^nexudus-import-.+\.tgz$/.test(f));
    expect(tarball).toBeDefined();
    const tgz = join(dir, tarball ?? '');

    // What the tarball holds: a manifest with no script that runs on install, and a runnable bin.
    const listing = await sh('tar', ['-tvzf', basename(tgz)], dir);
    expect(listing.code, listing.output).toBe(0);
    expect(listing.output).toMatch(/^-rwxr-xr-x .* package\/bin\/nexudus-import\.js$/m);
    expect(listing.output).toMatch(/ package\/LICENSE$/m);
    expect(listing.output).toMatch(/ package\/dist\/cli\.js$/m);
    expect((await sh('tar', ['-xzf', basename(tgz), 'package/package.json'], dir)).code).toBe(0);
    const packed = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as {
      license: string;
      private?: boolean;
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(packed.license).toBe('MIT');
    expect(packed.private).toBeUndefined();
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare'])
      expect(packed.scripts[script], script).toBeUndefined();

    // The install a user makes, from the npm cache `npm ci` filled (CI has the registry too).
    const prefix = join(dir, 'prefix');
    const install = await sh(
      'npm',
      ['install', '-g', '--prefix', prefix, '--prefer-offline', tgz],
      dir,
    );
    expect(install.code, install.output).toBe(0);
    expect(install.output.split('\n').filter((line) => /warn/i.test(line))).toEqual([]);

    // No dev dependency anywhere under the prefix: none of the versions package.json pins for
    // development (a runtime dependency may bring its own, older @types/node: exceljs does), and
    // none of the tools at all.
    const modules = WINDOWS ? join(prefix, 'node_modules') : join(prefix, 'lib', 'node_modules');
    const installed = join(modules, 'nexudus-import');
    expect(existsSync(join(installed, 'dist', 'cli.js'))).toBe(true);
    const everything = installedPackages(modules);
    expect(everything.size).toBeGreaterThan(10);
    for (const [dev, version] of Object.entries(packed.devDependencies))
      expect(everything.get(dev) ?? [], dev).not.toContain(version);
    for (const tool of ['vitest', 'vite', 'typescript', 'tsx', 'esbuild', 'eslint', 'prettier'])
      expect(everything.has(tool), tool).toBe(false);

    // Runs as `nexudus-import` from another folder, --sandbox records in a data folder of its own.
    const bin = WINDOWS
      ? join(prefix, 'nexudus-import.cmd')
      : join(prefix, 'bin', 'nexudus-import');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const help = await sh(bin, ['--help'], elsewhere);
    expect(help.code, help.output).toBe(0);
    expect(help.output).toContain('Usage: nexudus-import');

    const csv = writeContactsCsv(elsewhere, 3);
    const data = { XDG_DATA_HOME: join(dir, 'data'), LOCALAPPDATA: join(dir, 'data') };
    const run = await sh(
      bin,
      ['import', basename(csv), '--sandbox', '--out', 'r', '--writes-per-minute', '600'],
      elsewhere,
      data,
    );
    expect(run.code, run.output).toBe(0);
    expect(readSummary(join(elsewhere, 'r')).counts).toMatchObject({ created: 3, failed: 0 });
    expect(existsSync(join(dir, 'data', 'nexudus-import', 'sandbox.json'))).toBe(true);
  }, 240_000);
});
