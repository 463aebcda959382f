// `npm run test:soak`: the exactly-once test at 10,000 check-ins per path (Resend and the local outbox), a few
// minutes on 2 cores. `npm test` runs the same test at 1,000 per path.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          MEND_ENV: 'development',
          API_TOKEN: 'test-api-token',
          SIGNING_KEY: 'test-signing-key-0123456789abcdef0123456789abcdef',
          APP_URL: 'https://localhost',
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
          EXACTLY_ONCE_CHECKINS: process.env.EXACTLY_ONCE_CHECKINS ?? '10000',
        },
      },
    })),
  ],
  test: {
    include: ['test/adversarial/exactly-once.test.ts'],
    setupFiles: ['./test/support/apply-migrations.ts'],
    testTimeout: 3_600_000,
  },
});
