// Preloaded into every measured child (node --import): at exit, the child's own peak RSS
// (getrusage's ru_maxrss, what /usr/bin/time -v reports) and CPU time go to BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({ maxRssKB: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }),
    );
  });
}
