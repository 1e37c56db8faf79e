import { defineConfig } from 'vitest/config';

// Two projects: `quick` (everything but suites tagged slow by file name) for development
// with `npm run test:quick`, and the full run that `npm test` and CI use.
export default defineConfig({
  test: {
    // .ci/run asks for a JSON report beside the usual output, to print "N passed, N failed".
    reporters: process.env.VITEST_JSON_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON_REPORT ? { json: process.env.VITEST_JSON_REPORT } : {},
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'quick',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.slow.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'slow', include: ['test/**/*.slow.test.ts'] },
      },
    ],
  },
});
