// @ts-check
/**
 * The respondents' site: static pages from the survey files in `surveys/`, built into
 * `dist/` where the Worker serves them (wrangler.toml `[assets]`). URLs end in a slash
 * (`/s/<id>/`, as README.md lists them), so each page is `<path>/index.html`.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import { canvass } from "./build/integration.ts";
import { stripSchemasPlugin } from "./site/lib/strip-schemas.ts";

export default defineConfig({
  srcDir: "./site",
  publicDir: "./site/public",
  outDir: "./dist",
  output: "static",
  trailingSlash: "always",
  build: {
    format: "directory",
    // The stylesheet is a couple of kilobytes: inline it and save respondents on slow
    // phone connections a round trip before the first paint.
    inlineStylesheets: "always",
  },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Checks the content once, publishes the survey catalog, guards the gated papers.
  integrations: [canvass()],
  vite: {
    // The page script uses core/ for skip logic and validation but must not carry zod:
    // see site/lib/strip-schemas.ts.
    plugins: [stripSchemasPlugin(fileURLToPath(new URL("./core/", import.meta.url)))],
  },
});
