/**
 * Reads the paper folder — `papers/<slug>.md`, the gated documents in `papers/files/`,
 * covers beside them — for the build, the Astro pages and the Worker module.
 *
 * Where the gated bytes live: NOT in dist/. Everything in dist/ is a public asset, and
 * a mistake in `run_worker_first` would publish it. Instead `writePaperModule` writes
 * `worker/papers/generated.ts`, which imports each file as a binary `Data` module
 * (wrangler.toml `[[rules]]`), so the bytes travel inside the Worker bundle and the
 * only way to them is the Worker's token-checked download route. The module is
 * committed (so typechecking and the Worker tests work from a fresh clone), rewritten
 * by every build, and a unit test fails when it no longer matches `papers/`.
 *
 * The price is bundle size: Workers refuse a script over 3 MB compressed on the Free
 * plan (10 MB on Paid), and PDFs barely compress. `PAPER_BYTES_BUDGET` keeps the
 * papers well under the Free limit; a larger library belongs in R2.
 *
 * @example
 *   const { papers, issues } = await loadPapers("papers");
 *   await writePaperModule(papers);
 */
import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { ClientRules } from "../core/parse/clients.ts";
import { parsePaper, type PaperSource } from "../core/parse/paper.ts";
import type { SourceIssue } from "../core/parse/source.ts";
import { publishPaper, type PublishedPaper } from "../core/papers.ts";
import site from "../canvass.config.ts";
import { contentDirs, PAPER_MODULE, ROOT } from "./paths.ts";
import { inPool } from "./pool.ts";

/** All gated files together stay under this many bytes (see above: 3 MB compressed is the Free plan's whole Worker). */
export const PAPER_BYTES_BUDGET = 2 * 1024 * 1024;

export type LoadedPaper = PaperSource & {
  published: PublishedPaper;
  /** Absolute paths of the gated file and the cover image. */
  filePath: string;
  coverPath: string;
  fileBytes: number;
};
export type LoadedPapers = { papers: LoadedPaper[]; issues: SourceIssue[] };

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** Paths as an author reads them: from where the command runs (the Astro build bundles this module, so its own location means nothing). */
const shownPath = (path: string) => relative(process.cwd(), path) || path;

/** Every `*.md` in `dir` (not subfolders), in name order. A missing folder means no papers. */
/** `clients`: whom papers may belong to (canvass.config.ts by default; tests pass their own). */
export async function loadPapers(dir = contentDirs().papers, clients: ClientRules = site): Promise<LoadedPapers> {
  if (!existsSync(dir)) return { papers: [], issues: [] };
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith(".md") && !e.name.startsWith(".")).map((e) => e.name).sort();
  const issues: SourceIssue[] = [];
  const papers: LoadedPaper[] = [];
  const fileOwners = new Map<string, string>();
  let total = 0;
  for (const name of names) {
    const file = join(dir, name);
    const shown = shownPath(file);
    const result = parsePaper(shown, await readFile(file, "utf8"), { clients });
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const { front } = result.paper;
    const filePath = join(dir, "files", front.file);
    const coverPath = join(dir, front.cover);
    const before = issues.length;
    const size = await fileSize(filePath);
    if (size === undefined) issues.push({ file: shown, path: "file", message: `the gated file ${shownPath(filePath)} does not exist; put the document in ${shownPath(join(dir, "files"))}/` });
    else if (size === 0) issues.push({ file: shown, path: "file", message: `the gated file ${shownPath(filePath)} is empty` });
    if ((await fileSize(coverPath)) === undefined) issues.push({ file: shown, path: "cover", message: `the cover image ${shownPath(coverPath)} does not exist` });
    const owner = fileOwners.get(front.file);
    if (owner) issues.push({ file: shown, path: "file", message: `${front.file} is already the file of ${owner}; each paper has its own file (a download link names one paper)` });
    fileOwners.set(front.file, shown);
    if (issues.length > before) continue;
    total += size!;
    papers.push({ ...result.paper, published: await publishPaper(result.paper.slug, front, result.paper.client), filePath, coverPath, fileBytes: size! });
  }
  if (total > PAPER_BYTES_BUDGET)
    issues.push({ file: shownPath(join(dir, "files")), path: "", message: `the gated files add up to ${(total / 1048576).toFixed(1)} MiB, over the ${PAPER_BYTES_BUDGET / 1048576} MiB budget for the Worker bundle (see build/papers.ts)` });
  // The privacy page says no contact details are collected while no retention period is set.
  if (papers.length && site.retention.leadsDays === undefined)
    issues.push({ file: "canvass.config.ts", path: "retention.leadsDays", message: "papers collect contact details: set how many days leads are kept, which the privacy page states and the daily cron enforces" });
  return { papers: issues.length ? [] : papers, issues };
}

/** The Worker module that carries the papers' catalog and, through Data imports, their bytes. */
export function renderPaperModule(papers: LoadedPaper[], moduleFile = PAPER_MODULE): string {
  const fromModule = (path: string) => {
    const rel = relative(join(moduleFile, ".."), path).split("\\").join("/");
    return JSON.stringify(rel.startsWith(".") ? rel : `./${rel}`);
  };
  const imports = papers.map((p, i) => `import file${i} from ${fromModule(p.filePath)};`);
  const catalog = papers.map((p) => `  ${JSON.stringify(p.published)},`);
  const files = papers.map((p, i) => `  ${JSON.stringify(p.published.file)}: file${i},`);
  return [
    "// Generated from papers/*.md by build/papers.ts: do not edit; `npm run build` rewrites it.",
    "// Each gated file is a binary Data module (wrangler.toml [[rules]]): it is part of the Worker",
    "// bundle, never of the public assets in dist/, so only the token-checked route can serve it.",
    `import type { PublishedPaper } from ${fromModule(join(ROOT, "core/papers.ts"))};`,
    ...imports,
    "",
    `export const PAPERS: PublishedPaper[] = [${catalog.length ? `\n${catalog.join("\n")}\n` : ""}];`,
    "",
    `export const PAPER_FILES: Record<string, ArrayBuffer> = {${files.length ? `\n${files.join("\n")}\n` : ""}};`,
    "",
  ].join("\n");
}

/** Rewrites the module only when its text changes, so builds leave no needless diff or rebuild. */
export async function writePaperModule(papers: LoadedPaper[], moduleFile = PAPER_MODULE): Promise<boolean> {
  const text = renderPaperModule(papers, moduleFile);
  const current = existsSync(moduleFile) ? await readFile(moduleFile, "utf8") : undefined;
  if (current === text) return false;
  await mkdir(dirname(moduleFile), { recursive: true });
  await writeFile(moduleFile, text);
  return true;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * The build's last check: no file in the static output is a copy of a gated file (by
 * content, whatever its name), should one ever be put in site/public by mistake.
 * Answers the offending paths in `outDir`.
 */
export async function gatedFilesIn(outDir: string, papers: LoadedPaper[]): Promise<string[]> {
  const gated = new Map<number, Set<string>>();
  for (const p of papers) {
    const bytes = await readFile(p.filePath);
    gated.set(bytes.length, (gated.get(bytes.length) ?? new Set()).add(sha256(bytes)));
  }
  const paths = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const copies = await inPool(paths, async (path) => {
    const hashes = gated.get((await stat(path)).size);
    return hashes?.has(sha256(await readFile(path))) ? relative(outDir, path) : undefined;
  }, 16);
  return copies.filter((p): p is string => p !== undefined);
}
