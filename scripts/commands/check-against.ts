/**
 * The `--against <git-ref>` half of `canvass check`: reads each survey file of the folder
 * as it was at the ref, and for each one that was open or closed there (it may have
 * collected answers) compares it with the working tree's version through core/compat.ts.
 * Surveys that are new, or were drafts at the ref, are not compared.
 *
 * Each finding is placed on the line of the working-tree file where the question now is
 * (a removed question: where the question list starts), as `file:line: path: message`.
 *
 * @example
 *   const failing = await compareAgainst("origin/main", "/repo/surveys", loaded, io, (f) => relative(cwd, f));
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PublishedSurvey } from "../../core/compile.ts";
import { type BreakingChange, collectsAnswers, compareSurveys, type DefinitionPath } from "../../core/compat.ts";
import { formatIssue, formatPath, parseSurvey, SURVEY_EXTENSIONS, surveyIdFromFileName, type SourceDocument } from "../../core/parse/index.ts";
import { fileAt, filesAt, GitError, resolveCommit } from "../lib/git.ts";
import type { Io } from "./command.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The field of the question each kind of change is about, so the line points at it. */
const FIELD: Record<BreakingChange["kind"], string | undefined> = {
  "question-removed": undefined,
  "question-renamed": "id",
  "type-changed": "type",
  "choice-changed": "choices",
  "choice-removed": "choices",
  "row-removed": "rows",
  "column-removed": "columns",
  "scale-reduced": "scale",
  "expression-changed": "expression",
};

const isSurveyFile = (name: string) => !name.startsWith(".") && Object.keys(SURVEY_EXTENSIONS).some((ext) => name.toLowerCase().endsWith(ext));

/** Places normalised definition paths in the file as its author wrote it. */
async function locator(file: string): Promise<(path: DefinitionPath | undefined) => { line?: number; path: string }> {
  const read = SURVEY_EXTENSIONS[file.slice(file.lastIndexOf(".")).toLowerCase()]!;
  const doc: SourceDocument = read(await readFile(file, "utf8"));
  const data = doc.data;
  // A one-page file wrote `questions:`, not `pages[0].questions` (as core/parse/index.ts reports it).
  const onePage = typeof data === "object" && data !== null && "questions" in data && !("pages" in data);
  return (path) => {
    const written = !path ? [onePage ? "questions" : "pages"] : onePage && path[0] === "pages" && path[1] === 0 ? path.slice(2) : path;
    return { line: doc.lineOf(written), path: formatPath(written) };
  };
}

type Tally = { compared: number; failing: number; accepted: number };

async function compareOne(before: PublishedSurvey, file: string, now: PublishedSurvey, io: Io, show: (file: string) => string, tally: Tally) {
  const { changes, notes } = compareSurveys(before.survey, now.survey);
  tally.compared++;
  if (!changes.length && !notes.length) return;
  const place = await locator(file);
  for (const change of changes) {
    const field = FIELD[change.kind];
    const where = place(change.path && field ? [...change.path, field] : change.path);
    const message = change.accepted
      ? `accepted (breaking_changes_accepted): ${change.message}`
      : `${change.message}. To fix: ${change.fix}`;
    io.out(formatIssue({ file: show(file), ...where, message }));
    if (change.accepted) tally.accepted++;
    else tally.failing++;
  }
  for (const note of notes) io.out(formatIssue({ file: show(file), ...place(note.path), message: `note: ${note.message}` }));
}

/**
 * Compares the surveys `dir` holds now (`loaded`, from build/surveys.ts) with those it
 * held at `ref`. Prints every finding and a summary; returns how many breaking changes
 * are not accepted (or 1 when the ref cannot be read, after saying why).
 */
export async function compareAgainst(
  ref: string,
  dir: string,
  loaded: { published: PublishedSurvey[]; files: string[] },
  io: Io,
  show: (file: string) => string,
): Promise<number> {
  const tally: Tally = { compared: 0, failing: 0, accepted: 0 };
  try {
    const commit = await resolveCommit(ref, dir);
    const names = (await filesAt(commit, dir)).filter(isSurveyFile);
    const nowById = new Map(loaded.published.map((p) => [p.id, p]));
    const fileById = new Map(loaded.files.map((f) => [surveyIdFromFileName(f), f]));
    for (const name of names) {
      const then = await parseSurvey(name, await fileAt(commit, name, dir));
      // A file that was broken at the ref was never published, so it has no answers to protect.
      if (!then.ok || !collectsAnswers(then.published.survey)) continue;
      const id = then.published.id;
      const now = nowById.get(id);
      const file = fileById.get(id);
      if (now && file) await compareOne(then.published, file, now, io, show, tally);
      else if (!file)
        io.out(
          `${show(join(dir, name))}: note: "${id}" was ${then.published.survey.status} at ${ref} and is gone; its stored answers stay in the database, but the admin pages and the export no longer show them (keep the file with status: closed to keep them readable)`,
        );
      // A file that is there but broken was reported above; it is compared once it passes.
    }
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    io.err(`canvass check --against: ${e.message}`);
    return 1;
  }
  const accepted = tally.accepted ? `, ${tally.accepted} accepted` : "";
  io.out(`compared ${plural(tally.compared, "survey")} with ${ref}: ${plural(tally.failing, "breaking change")}${accepted}`);
  return tally.failing;
}
