import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_ADMIN_TOKEN } from "./test/worker/constants.ts";

// Fixture surveys are published per run (global-setup.ts) so that concurrent runs never share a folder.
const TEST_ASSETS = (process.env.CANVASS_TEST_ASSETS ??= `.canvass/test-assets-${process.pid}`);

// One vitest run, three kinds of test, each where it belongs:
//  - unit: core/, build/, scripts/, site/ helpers and the architecture test (test/*.test.ts) in Node
//    (core imports no Node built-ins, so Node is as good a host as any)
//  - worker: the Hono app inside workerd with real D1/KV/Queues bindings from wrangler.toml
//  - browser: Chromium against the local stack (`npm start`), see test/browser
export default defineConfig({
  test: {
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["core/**/*.test.ts", "build/**/*.test.ts", "scripts/**/*.test.ts", "site/**/*.test.ts", "test/*.test.ts"],
          // A hang guard, not a speed check (speed is `npm run bench`): the tests that start Node
          // (the CLI's check, the content loader) took over 5 s on a loaded two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // Fixture surveys published by global-setup.ts stand in for the built site.
              assets: { directory: TEST_ASSETS, binding: "ASSETS", routerConfig: { has_user_worker: true } },
              bindings: {
                CANVASS_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
                CANVASS_SIGNING_KEY: "test-signing-key-0123456789abcdef",
                TEST_MIGRATIONS: await readD1Migrations("migrations"),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["test/worker/global-setup.ts"],
          setupFiles: ["test/worker/apply-migrations.ts"],
          // A hang guard: the property tests send 150 to 200 requests each and took 4 to 5 s on
          // a quiet two-core machine, so vitest's 5 s default failed them whenever it was busy.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "browser",
          environment: "node",
          include: ["test/browser/**/*.test.ts"],
          globalSetup: ["test/browser/global-setup.ts"],
          // Chromium and wrangler dev are shared by the files; one at a time keeps the two cores calm.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // What a page shows after a fetch can take seconds on a loaded two-core CI machine;
          // vitest's default of 1 s for expect.poll made the invitation test fail there.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
