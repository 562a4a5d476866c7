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
import { isAbsolute, relative, resolve } from "node:path";
import { formatIssue } from "../../core/parse/index.ts";
import { loadSurveys } from "../lib/surveys.ts";
import { type Command, readArgs, UsageError } from "./command.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const check: Command = {
  name: "check",
  summary: "validate every survey file (exit 1 on any problem)",
  help: `Usage: canvass check [dir]

Validates every *.yaml, *.yml and *.md survey in dir (default: surveys) and
prints each problem as file:line: field: message. Exits 1 if there is any
problem, 0 if every survey is fine.`,
  async run(args, io) {
    const { positionals } = readArgs(args, {});
    if (positionals.length > 1) throw new UsageError("check takes at most one folder");
    const given = positionals[0] ?? "surveys";
    const { files, issues } = await loadSurveys(resolve(io.cwd, given));
    // Show paths the way the user named the folder, so file:line is clickable where they are.
    const shown = issues.map((i) => (isAbsolute(given) ? i : { ...i, file: relative(io.cwd, i.file) || i.file }));
    for (const issue of shown) io.out(formatIssue(issue));
    io.out(`checked ${plural(files.length, "survey")}, ${plural(issues.length, "problem")}`);
    return issues.length ? 1 : 0;
  },
};
