/**
 * `npm run build` / `canvass build`: checks every survey and paper (stopping with
 * `file:line: field: message` on any problem), refreshes the Worker's paper module,
 * and builds the static site with Astro into dist/ in this same process, so the
 * content is read once (build/content.ts) and Node and Astro start once; the surveys
 * are parsed on a second thread while Astro starts. The Astro
 * integration (build/integration.ts) publishes each survey's definition beside the
 * pages for the Worker and refuses an output holding a gated paper.
 *
 * @example
 *   const code = await buildSite({ outDir: "/tmp/site", dirs: { surveys: "/tmp/surveys", papers: "papers" } });
 */
import { mkdir, rm, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { forgetContent, loadContent } from "./content.ts";
import { contentProblems } from "./integration.ts";
import { writePaperModule } from "./papers.ts";
import { contentDirs, ROOT, type ContentDirs } from "./paths.ts";

const LOCK = join(ROOT, ".canvass/build.lock");
const MINUTES_10 = 10 * 60_000;

/** Builds never overlap (several test runs or developers' tools may start one): the output is rewritten whole. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(join(ROOT, ".canvass"), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const age = Date.now() - (await stat(LOCK).then((s) => s.mtimeMs, () => Date.now()));
      if (age > MINUTES_10) await rm(LOCK, { recursive: true, force: true }); // left by a killed build
      if (waited > MINUTES_10) throw new Error(`another build has held ${LOCK} for 10 minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

export type BuildOptions = {
  /** Print nothing but errors. */
  quiet?: boolean;
  /** Where the site goes (default dist/; the Worker serves dist/). */
  outDir?: string;
  /** Where surveys and papers come from (default build/paths.ts `contentDirs()`). */
  dirs?: ContentDirs;
};

/** Builds the site; resolves with the exit code (1: the content or the output was refused). */
export function buildSite(opts: BuildOptions = {}): Promise<number> {
  return withBuildLock(() => buildUnlocked(opts));
}

async function buildUnlocked(opts: BuildOptions): Promise<number> {
  const log = (s: string) => { if (!opts.quiet) console.log(s); };
  const outDir = resolve(ROOT, opts.outDir ?? "dist");
  forgetContent(); // a new build reads the files again
  // The surveys parse on a worker thread while Astro starts here; Astro's content loader waits
  // for the same load and writes nothing before it, so a broken survey still leaves dist/ as it was.
  const content = loadContent(opts.dirs ?? contentDirs());
  // Loaded here, not at the top: every `canvass` command imports this module, and only a build needs Astro.
  const astro = await import("astro");
  const building = astro.build({ root: ROOT, outDir, logLevel: "silent", mode: "production" }).then(() => undefined, (e: unknown) => e as Error);
  const { surveys, papers } = await content;
  const stopped = contentProblems(surveys.issues, papers.issues);
  if (stopped) {
    await building; // Astro stops on the same problems; ours are the messages to show
    console.error(stopped.message);
    return 1;
  }
  if (await writePaperModule(papers.papers)) log("papers changed: rewrote worker/papers/generated.ts (commit it with them)");
  log(`[1/2] ${surveys.published.length} surveys checked; building the site with Astro…`);
  const failed = await building;
  if (failed && failed.name !== "BuildStopped") throw failed;
  if (failed) {
    console.error(failed.message);
    return 1;
  }
  log(`[2/2] published ${surveys.published.length} survey definitions to ${shortOut(outDir)}/_canvass/surveys/`);
  return 0;
}

const shortOut = (outDir: string) => (outDir.startsWith(`${ROOT}/`) ? outDir.slice(ROOT.length + 1) : outDir);
