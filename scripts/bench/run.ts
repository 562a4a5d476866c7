/**
 * `npm run bench`: runs every benchmark in scripts/bench/ (each a file `*.bench.ts`
 * exporting `default async function (): Promise<BenchResult>`), writes each result to
 * bench/results/<name>.json and a summary to bench/results/summary.json, and exits
 * non-zero if any budget is broken. Figures that depend on the machine are reported
 * as ratios against a baseline measured in the same run.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildSite } from "../../build/site.ts";
import { budgetChart, type BenchMeasure } from "./chart.ts";
import { ROOT } from "../lib/stack.ts";

export type BenchResult = { name: string; summary: string; within_budget: boolean; measure?: BenchMeasure; [k: string]: unknown };

const only = process.argv.slice(2);
const dir = join(ROOT, "scripts/bench");
const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.ts") && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
await mkdir(join(ROOT, "bench/results"), { recursive: true });
// Every benchmark measures the code as it is now: one fresh build first.
console.log("building the site…");
if ((await buildSite({ quiet: true })) !== 0) process.exit(1);
const results: BenchResult[] = [];
for (const [i, f] of files.entries()) {
  console.log(`[${i + 1}/${files.length}] ${f}`);
  const mod = (await import(join(dir, f))) as { default: () => Promise<BenchResult> };
  const result = await mod.default();
  await writeFile(join(ROOT, "bench/results", `${result.name}.json`), JSON.stringify(result, null, 2) + "\n");
  console.log(`  ${result.within_budget ? "ok  " : "OVER"} ${result.summary}`);
  results.push(result);
}
await writeFile(join(ROOT, "bench/results/summary.json"), JSON.stringify({ at: new Date().toISOString(), results: results.map(({ name, summary, within_budget }) => ({ name, summary, within_budget })) }, null, 2) + "\n");
const charted = results.flatMap((r) => (r.measure ? [{ name: r.name, measure: r.measure }] : []));
if (charted.length) {
  await writeFile(join(ROOT, "bench/results/summary.svg"), budgetChart(charted, new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC"));
  console.log("chart: bench/results/summary.svg");
}
if (results.some((r) => !r.within_budget)) process.exitCode = 1;
