/**
 * One collection, `surveys`, filled with the surveys the build loaded (build/content.ts,
 * from `surveys/` or `CANVASS_SURVEYS_DIR`), so the site shows exactly what `canvass check`
 * accepts. Each entry is a published survey (core/compile.ts), keyed by its id.
 *
 * `astro build` stops on the first broken survey file, listing every issue as
 * `file:line: path: message`; `astro dev` logs them and keeps serving the last good
 * version, reloading whenever a file in the folder changes.
 */
import { defineCollection } from "astro:content";
import { surveysLoader } from "./lib/loader.ts";

export const collections = {
  surveys: defineCollection({ loader: surveysLoader() }),
};
