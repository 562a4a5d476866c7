/**
 * The content of one build, loaded once: every survey and every paper, read and
 * checked by build/surveys.ts and build/papers.ts. The CLI's check, the site's
 * content loader (site/lib/loader.ts) and its pages (site/lib/papers.ts) all ask here,
 * so a build parses each file once instead of once per process and once per page.
 *
 * The memo lives on `globalThis`, not in a module variable: Astro loads the site's
 * copy of this module through Vite (and again inside the bundled pages), and every
 * copy must see the content the build already loaded in the same process.
 *
 * @example
 *   const { surveys, papers } = await loadContent();   // the current build's content
 *   const fresh = await loadContent({ surveys: "/tmp/surveys", papers: "/repo/papers" });
 */
import { loadPapers, type LoadedPapers } from "./papers.ts";
import { contentDirs, type ContentDirs } from "./paths.ts";
import { loadSurveys, type LoadedSurveys } from "./surveys.ts";

export type Content = { dirs: ContentDirs; surveys: LoadedSurveys; papers: LoadedPapers };

type Memo = { dirs: ContentDirs; content: Promise<Content> };
const MEMO = Symbol.for("canvass.build.content");
const slot = globalThis as typeof globalThis & { [MEMO]?: Memo };

const sameDirs = (a: ContentDirs, b: ContentDirs) => a.surveys === b.surveys && a.papers === b.papers;

async function read(dirs: ContentDirs): Promise<Content> {
  const [surveys, papers] = await Promise.all([loadSurveys(dirs.surveys), loadPapers(dirs.papers)]);
  return { dirs, surveys, papers };
}

/**
 * The content in `dirs`, read once per process and folder pair. Without `dirs`: what
 * the build running in this process loaded, or else the folders of build/paths.ts.
 */
export function loadContent(dirs?: ContentDirs): Promise<Content> {
  const memo = slot[MEMO];
  if (memo && (!dirs || sameDirs(memo.dirs, dirs))) return memo.content;
  const wanted = dirs ?? contentDirs();
  slot[MEMO] = { dirs: wanted, content: read(wanted) };
  return slot[MEMO].content;
}

/** Drops the memo, so the next `loadContent` reads the files again (a new build, or `astro dev` after an edit). */
export function forgetContent(): void {
  delete slot[MEMO];
}
