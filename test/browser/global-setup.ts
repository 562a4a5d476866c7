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
  const worker = await startWorker({ port, persistTo, quiet: true, vars: { CANVASS_ADMIN_TOKEN: BROWSER_ADMIN_TOKEN, CANVASS_SIGNING_KEY: "browser-test-signing-key-0123456789", PUBLIC_URL: `http://127.0.0.1:${port}` } });
  project.provide("baseUrl", worker.url);
  project.provide("persistTo", persistTo);
  return async () => {
    await worker.stop();
    await rm(persistTo, { recursive: true, force: true });
  };
}
