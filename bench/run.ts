/**
 * `npm run bench [-- --quick] [--only csv,xlsx,hostile,paced,hourly,unpaced,preflight] [--data DIR]`
 *
 * Measures the importer beside the best it could be, in one run: validate against papaparse and
 * exceljs reading the same files, uploads against a sandbox enforcing the write pace and (time
 * compressed) the hourly request limit, the upload
 * loop against a bare got loop, and what preflight costs in GETs. Prints a markdown table and
 * writes bench/results/latest.json (quick.json for --quick; `-partial` added to the name with
 * --only or BENCH_CLI). Never part of `npm test` or CI.
 *
 * Files are generated in a temp folder and removed at the end; `--data DIR` generates them in
 * DIR instead and keeps them, so a second run reuses them. `BENCH_CLI=/copy/bin/nexudus-import.js`
 * measures another build (a proposed change in a copy of the repository) with the same harness.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { met, table, type Figure } from './figures.js';
import { ROOT } from './measure.js';
import { FULL, QUICK, SECTIONS, type Section } from './plan.js';
import { SECTION_RUNNERS } from './sections.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    data: { type: 'string' },
  },
});
const plan = values.quick ? QUICK : FULL;
const only = values.only?.split(',').map((s) => s.trim()) ?? [...SECTIONS];
for (const name of only) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`unknown section ${name}: choose among ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
}

const tmp = mkdtempSync(join(os.tmpdir(), 'nexudus-bench-'));
const data = values.data ?? join(tmp, 'data');
mkdirSync(data, { recursive: true });

const machine = {
  nproc: os.availableParallelism(),
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
};
console.error(
  `nexudus-import bench (${plan.name}): ${machine.nproc} CPUs, ${machine.memoryGB} GB, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}`,
);

const started = Date.now();
const figures: Figure[] = [];
const raw: Partial<Record<Section, unknown>> = {};
const timings: Partial<Record<Section, number>> = {};
try {
  for (const name of SECTIONS) {
    if (!only.includes(name)) continue;
    const t0 = Date.now();
    console.error(`- ${name} …`);
    const result = await SECTION_RUNNERS[name](plan, { data, tmp });
    timings[name] = Math.round((Date.now() - t0) / 1000);
    figures.push(...result.figures);
    raw[name] = result.raw;
    for (const f of result.figures) console.error(`  ${f.label}: ${f.shown}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const seconds = Math.round((Date.now() - started) / 1000);
const results = {
  mode: plan.name,
  date: new Date().toISOString(),
  seconds,
  machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  cli: process.env.BENCH_CLI ?? 'bin/nexudus-import.js',
  sectionSeconds: timings,
  figures: figures.map((f) => ({ ...f, met: met(f) })),
  raw,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
// A partial run or another build's figures must not pass for the latest full run's.
const partial = values.only !== undefined || process.env.BENCH_CLI !== undefined;
const out = join(
  ROOT,
  'bench',
  'results',
  `${values.quick ? 'quick' : 'latest'}${partial ? '-partial' : ''}.json`,
);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

console.log(table(figures));
console.log(
  `\n${plan.name} run, ${seconds} s; ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGB} GB, Node ${machine.node}; load ${machine.loadAverageAtStart.join(' ')} at the start. Figures: ${out}`,
);
