/**
 * Where the build finds its input and puts its output. The content folders are read
 * from the environment here and nowhere else, so the CLI, the Astro integration, the
 * site's content loader and the tests agree on them.
 *
 * @example
 *   CANVASS_SURVEYS_DIR=test/fixtures/surveys npm run build   # build the site from other surveys
 */
import { join, resolve } from "node:path";

/**
 * The repository: build/ sits at its top level. True wherever build/ runs from its own
 * files (Node, Vite's module runner), not inside Astro's bundled pages: those take the
 * content the build loaded (build/content.ts) and never ask for a folder.
 */
export const ROOT = resolve(import.meta.dirname, "..");

/** The Worker's module of papers, rewritten by the build (see build/papers.ts). */
export const PAPER_MODULE = join(ROOT, "worker/papers/generated.ts");

export type ContentDirs = {
  /** Absolute path of the survey folder. */
  surveys: string;
  /** Absolute path of the paper folder (`<slug>.md`, `files/`, covers). */
  papers: string;
};

/** `surveys/` and `papers/`, or `CANVASS_SURVEYS_DIR` and `CANVASS_PAPERS_DIR` (relative to the repository). */
export function contentDirs(env: NodeJS.ProcessEnv = process.env): ContentDirs {
  return { surveys: resolve(ROOT, env.CANVASS_SURVEYS_DIR ?? "surveys"), papers: resolve(ROOT, env.CANVASS_PAPERS_DIR ?? "papers") };
}
