/** `canvass build`: the same as `npm run build` (see scripts/build.ts). */
import { build as buildSite } from "../build.ts";
import type { Command } from "./command.ts";

export const build: Command = {
  name: "build",
  summary: "check the surveys and build the static site into dist/",
  help: "Usage: canvass build\n\nChecks every survey (stopping on the first broken one with file, line and field),\nbuilds the static site with Astro into dist/, and publishes each survey's definition\nfor the Worker. The same as npm run build.",
  run: () => buildSite(),
};
