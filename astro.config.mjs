// @ts-check
/**
 * The respondents' site: static pages from the survey files in `surveys/`, built into
 * `dist/` where the Worker serves them (wrangler.toml `[assets]`). URLs end in a slash
 * (`/s/<id>/`, the addresses README.md documents), so each page is `<path>/index.html`.
 *
 * The page scripts bundle core/ modules for skip logic and validation; those modules
 * import no zod (schemas live in their own modules, like core/model.ts), so no build
 * step has to keep zod out of the respondents' pages.
 */
import { defineConfig } from "astro/config";
import { canvass } from "./build/integration.ts";

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
    // Pages are rendered 16 at a time instead of one after another: a page's render costs
    // about half a millisecond of CPU, and one at a time the build mostly waited on writing each
    // file (a 1,000-survey build, scripts/bench/build-many.bench.ts: 8.6 s one at a time,
    // 7.8 s at 16, in the same run; no more memory).
    concurrency: 16,
  },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Checks the content once, publishes the survey catalog, guards the gated papers.
  integrations: [canvass()],
  vite: {
    // The survey page, its thank-you page and the admin pages share small modules (the
    // "Other" constants, core/survey.ts, the piping, site/scripts/pipes.ts, and what the survey
    // script shares with its optional parts: their registry, site/scripts/survey/parts.ts, the
    // page's words, survey/strings.ts, and core/i18n/format.ts). Left to the
    // automatic splitting, each becomes its own chunk: one more request and some 60 bytes more
    // for respondents on slow phones (npm run bench -- page-weight). One chunk holds them.
    build: {
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [{ name: "shared", test: /(core[\\/]survey|core[\\/]i18n[\\/]format|site[\\/]scripts[\\/](pipes|survey[\\/](parts|strings)))\.ts$/, priority: 1 }],
          },
        },
      },
    },
  },
});
