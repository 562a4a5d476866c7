/** `canvass build` / `npm run build`: the whole site into dist/ (see build/site.ts). */
import { resolve } from "node:path";
import { buildSite } from "../../build/site.ts";
import { type Command, readArgs, UsageError } from "./command.ts";

export const build: Command = {
  name: "build",
  summary: "check the surveys and build the static site into dist/",
  help:
    "Usage: canvass build [--out-dir dir]\n\nChecks every survey and paper (stopping on any problem with file, line and field),\n" +
    "builds the static site with Astro into dist/, and publishes each survey's definition\nfor the Worker. The same as npm run build. " +
    "CANVASS_SURVEYS_DIR and CANVASS_PAPERS_DIR\nread the content from other folders.\n\n" +
    "  --out-dir dir   build into dir instead of dist/ (the Worker serves dist/)",
  run(args, io) {
    const { values, positionals } = readArgs(args, { "out-dir": { type: "string" } });
    if (positionals.length) throw new UsageError(`build takes no arguments (got ${positionals[0]})`);
    const outDir = values["out-dir"];
    return buildSite(outDir === undefined ? {} : { outDir: resolve(io.cwd, outDir) });
  },
};
