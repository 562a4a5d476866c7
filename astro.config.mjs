// @ts-check
/**
 * The respondents' site: static pages from the survey files in `surveys/`, built into
 * `dist/` where the Worker serves them (wrangler.toml `[assets]`). URLs end in a slash
 * (`/s/<id>/`) as in DESIGN.md, so each page is `<path>/index.html`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "astro/config";

/**
 * The page script imports core/ (skip logic, validation), whose modules also build the
 * zod schemas the build and the Worker use. Building a schema has no side effects, but
 * the bundler cannot know that, and keeping one schema keeps all of zod (~30 KB gzip,
 * twice the page's whole budget). So, for the browser bundle only, calls rooted in `z`
 * or in a schema constant declared from one (`IsoDate.optional()`) are declared pure,
 * and unused schemas drop out. `npm run bench:page-weight` fails if this stops working.
 */
function schemaNames(dir) {
  const names = new Set(["z"]);
  const declared = /\bconst\s+([A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=\s*\(?\s*([A-Za-z_$][\w$]*)\s*\./g;
  const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => readFileSync(new URL(f, dir), "utf8"));
  for (let grew = true; grew; ) {
    grew = false;
    for (const src of sources)
      for (const [, name, root] of src.matchAll(declared))
        if (names.has(root) && !names.has(name)) { names.add(name); grew = true; }
  }
  return [...names];
}

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
  vite: {
    plugins: [
      {
        name: "canvass:pure-schemas",
        configEnvironment(name) {
          if (name !== "client") return;
          return {
            build: {
              rolldownOptions: {
                treeshake: {
                  manualPureFunctions: schemaNames(new URL("./core/", import.meta.url)),
                  // Spreading a plain object of schemas (`{ ...QuestionBase }`) reads no getters.
                  propertyReadSideEffects: false,
                },
              },
            },
          };
        },
      },
    ],
  },
});
