// The digest measurement (bench/digest/digest-queries.test.ts): its own config, not part of `npm test`.
// Run: npx vitest run --config bench/digest/vitest.config.ts
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          MEND_ENV: 'development',
          API_TOKEN: 'bench-api-token',
          SIGNING_KEY: 'bench-signing-key-0123456789abcdef0123456789abcdef',
          APP_URL: 'https://mend.test',
          TEST_MIGRATIONS: await readD1Migrations('./migrations'),
        },
      },
    })),
  ],
  test: {
    include: ['bench/digest/**/*.test.ts'],
    setupFiles: ['./test/support/apply-migrations.ts'],
  },
});
