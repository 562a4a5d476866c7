/**
 * The parts of the repository depend on each other one way only (README "Layout"):
 * content and config <- core <- build <- site and scripts (the CLI), and the Worker
 * depends on core, the config and the content alone. Each rule is one test; a broken
 * rule names the importing file, its line and the import. Tests are exempt: they may
 * reach into any part.
 */
import { describe, expect, it } from "vitest";
import { ROOT } from "../build/paths.ts";
import { importGraph, reachable, sourceFiles, type Import } from "./import-graph.ts";

type Part = "content" | "config" | "core" | "build" | "site" | "scripts" | "worker";

/** The part a repository file belongs to; undefined for tests and tooling outside the parts. */
function partOf(file: string): Part | undefined {
  if (/\.test\.ts$/.test(file) || file.startsWith("test/")) return undefined;
  if (file === "canvass.config.ts") return "config";
  if (file === "astro.config.mjs") return "site"; // the site's Astro configuration
  const top = file.split("/")[0]!;
  if (top === "surveys" || top === "papers") return "content";
  return (["core", "build", "site", "scripts", "worker"] as const).find((p) => p === top);
}

type Arrow = { file: string; from: Part; to: Part; imp: Import };

const graph = importGraph(ROOT, ["canvass.config.ts", "astro.config.mjs", "core", "build", "site", "scripts", "worker"]);
const arrows: Arrow[] = [...graph].flatMap(([file, imports]) => {
  const from = partOf(file);
  return from ? imports.flatMap((imp) => {
    const to = imp.local ? partOf(imp.target) : undefined;
    return to && to !== from ? [{ file, from, to, imp }] : [];
  }) : [];
});

const show = (a: Arrow) => `${a.file}:${a.imp.line} imports ${a.imp.specifier}${a.imp.typeOnly ? " (type only)" : ""}`;
const between = (from: Part, to: Part[]) => arrows.filter((a) => a.from === from && to.includes(a.to)).map(show);

/** Packages and built-ins core must not use: it runs in the Worker, the browser and Node alike. */
const PLATFORM = /^(?:node:|astro|@astrojs\/|hono|wrangler|@cloudflare\/|vite)/;

describe("the parts depend on each other one way", () => {
  it("sanity: the walker sees the parts and their arrows", () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(between("site", ["build"])).not.toEqual([]);
  });

  it("the Worker imports nothing from the site", () => {
    expect(between("worker", ["site"])).toEqual([]);
  });

  it("the Worker imports nothing from the CLI (scripts/)", () => {
    expect(between("worker", ["scripts"])).toEqual([]);
  });

  it("the site imports nothing from the CLI (scripts/)", () => {
    expect(between("site", ["scripts"])).toEqual([]);
  });

  it("core imports only core and its libraries (no other part, no Node built-ins, Astro or Hono)", () => {
    const parts = between("core", ["content", "config", "build", "site", "scripts", "worker"]);
    const platform = [...graph]
      .filter(([file]) => partOf(file) === "core")
      .flatMap(([file, imports]) => imports.filter((i) => !i.local && PLATFORM.test(i.target)).map((imp) => `${file}:${imp.line} imports ${imp.specifier}`));
    expect([...parts, ...platform]).toEqual([]);
  });

  it("build/ imports nothing from the site, the CLI or the Worker", () => {
    expect(between("build", ["site", "scripts", "worker"])).toEqual([]);
  });

  it("the Worker imports only core, the config and the content", () => {
    expect(between("worker", ["build", "site", "scripts"])).toEqual([]);
  });

  it("the site and the Worker never import each other", () => {
    expect([...between("site", ["worker"]), ...between("worker", ["site"])]).toEqual([]);
  });

  it("no cycle between parts", () => {
    const edges = new Map<Part, Set<Part>>();
    for (const a of arrows) edges.set(a.from, (edges.get(a.from) ?? new Set()).add(a.to));
    const reaches = (from: Part, to: Part, seen = new Set<Part>()): boolean =>
      [...(edges.get(from) ?? [])].some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
    const cycles = arrows.filter((a) => reaches(a.to, a.from)).map((a) => `${a.from} -> ${a.to} closes a cycle: ${show(a)}`);
    expect(cycles).toEqual([]);
  });
});

describe("the browser's scripts", () => {
  // Every module a page script loads (value imports; `import type` is erased) ships to
  // respondents on slow phones: zod alone would be about twice the page budget.
  // site/embed/ is the pop-up loader and pop-up that run on clients' websites (build/embed.ts).
  const entries = sourceFiles(ROOT, ["site/scripts", "site/embed"]).filter((f) => !f.endsWith(".test.ts"));
  const loaded = [...reachable(ROOT, graph, entries, { values: true })];

  it("sanity: the walk reaches core's logic from the page scripts", () => {
    expect(loaded).toContain("core/logic.ts");
    expect(loaded).toContain("core/answers.ts");
    expect(loaded).toContain("core/intercept.ts");
  });

  it("nothing reachable from site/scripts/ or site/embed/ imports zod", () => {
    const zod = loaded.flatMap((file) =>
      (graph.get(file) ?? []).filter((i) => !i.local && !i.typeOnly && /^zod(\/|$)/.test(i.target)).map((i) => `${file}:${i.line} imports ${i.specifier}`),
    );
    expect(zod).toEqual([]);
  });

  it("nothing reachable from site/scripts/ or site/embed/ imports the Markdown parser: the build and the Worker render Markdown, no page script does", () => {
    const marked = loaded.flatMap((file) =>
      (graph.get(file) ?? []).filter((i) => !i.local && !i.typeOnly && /^marked(\/|$)/.test(i.target)).map((i) => `${file}:${i.line} imports ${i.specifier}`),
    );
    expect(marked).toEqual([]);
  });
});
