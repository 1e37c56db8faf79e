/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) for finding where a benchmark's time goes:
 *
 *   node --import tsx bench/profile-top.ts FILE.cpuprofile [N]
 *
 * prints the N (default 25) functions with the most self time, the N with the most total time
 * (self and callees; a recursive function counted once per stack), and the N source files with
 * the most self time (node_modules folded to the package), as shares of the sampled time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, count] = process.argv.slice(2);
if (!file) {
  console.error('usage: node --import tsx bench/profile-top.ts FILE.cpuprofile [N]');
  process.exit(2);
}
const top = Number(count ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

function place(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  return url.replace(/^file:\/\/.*?\/(dist|src|bench)\//, '$1/') || '(native)';
}

const functions = new Map<string, number>();
const files = new Map<string, number>();
for (const [id, us] of selfTime) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const where = place(frame.url);
  const fn = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + us);
  files.set(where, (files.get(where) ?? 0) + us);
}

// Total time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, us] of selfTime) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame) continue;
    const fn = `${frame.functionName || '(anonymous)'}  ${place(frame.url)}:${frame.lineNumber + 1}`;
    if (seen.has(fn)) continue;
    seen.add(fn);
    inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
  }
}

function print(title: string, map: Map<string, number>): void {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(2)} s sampled)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
}
print('self time by function', functions);
print('total time by function', inclusive);
print('self time by file', files);
