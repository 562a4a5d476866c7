/**
 * `npm run bench -- embed-size`: what a client's website downloads from Canvass for a
 * pop-up survey. The loader `/embed.js` is on every page of the client's site, for every
 * visitor, so it has a budget: 3 KB gzip (level 9; build/embed.ts `LOADER_BUDGET_GZIP`,
 * also held by build/embed.test.ts in `npm test`). The pop-up scripts
 * (`/_canvass/embed/<id>.js`), loaded only when one is about to show, are reported beside it.
 * Reads the built site in dist/ (run.ts builds it first).
 *
 * @example
 *   npm run build && node scripts/bench/embed-size.bench.ts
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LOADER_BUDGET_GZIP, LOADER_PATH, weigh, type Weight } from "../../build/embed.ts";
import { ROOT } from "../lib/stack.ts";
import type { BenchResult } from "./run.ts";

export default async function embedSize(dist = join(ROOT, "dist")): Promise<BenchResult> {
  const loader = weigh(await readFile(join(dist, LOADER_PATH), "utf8"));
  const dir = join(dist, "_canvass/embed");
  const names = await readdir(dir).catch(() => [] as string[]);
  const popups: (Weight & { path: string })[] = [];
  for (const name of names.filter((n) => n.endsWith(".js")).sort()) popups.push({ path: `/_canvass/embed/${name}`, ...weigh(await readFile(join(dir, name), "utf8")) });
  const within = loader.gzip <= LOADER_BUDGET_GZIP;
  const largest = popups.reduce((m, p) => Math.max(m, p.gzip), 0);
  return {
    name: "embed-size",
    summary: `/embed.js ${loader.gzip} B gzip (budget ${LOADER_BUDGET_GZIP} B); ${popups.length} pop-up script(s), largest ${largest} B gzip, loaded only when shown`,
    within_budget: within,
    loader,
    popups,
    budget: LOADER_BUDGET_GZIP,
    measure: { label: "/embed.js, gzip", value: loader.gzip, budget: LOADER_BUDGET_GZIP, unit: "B", better: "lower" },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await embedSize();
  console.log(result.summary);
  if (!result.within_budget) process.exitCode = 1;
}
