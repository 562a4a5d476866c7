import { defineConfig } from "vitest/config";

// One vitest run, three kinds of test, each where it belongs:
//  - unit: core/ and scripts/ in Node (core imports no Node built-ins, so Node is as good a host as any)
//  - worker: the Hono app inside workerd with real D1/KV/Queues (added in vitest.worker.config.ts)
//  - browser: Chromium against the local stack
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          environment: "node",
          include: ["core/**/*.test.ts", "scripts/**/*.test.ts", "site/**/*.test.ts"],
        },
      },
    ],
  },
});
