/**
 * `canvass check [dir]`: validates every survey file in the folder (default
 * `surveys`) and prints each problem as `file:line: path: message`, the form
 * editors and CI turn into annotations, then a one-line summary.
 *
 * @example
 *   $ canvass check
 *   surveys/feedback.yaml:12: pages[0].questions[1].type: unknown question type "ratin" (did you mean "rating"?); ...
 *   checked 3 surveys, 1 problem
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { formatIssue } from "../../core/parse/index.ts";
import { loadPapers } from "../../build/papers.ts";
import { loadSurveys } from "../../build/surveys.ts";
import { type Command, readArgs, UsageError } from "./command.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const check: Command = {
  name: "check",
  summary: "validate every survey file (exit 1 on any problem)",
  help: `Usage: canvass check [dir]

Validates every *.yaml, *.yml and *.md survey in dir (default: surveys) and
prints each problem as file:line: field: message. Without a dir it also checks
the white papers in papers/. Exits 1 if there is any problem, 0 if all is fine.`,
  async run(args, io) {
    const { positionals } = readArgs(args, {});
    if (positionals.length > 1) throw new UsageError("check takes at most one folder");
    const given = positionals[0] ?? "surveys";
    const { files, issues: surveyIssues } = await loadSurveys(resolve(io.cwd, given));
    const papersDir = resolve(io.cwd, "papers");
    const papers = positionals.length === 0 && existsSync(papersDir) ? await loadPapers(papersDir) : { papers: [], issues: [] };
    const issues = [...surveyIssues, ...papers.issues];
    // Show paths the way the user named the folder, so file:line is clickable where they are.
    const shown = issues.map((i) => (isAbsolute(given) ? i : { ...i, file: relative(io.cwd, i.file) || i.file }));
    for (const issue of shown) io.out(formatIssue(issue));
    const paperCount = papers.papers.length ? `, ${plural(papers.papers.length, "paper")}` : "";
    io.out(`checked ${plural(files.length, "survey")}${paperCount}, ${plural(issues.length, "problem")}`);
    return issues.length ? 1 : 0;
  },
};
