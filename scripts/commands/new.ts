/**
 * `canvass new <id> [--markdown]`: writes a commented starter survey to
 * `surveys/<id>.yaml` (or `.md`) that passes `canvass check` as it is.
 *
 * @example
 *   $ canvass new spring-event --markdown
 *   created surveys/spring-event.md
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { SurveyId } from "../../core/model.ts";
import { SURVEY_EXTENSIONS } from "../../core/parse/index.ts";
import { type Command, readArgs, UsageError } from "./command.ts";
import { starterMarkdown, starterYaml } from "./starter.ts";

/** What an invalid id probably meant: `Spring Event 2026` → `spring-event-2026`. */
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");

export const newSurvey: Command = {
  name: "new",
  summary: "start a survey file from a commented example",
  help: `Usage: canvass new <id> [--markdown] [--dir <dir>]

Writes <dir>/<id>.yaml (default dir: surveys), or <id>.md with --markdown: a
commented starter survey with status draft that passes canvass check. The id is
the survey's address (/s/<id>/): lowercase letters, digits and single dashes.
Refuses to overwrite, or to reuse an id another file already has.`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, { markdown: { type: "boolean" }, dir: { type: "string" } });
    if (positionals.length !== 1) throw new UsageError("new takes exactly one survey id, like: canvass new customer-feedback");
    const id = positionals[0]!;
    if (!SurveyId.safeParse(id).success) {
      const hint = slug(id) ? `; try "${slug(id)}"` : "";
      io.err(`"${id}" is not a valid survey id: use lowercase letters, digits and single dashes${hint}`);
      return 1;
    }
    const dir = resolve(io.cwd, values.dir ?? "surveys");
    const shown = (file: string) => relative(io.cwd, file) || file;
    const taken = Object.keys(SURVEY_EXTENSIONS).map((ext) => join(dir, id + ext)).find((file) => existsSync(file));
    if (taken) {
      io.err(`${shown(taken)} already exists: the survey id "${id}" is taken; choose another id or edit that file`);
      return 1;
    }
    const file = join(dir, id + (values.markdown ? ".md" : ".yaml"));
    await mkdir(dir, { recursive: true });
    // "wx": never overwrite, even if the file appeared since the check above.
    await writeFile(file, values.markdown ? starterMarkdown(id) : starterYaml(id), { flag: "wx" });
    io.out(`created ${shown(file)} (status: draft); edit it, then run: npx canvass check`);
    return 0;
  },
};
