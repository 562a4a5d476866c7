/**
 * Browser tests run against the real local stack: the site built by `npm run build`,
 * served by `wrangler dev` with a throwaway local D1 (migrations applied) on a free
 * loopback port. Tests read D1 directly through wrangler to find their rows.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite } from "../../build/site.ts";
import { applyMigrations, freePort, startWorker } from "../../scripts/lib/stack.ts";

export const BROWSER_ADMIN_TOKEN = "browser-test-admin-token";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    persistTo: string;
  }
}

export default async function setup(project: TestProject) {
  if ((await buildSite({ quiet: true })) !== 0) throw new Error("the site did not build; run `npm run build` to see why");
  const persistTo = await mkdtemp(join(tmpdir(), "canvass-browser-"));
  await applyMigrations(persistTo);
  const port = await freePort();
  // Every browser test comes from one address (127.0.0.1), and together they load the paper page
  // (a ticket each) and send its form more often than a person's hourly limit (10) allows, so the
  // order of the files would decide who gets a 429. The limit itself is proven in test/worker/papers/.
  const vars = { CANVASS_ADMIN_TOKEN: BROWSER_ADMIN_TOKEN, CANVASS_SIGNING_KEY: "browser-test-signing-key-0123456789", PUBLIC_URL: `http://127.0.0.1:${port}`, PAPER_RATE_LIMIT_PER_HOUR: "1000" };
  const worker = await startWorker({ port, persistTo, quiet: true, vars });
  project.provide("baseUrl", worker.url);
  project.provide("persistTo", persistTo);
  return async () => {
    await worker.stop();
    await rm(persistTo, { recursive: true, force: true });
  };
}
