/**
 * `canvass check [dir] [--against <git-ref>]`: validates every survey file in the folder
 * (default `surveys`) and prints each problem as `file:line: path: message`, the form
 * editors and CI turn into annotations, then a one-line summary.
 *
 * With `--against`, each survey that was open or closed at the ref (read with git, parsed
 * by the same core/parse) is compared with the working tree by core/compat.ts, and a change
 * that would corrupt the answers it has collected fails the check, unless the survey lists
 * the question in `breaking_changes_accepted` (then it is printed as accepted).
 *
 * @example
 *   $ canvass check
 *   surveys/feedback.yaml:12: pages[0].questions[1].type: unknown question type "ratin" (did you mean "rating"?); ...
 *   checked 3 surveys, 1 problem
 *   $ canvass check --against origin/main
 *   surveys/feedback.yaml:14: questions[1].choices: choice "Price" of "reason" was removed; ... To fix: keep the choice ...
 *   checked 3 surveys, 0 problems
 *   compared 2 surveys with origin/main: 1 breaking change
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { formatIssue } from "../../core/parse/index.ts";
import { loadPapers } from "../../build/papers.ts";
import { loadSurveys } from "../../build/surveys.ts";
import { compareAgainst } from "./check-against.ts";
import { type Command, readArgs, UsageError } from "./command.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const check: Command = {
  name: "check",
  summary: "validate every survey file (exit 1 on any problem)",
  help: `Usage: canvass check [dir] [--against <git-ref>]

Validates every *.yaml, *.yml and *.md survey in dir (default: surveys) and
prints each problem as file:line: field: message. Without a dir it also checks
the white papers in papers/. Exits 1 if there is any problem, 0 if all is fine.

  --against <ref>  also compare each survey that was open or closed at the git ref
                   (e.g. origin/main) and fail on a change that would corrupt the
                   answers it collected: a question removed, renamed or retyped, a
                   choice value changed or removed, a matrix row or column removed.
                   A reviewed change passes when the survey lists the question id in
                   breaking_changes_accepted: [id, ...].`,
  async run(args, io) {
    const { positionals, values } = readArgs(args, { against: { type: "string" } });
    if (positionals.length > 1) throw new UsageError("check takes at most one folder");
    const given = positionals[0] ?? "surveys";
    const { files, issues: surveyIssues, published } = await loadSurveys(resolve(io.cwd, given));
    const papersDir = resolve(io.cwd, "papers");
    const papers = positionals.length === 0 && existsSync(papersDir) ? await loadPapers(papersDir) : { papers: [], issues: [] };
    const issues = [...surveyIssues, ...papers.issues];
    // Show paths the way the user named the folder, so file:line is clickable where they are.
    const shown = issues.map((i) => (isAbsolute(given) ? i : { ...i, file: relative(io.cwd, i.file) || i.file }));
    for (const issue of shown) io.out(formatIssue(issue));
    const paperCount = papers.papers.length ? `, ${plural(papers.papers.length, "paper")}` : "";
    io.out(`checked ${plural(files.length, "survey")}${paperCount}, ${plural(issues.length, "problem")}`);
    if (values.against === undefined) return issues.length ? 1 : 0;
    const breaking = await compareAgainst(values.against, resolve(io.cwd, given), { published, files }, io, (file) =>
      isAbsolute(given) ? file : relative(io.cwd, file) || file,
    );
    return issues.length || breaking !== 0 ? 1 : 0;
  },
};
