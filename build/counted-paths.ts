/**
 * Publishes the list of pages visitor statistics count (core/stats/paths.ts) into a
 * static output folder, from the HTML pages that are really there: what the build made
 * is what the Worker counts, and nothing else. Run after Astro wrote the output
 * (build/integration.ts); the Worker tests publish a list for their fixtures with
 * `writeCountedPaths` too.
 *
 * @example
 *   await writeCountedPaths("dist") // dist/_canvass/paths.json: {"format": 1, "paths": ["/", "/privacy/", …]}
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { COUNTED_PATHS_PATH, pagePathOf, type CountedPaths } from "../core/stats/paths.ts";

/** The counted pages among these output files (paths relative to the output folder). */
export function countedPaths(files: readonly string[]): CountedPaths {
  const paths = new Set<string>();
  for (const file of files) {
    const path = pagePathOf(file);
    if (path) paths.add(path);
  }
  return { format: 1, paths: [...paths].sort() };
}

/** Writes the list for the pages in `outDir` (or for `files`, when given); returns how many pages it names. */
export async function writeCountedPaths(outDir: string, files?: readonly string[]): Promise<number> {
  const list = countedPaths(files ?? (await readdir(outDir, { recursive: true })));
  const target = join(outDir, COUNTED_PATHS_PATH);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, JSON.stringify(list));
  return list.paths.length;
}
