/**
 * The Astro integration that makes `astro build` alone yield a complete site: before
 * the build it checks the content once (build/content.ts, shared with the content
 * loader and the pages) and refreshes the Worker's paper module; after it, it publishes
 * the survey catalog, the pages visitor statistics count (build/counted-paths.ts) and the
 * pop-up scripts (build/embed.ts) into the output, refuses an output holding a gated paper,
 * and writes the security headers of the static pages (build/headers.ts).
 * `npm run build` (build/site.ts) runs the same build in its own process.
 *
 * @example
 *   // astro.config.mjs
 *   export default defineConfig({ integrations: [canvass()] });
 */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { formatIssue, type SourceIssue } from "../core/parse/index.ts";
import { writeCatalog } from "./catalog.ts";
import { writeCountedPaths } from "./counted-paths.ts";
import { loadContent } from "./content.ts";
import { writeEmbeds } from "./embed.ts";
import { writeSecurityHeaders } from "./headers.ts";
import { gatedFilesIn, writePaperModule } from "./papers.ts";

/** A refusal that ends the build with a sentence for the author, not a stack trace. */
class BuildStopped extends Error {
  override name = "BuildStopped";
  constructor(message: string) {
    super(message);
    this.stack = "";
  }
}

const plural = (n: number, word: string) => `${n} problem${n === 1 ? "" : "s"} in the ${word}`;

/** A `BuildStopped` listing the surveys' issues, or else the papers', or nothing when both are clean. */
export function contentProblems(surveys: SourceIssue[], papers: SourceIssue[]): BuildStopped | undefined {
  const [issues, kind] = surveys.length ? [surveys, "surveys"] : [papers, "papers"];
  if (!issues.length) return undefined;
  return new BuildStopped([...issues.map(formatIssue), `build stopped: ${plural(issues.length, kind)} above`].join("\n"));
}

/** Publishes the catalog into `outDir` and checks that no gated paper became a public asset there. */
async function finishOutput(outDir: string): Promise<number> {
  const { surveys, papers } = await loadContent();
  const files = await writeCatalog(surveys.published, outDir);
  await writeCountedPaths(outDir);
  const leaked = await gatedFilesIn(outDir, papers.papers);
  if (leaked.length) throw new BuildStopped(`build stopped: dist/ holds a copy of a gated paper (${leaked.join(", ")}); papers must never be public assets`);
  return files.length;
}

export function canvass(): AstroIntegration {
  return {
    name: "canvass",
    hooks: {
      "astro:build:start": async ({ logger }) => {
        const { surveys, papers } = await loadContent();
        const stopped = contentProblems(surveys.issues, papers.issues);
        if (stopped) throw stopped;
        // The gated files travel in the Worker bundle, never in the output (build/papers.ts).
        if (await writePaperModule(papers.papers)) logger.info("papers changed: rewrote worker/papers/generated.ts (commit it with them)");
      },
      "astro:build:done": async ({ dir, logger }) => {
        const count = await finishOutput(fileURLToPath(dir));
        logger.info(`published ${count} survey definitions to _canvass/surveys/`);
        // The pop-up loader and scripts (README "Pop-up surveys").
        const embeds = await writeEmbeds((await loadContent()).surveys.published, fileURLToPath(dir));
        logger.info(`wrote embed.js (${embeds.loader.gzip} bytes gzip) and ${embeds.surveys.length} pop-up scripts`);
        const hashes = await writeSecurityHeaders(fileURLToPath(dir)).catch((e: Error) => { throw new BuildStopped(`build stopped: ${e.message}`); });
        logger.info(`wrote _headers: ${hashes.scripts.length} inline scripts and ${hashes.styles.length} inline stylesheets allowed by hash`);
      },
    },
  };
}
