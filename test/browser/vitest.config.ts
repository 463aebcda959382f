// Browser tests: Node (not the workers pool) drives Debian's Chromium through playwright-core against the
// Worker served by `wrangler dev` (started once for the run by ./serve.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/browser/serve.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One browser, one server: the steps of a flow run in order.
    fileParallelism: false,
  },
});
