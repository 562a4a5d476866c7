/**
 * `canvass build` / `npm run build`: checks every survey (stopping on the first broken
 * one with file, line and field), builds the static site with Astro into dist/, and
 * publishes each survey's definition beside the pages for the Worker.
 */
import { pathToFileURL } from "node:url";
import { writeCatalog } from "./lib/catalog.ts";
import { ROOT, run } from "./lib/stack.ts";
import { loadSurveys } from "./lib/surveys.ts";
import { formatIssue } from "../core/parse/index.ts";

export async function build(opts: { quiet?: boolean } = {}): Promise<number> {
  const log = (s: string) => { if (!opts.quiet) console.log(s); };
  const { published, issues } = await loadSurveys(`${ROOT}/surveys`);
  if (issues.length) {
    for (const issue of issues) console.error(formatIssue(issue));
    console.error(`build stopped: ${issues.length} problem${issues.length > 1 ? "s" : ""} in the surveys above`);
    return 1;
  }
  log(`[1/2] ${published.length} surveys checked; building the site with Astro…`);
  await run("astro", ["build", "--silent"], { quiet: opts.quiet });
  const files = await writeCatalog(published, `${ROOT}/dist`);
  log(`[2/2] published ${files.length} survey definitions to dist/_canvass/surveys/`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await build();
