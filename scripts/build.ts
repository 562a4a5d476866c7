/**
 * `canvass build` / `npm run build`: checks every survey (stopping on the first broken
 * one with file, line and field), builds the static site with Astro into dist/, and
 * publishes each survey's definition beside the pages for the Worker.
 */
import { mkdir, rm, stat } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { writeCatalog } from "./lib/catalog.ts";
import { ROOT, run } from "./lib/stack.ts";
import { loadSurveys } from "./lib/surveys.ts";
import { gatedFilesIn, loadPapers, writePaperModule } from "./lib/papers.ts";
import { formatIssue } from "../core/parse/index.ts";

const LOCK = `${ROOT}/.canvass/build.lock`;

/** Builds never overlap (several test runs or developers' tools may start one): dist/ is rewritten whole. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(`${ROOT}/.canvass`, { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = Date.now() - (await stat(LOCK).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 10 * 60_000) await rm(LOCK, { recursive: true, force: true }); // left by a killed build
      if (waited > 10 * 60_000) throw new Error(`another build has held ${LOCK} for 10 minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

export function build(opts: { quiet?: boolean } = {}): Promise<number> {
  return withBuildLock(() => buildUnlocked(opts));
}

async function buildUnlocked(opts: { quiet?: boolean }): Promise<number> {
  const log = (s: string) => { if (!opts.quiet) console.log(s); };
  const { published, issues } = await loadSurveys(`${ROOT}/surveys`);
  if (issues.length) {
    for (const issue of issues) console.error(formatIssue(issue));
    console.error(`build stopped: ${issues.length} problem${issues.length > 1 ? "s" : ""} in the surveys above`);
    return 1;
  }
  const papers = await loadPapers();
  if (papers.issues.length) {
    for (const issue of papers.issues) console.error(formatIssue(issue));
    console.error(`build stopped: ${papers.issues.length} problem${papers.issues.length > 1 ? "s" : ""} in the papers above`);
    return 1;
  }
  // The gated files travel in the Worker bundle, never in dist/ (scripts/lib/papers.ts).
  if (await writePaperModule(papers.papers)) log("papers changed: rewrote worker/papers.generated.ts (commit it with them)");
  log(`[1/2] ${published.length} surveys checked; building the site with Astro…`);
  await run("astro", ["build", "--silent"], { quiet: opts.quiet });
  const files = await writeCatalog(published, `${ROOT}/dist`);
  log(`[2/2] published ${files.length} survey definitions to dist/_canvass/surveys/`);
  const leaked = await gatedFilesIn(`${ROOT}/dist`, papers.papers);
  if (leaked.length) {
    console.error(`build stopped: dist/ holds a copy of a gated paper (${leaked.join(", ")}); papers must never be public assets`);
    return 1;
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await build();
