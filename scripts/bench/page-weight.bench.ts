/**
 * `npm run bench:page-weight [survey-id] [--dist dir]`: what a respondent downloads to
 * see a survey page — its HTML plus every stylesheet and script it references, and
 * every module those scripts import — measured gzip-compressed (level 9), against a
 * budget of 14 KB in total: about what a server can send in the first round trip of
 * a new connection, which is what a phone on a poor network feels.
 *
 * It builds nothing: run `npm run build:site` (or `npm run build`) first. Writes
 * bench/results/page-weight.json and exits non-zero when over budget.
 *
 * @example
 *   npm run build:site && npm run bench:page-weight -- customer-feedback
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import type { BenchMeasure } from "./chart.ts";

export const BUDGET_GZIP_BYTES = 14 * 1024;
const ROOT = resolve(import.meta.dirname, "../..");

type FileWeight = { path: string; bytes: number; gzip: number };
type PageWeight = {
  name: "page-weight";
  summary: string;
  page: string;
  files: FileWeight[];
  total_gzip: number;
  budget: number;
  within_budget: boolean;
  measure: BenchMeasure;
};

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag)?.slice(1).find((v) => v !== undefined);

/** Stylesheets and scripts an HTML page loads, as URL paths. */
function htmlReferences(html: string): string[] {
  const refs: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attr(tag, "href");
    if (href && (rel.includes("stylesheet") || rel.includes("modulepreload"))) refs.push(href);
  }
  for (const [, tag, body] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
    const src = attr(tag!, "src");
    if (src) refs.push(src);
    // An inlined module script may still import chunks.
    else if ((attr(tag!, "type") ?? "").toLowerCase() === "module") refs.push(...moduleReferences(body!, false));
  }
  return refs;
}

/** Modules a (minified) ES module imports, statically or dynamically, and stylesheets a CSS file imports. */
function moduleReferences(code: string, isCss: boolean): string[] {
  const patterns = isCss
    ? [/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g]
    : [/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g];
  return patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[1]!));
}

/** Measures one built page and everything it pulls in, each file once. */
async function measurePage(dist: string, page: string): Promise<FileWeight[]> {
  const files: FileWeight[] = [];
  const seen = new Set<string>();
  const visit = async (urlPath: string, from: string) => {
    if (/^(?:[a-z]+:)?\/\//i.test(urlPath) || urlPath.startsWith("data:")) return; // not ours (and none should exist)
    const path = new URL(urlPath, `http://site${from}`).pathname;
    if (seen.has(path)) return;
    seen.add(path);
    const file = join(dist, path.endsWith("/") ? `${path}index.html` : path);
    if (!existsSync(file)) throw new Error(`${page} references ${path}, which is not in ${relative(ROOT, dist) || dist}`);
    const content = await readFile(file);
    files.push({ path, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length });
    const text = content.toString("utf8");
    const refs = path.endsWith(".html") || path.endsWith("/") ? htmlReferences(text) : path.endsWith(".css") ? moduleReferences(text, true) : path.endsWith(".js") || path.endsWith(".mjs") ? moduleReferences(text, false) : [];
    for (const ref of refs) await visit(ref, path);
  };
  await visit(page, "/");
  return files;
}

export async function pageWeight(opts: { survey?: string; dist?: string } = {}): Promise<PageWeight> {
  const survey = opts.survey ?? "customer-feedback";
  const dist = resolve(ROOT, opts.dist ?? "dist");
  const page = `/s/${survey}/`;
  if (!existsSync(join(dist, page, "index.html"))) throw new Error(`${join(dist, page, "index.html")} does not exist: build the site first (npm run build:site)`);
  const files = await measurePage(dist, page);
  const total = files.reduce((n, f) => n + f.gzip, 0);
  const within = total <= BUDGET_GZIP_BYTES;
  return {
    name: "page-weight",
    summary: `${page}: ${total} bytes gzip in ${files.length} file${files.length === 1 ? "" : "s"} (budget ${BUDGET_GZIP_BYTES})`,
    page,
    files,
    total_gzip: total,
    budget: BUDGET_GZIP_BYTES,
    within_budget: within,
    measure: { label: `${page} with its CSS and JS, gzip`, value: total, budget: BUDGET_GZIP_BYTES, unit: "B", better: "lower" },
  };
}

/** For `npm run bench` (scripts/bench/run.ts): the default survey in the default dist/. */
export default () => pageWeight();

function table(result: PageWeight): string {
  const rows = [["file", "bytes", "gzip"], ...result.files.map((f) => [f.path, String(f.bytes), String(f.gzip)]), ["total", String(result.files.reduce((n, f) => n + f.bytes, 0)), String(result.total_gzip)]];
  const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `${r[0]!.padEnd(width[0]!)}  ${r[1]!.padStart(width[1]!)}  ${r[2]!.padStart(width[2]!)}`;
  return [line(rows[0]!), ...rows.slice(1, -1).map(line), "-".repeat(width[0]! + width[1]! + width[2]! + 4), line(rows.at(-1)!)].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const distAt = args.indexOf("--dist");
  const dist = distAt >= 0 ? args[distAt + 1] : undefined;
  const survey = args.filter((a, i) => !a.startsWith("--") && (distAt < 0 || i !== distAt + 1))[0];
  try {
    const result = await pageWeight({ survey, dist });
    console.log(table(result));
    console.log(`${result.within_budget ? "within" : "OVER"} budget: ${result.total_gzip} of ${result.budget} bytes gzip`);
    const out = join(ROOT, "bench/results/page-weight.json");
    await mkdir(dirname(out), { recursive: true });
    const { name: _name, summary: _summary, ...json } = result;
    await writeFile(out, `${JSON.stringify(json, null, 2)}\n`);
    if (!result.within_budget) process.exitCode = 1;
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  }
}
