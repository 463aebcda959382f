// The load test: Node drives `wrangler dev` (its own server, started once by ./serve.ts) over loopback.
// LOAD_SECONDS sets how long the 64 clients run: 10 in `npm test`, 60 with `npm run test:load`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/load/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/load/serve.ts'],
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
