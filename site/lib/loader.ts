/** The content-layer loader behind the `surveys` collection (see site/content.config.ts). */
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { formatIssue, type SourceIssue } from "../../core/parse/source.ts";
import { loadSurveys } from "./surveys-stub.ts";

export class SurveyIssuesError extends Error {
  constructor(issues: SourceIssue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in survey files:\n${issues.map(formatIssue).join("\n")}`);
    this.name = "SurveyIssuesError";
  }
}

export function surveysLoader(dir: string): Loader {
  return {
    name: "canvass-surveys",
    async load(ctx: LoaderContext) {
      const root = fileURLToPath(ctx.config.root);
      const abs = isAbsolute(dir) ? dir : resolve(root, dir);
      const sync = async () => {
        const { published, issues } = await loadSurveys(abs);
        if (issues.length) {
          // No watcher means `astro build`: a broken survey must never be deployed.
          if (!ctx.watcher) throw new SurveyIssuesError(issues.map((i) => ({ ...i, file: relative(root, resolve(root, i.file)) })));
          ctx.logger.error(new SurveyIssuesError(issues).message);
          return;
        }
        ctx.store.clear();
        for (const survey of published) ctx.store.set({ id: survey.id, data: survey, digest: survey.hash });
      };
      await sync();
      if (!ctx.watcher) return;
      ctx.watcher.add(abs);
      const onChange = (path: string) => {
        if (!path.startsWith(abs)) return;
        sync().then(() => ctx.logger.info(`reloaded surveys after a change to ${relative(root, path)}`), (e: unknown) => ctx.logger.error(String(e)));
      };
      ctx.watcher.on("change", onChange);
      ctx.watcher.on("add", onChange);
      ctx.watcher.on("unlink", onChange);
    },
  };
}
