import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          MEND_ENV: 'development',
          API_TOKEN: 'test-api-token',
          SIGNING_KEY: 'test-signing-key-0123456789abcdef0123456789abcdef',
          // A localhost origin, as /dev/* requires, over https, so the pages' https behaviour (__Host- cookies, HSTS) is tested.
          APP_URL: 'https://localhost',
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
        },
      },
    })),
  ],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/browser/**', 'test/load/**'],
    // A whole plan lived in one test takes a few seconds alone and far longer on 2 busy cores: a timeout
    // here reports a machine under load, not a defect.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['./test/support/apply-migrations.ts'],
    // The Worker's structured event logs are for operators; tests assert behaviour instead.
    onConsoleLog: (log) => !log.startsWith('{"event":"scheduled') && !log.startsWith('{"event":"dispatch'),
  },
});
