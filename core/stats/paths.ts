/**
 * The paths visitor statistics count: the site's own pages, as the build found them in
 * its output. The build publishes the list at `COUNTED_PATHS_PATH` (build/counted-paths.ts);
 * the Worker reads it and counts a beacon only for a listed page (worker/stats/paths.ts), so
 * a flood of made-up paths can neither fill the day's path cap nor push real pages into
 * "(other)". Plain functions, no zod: the build, the Worker and the tests share them.
 *
 * @example
 *   pagePathOf("s/customer-feedback/index.html") // "/s/customer-feedback/"
 *   pagePathOf("admin/stats/index.html")         // undefined: never counted
 *   listedPath("/s/customer-feedback", new Set(["/s/customer-feedback/"])) // "/s/customer-feedback/"
 */

/** Where the build publishes the list; only the Worker reads it (wrangler.toml run_worker_first). */
export const COUNTED_PATHS_PATH = "/_canvass/paths.json";

/** The published list: every page a beacon may count, sorted. */
export type CountedPaths = { format: 1; paths: string[] };

/** Pages never counted: the admin pages, the Worker's own page template, the 404 page. */
function uncounted(path: string): boolean {
  return path === "/admin/" || path.startsWith("/admin/") || path.startsWith("/_canvass/") || path === "/404.html" || path === "/404/";
}

/**
 * The URL path of a page in the build output, from its file path relative to the output
 * folder (`/` or `\` separators), or undefined for a file that is not a counted page.
 */
export function pagePathOf(file: string): string | undefined {
  const parts = file.split(/[\\/]/).filter(Boolean);
  const name = parts.at(-1);
  if (!name?.endsWith(".html")) return undefined;
  const path = name === "index.html" ? `/${parts.slice(0, -1).map((p) => `${p}/`).join("")}` : `/${parts.join("/")}`;
  return uncounted(path) ? undefined : path;
}

/**
 * The listed page a beacon's pathname stands for, or undefined when the site has no such
 * page. `/s/x`, `/s/x/` and `/s/x/index.html` are one page (the static host serves all three).
 */
export function listedPath(pathname: string, listed: ReadonlySet<string>): string | undefined {
  if (listed.has(pathname)) return pathname;
  const bare = pathname.endsWith("/index.html") ? pathname.slice(0, -"index.html".length) : `${pathname}/`;
  return listed.has(bare) ? bare : undefined;
}
