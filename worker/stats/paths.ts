/**
 * The pages a beacon may count: the list the build published (core/stats/paths.ts), read
 * through the ASSETS binding and kept by the isolate for a short while (it changes only
 * with a deployment; the short lifetime lets `npm start` pick up rebuilds). A beacon for
 * any other path is not counted, so invented paths cost nothing and displace nothing.
 *
 * Without a list (a build from before the list existed, or an output folder without it)
 * every page is counted, but as "(other)": views and visitors stay right, and no path a
 * client made up is ever named.
 *
 * @example
 *   const path = await countedPath(env, "/s/customer-feedback"); // "/s/customer-feedback/", OTHER or undefined
 */
import { OTHER } from "../../core/stats/dimensions.ts";
import { COUNTED_PATHS_PATH, listedPath } from "../../core/stats/paths.ts";

const CACHE_MS = 60_000;
/** Far more pages than a site builds; a list past it is not ours. */
const MAX_PATHS = 100_000;

let cached: { at: number; paths: ReadonlySet<string> | null } | undefined;

function readList(json: unknown): ReadonlySet<string> | null {
  if (typeof json !== "object" || json === null || !("paths" in json) || !Array.isArray(json.paths)) return null;
  const paths: unknown[] = json.paths;
  if (paths.length > MAX_PATHS || !paths.every((p) => typeof p === "string")) return null;
  return new Set(paths as string[]);
}

async function fetchList(env: Env): Promise<ReadonlySet<string> | null> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid${COUNTED_PATHS_PATH}`)).catch(() => null);
  if (!res) return null;
  // With not_found_handling = "404-page" a missing file may come back as the HTML 404 page.
  if (!res.ok || !(res.headers.get("content-type") ?? "").includes("json")) {
    await res.body?.cancel();
    return null;
  }
  return readList(await res.json().catch(() => null));
}

async function listed(env: Env): Promise<ReadonlySet<string> | null> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.paths;
  const paths = await fetchList(env);
  cached = { at: Date.now(), paths };
  return paths;
}

/** The page a beacon's pathname is counted as: the listed page, OTHER when there is no list, undefined when the site has no such page. */
export async function countedPath(env: Env, pathname: string): Promise<string | undefined> {
  const paths = await listed(env);
  return paths === null ? OTHER : listedPath(pathname, paths);
}
