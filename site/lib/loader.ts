/**
 * The content-layer loader behind the `surveys` collection (see site/content.config.ts).
 * It takes the surveys the build already loaded and checked (build/content.ts), so
 * `npm run build` parses each file once; `astro dev` re-reads the content on every change
 * to a survey or a paper.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { formatIssue, surveyIdFromFileName, type SourceIssue } from "../../core/parse/index.ts";
import { forgetContent, loadContent } from "../../build/content.ts";

class SurveyIssuesError extends Error {
  constructor(issues: SourceIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in the survey files:\n${issues.map(formatIssue).join("\n")}`);
    this.name = "SurveyIssuesError";
    // The issues say everything; a stack trace into the loader would only bury them.
    this.stack = "";
  }
}

/** A path relative to the project when it is inside it, as authors and CI annotations expect. */
function shortPath(root: string, file: string): string {
  const rel = relative(root, resolve(root, file));
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

export function surveysLoader(): Loader {
  return {
    name: "canvass-surveys",
    async load(ctx: LoaderContext) {
      const root = fileURLToPath(ctx.config.root);
      const sync = async () => {
        const { surveys } = await loadContent();
        const { published, issues, files } = surveys;
        const located = issues.map((i) => ({ ...i, file: shortPath(root, i.file) }));
        // No watcher means `astro build`: a broken survey must never be deployed.
        if (located.length && !ctx.watcher) throw new SurveyIssuesError(located);
        if (located.length) ctx.logger.error(new SurveyIssuesError(located).message);
        // In `astro dev` a file being edited keeps its last good version until it is fixed;
        // a deleted file's survey goes.
        const present = new Set(files.map(surveyIdFromFileName));
        for (const id of ctx.store.keys()) if (!present.has(id)) ctx.store.delete(id);
        for (const survey of published) ctx.store.set({ id: survey.id, data: survey, digest: survey.hash });
      };
      await sync();
      if (!ctx.watcher) return;
      // The papers are watched too: their pages read the same memo (site/lib/papers.ts).
      const { dirs } = await loadContent();
      ctx.watcher.add([dirs.surveys, dirs.papers]);
      const inside = (dir: string, path: string) => !relative(dir, path).startsWith("..");
      const onChange = (path: string) => {
        if (!inside(dirs.surveys, path) && !inside(dirs.papers, path)) return;
        forgetContent();
        sync().then(
          () => ctx.logger.info(`content reloaded after a change to ${shortPath(root, path)}`),
          (e: unknown) => ctx.logger.error(String(e)),
        );
      };
      for (const event of ["change", "add", "unlink"] as const) ctx.watcher.on(event, onChange);
    },
  };
}
