/**
 * Where a build keeps the content it loaded (build/content.ts): on `globalThis`, not in
 * a module variable, because Astro loads its own copies of build/ modules (through Vite
 * for the content loader, bundled into the pages) and every copy must see the one
 * load. This module imports no loader, so the bundled pages that read it
 * (site/lib/papers.ts) carry no parser.
 *
 * @example
 *   const { papers } = await builtContent();
 */
import type { LoadedPapers } from "./papers.ts";
import type { ContentDirs } from "./paths.ts";
import type { LoadedSurveys } from "./surveys.ts";

export type Content = { dirs: ContentDirs; surveys: LoadedSurveys; papers: LoadedPapers };

export type Memo = { dirs: ContentDirs; content: Promise<Content> };

const KEY = Symbol.for("canvass.build.content");
const slot = globalThis as typeof globalThis & { [KEY]?: Memo };

export const readMemo = (): Memo | undefined => slot[KEY];

export function writeMemo(memo: Memo | undefined): void {
  if (memo) slot[KEY] = memo;
  else delete slot[KEY];
}

/** The content this process's build loaded; the build (or the Astro integration) loads it before any page renders. */
export function builtContent(): Promise<Content> {
  const memo = readMemo();
  if (!memo) throw new Error("no content loaded: build with `npm run build` or `astro build` (the canvass integration loads it)");
  return memo.content;
}
