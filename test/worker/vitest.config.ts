/**
 * `npm run test:worker`: the Workers build, tested inside workerd (@cloudflare/vitest-pool-workers 0.15.1,
 * vitest 4.1) against the libSQL HTTP stand-in for Turso (test/libsql-http-server.ts) and a fake Resend
 * (test/fake-resend.ts), both started on 127.0.0.1 by global-setup.ts. Two projects:
 *   - `workerd`: test/worker/*.test.ts run in workerd, with wrangler.toml's entry, bindings and assets;
 *     the worker reaches the two local servers with plain `fetch` (workerd's outbound network is not
 *     mocked: vitest-pool-workers 0.15 has no `fetchMock`, and 127.0.0.1 is allowed).
 *   - `node`: test/worker/node/*.test.ts on Node: migrator compatibility with drizzle's, the migrations
 *     bundle, `db:migrate`, and the `wrangler deploy --dry-run` bundle check (bench/worker-size.mjs).
 */
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const setup = fileURLToPath(new URL('./global-setup.ts', import.meta.url));
const prepare = fileURLToPath(new URL('./prepare.ts', import.meta.url));

export default defineConfig({
  root,
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Test values over wrangler.toml's [vars]; secrets as `wrangler secret put` would set them.
              bindings: {
                FRESK_DB_URL: inject('dbUrl'),
                FRESK_DB_TOKEN: inject('dbToken'),
                FRESK_AUTH_SECRET: inject('authSecret'),
                FRESK_APP_URL: 'http://fresk.test',
                FRESK_ALLOWED_ORIGINS: 'https://portal.example,https://wordpress.example',
                FRESK_MAIL_FROM: 'Fresk <missions@fresk.test>',
                FRESK_ASSOCIATION_EMAIL: 'association@fresk.test',
                RESEND_API_KEY: 're_test_key',
                RESEND_BASE_URL: inject('resendUrl'),
                CONTROL_URL: inject('controlUrl'),
              },
              // Small limits so the tests can reach them (production: wrangler.toml).
              ratelimits: {
                RATE_LIMITER: { simple: { limit: 5, period: 60 } },
                ADDRESS_LIMITER: { simple: { limit: 3, period: 60 } },
              },
            },
          })),
        ],
        test: {
          name: 'workerd',
          root,
          include: ['test/worker/*.test.ts'],
          globalSetup: [prepare, setup],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'node',
          root,
          include: ['test/worker/node/*.test.ts'],
          globalSetup: [prepare],
          environment: 'node',
          pool: 'forks',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
