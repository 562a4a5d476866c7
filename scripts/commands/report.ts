/**
 * `canvass report <survey> [--html file] [--width N]`: a survey's results in the
 * terminal, read from the summary endpoint (GET /api/admin/surveys/<id>/summary) and
 * labelled with the survey's published definition (the public catalog file, core/catalog.ts).
 * The text is core/results/report-text.ts; `--html` also writes core/results/report-html.ts,
 * one self-contained file with the same charts that opens without a network.
 *
 * @example
 *   $ npx canvass report customer-feedback --html feedback.html
 *   How did we do?
 *   120 responses, 2026-12-01 to 2026-12-14
 *   …
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { formatSummaryText } from "../../core/results/report-text.ts";
import { reportHtml } from "../../core/results/report-html.ts";
import { ApiError, apiTarget } from "../lib/api-client.ts";
import { DraftSurvey, fetchPublished, fetchSummary } from "../lib/results-client.ts";
import { readArgs, UsageError, type Command } from "./command.ts";

const USAGE = "canvass report <survey> [--html file] [--width N]";

function readOptions(args: string[]) {
  const { values, positionals } = readArgs(args, { html: { type: "string" }, width: { type: "string" } });
  const [survey, ...extra] = positionals;
  if (!survey || extra.length) throw new UsageError(`expected one survey id: ${USAGE}`);
  const width = values.width === undefined ? (process.stdout.columns ?? 80) : Number(values.width);
  if (!Number.isInteger(width) || width < 40 || width > 1000) throw new UsageError(`--width is a whole number of columns from 40 to 1000, not "${values.width}"`);
  if (values.html === "") throw new UsageError("--html needs a file name");
  return { survey, width, html: values.html };
}

/** The summary and the definition, both or a refusal; the summary's refusal first, as it names an unknown survey best. */
async function results(survey: string) {
  const target = await apiTarget();
  const [summary, published] = await Promise.allSettled([fetchSummary(target, survey), fetchPublished(target, survey)]);
  // A draft's stub says so plainly; whatever the summary endpoint answers for a draft says less.
  if (published.status === "rejected" && published.reason instanceof DraftSurvey) throw published.reason;
  if (summary.status === "rejected") throw summary.reason;
  if (published.status === "rejected") throw published.reason;
  return { summary: summary.value, published: published.value };
}

export const report: Command = {
  name: "report",
  summary: "summarise the responses of a survey (text, or an HTML file)",
  help: [
    `Usage: ${USAGE}`,
    "",
    "Prints each question's answers as bars and figures (means with 95% intervals, NPS, …).",
    "",
    "Options:",
    "  --html <file>  also write the report as one self-contained HTML file with charts",
    "  --width <N>    columns of the text report (default: the terminal's width, or 80)",
    "",
    "Talks to CANVASS_URL (else http://127.0.0.1:$PORT when PORT is set, else port 8787)",
    "with CANVASS_TOKEN (default: the",
    "admin token in .dev.vars).",
  ].join("\n"),
  async run(args, io) {
    const { survey, width, html } = readOptions(args);
    try {
      const { summary, published } = await results(survey);
      io.out(formatSummaryText(published, summary, { width }).trimEnd());
      if (html !== undefined) {
        const path = resolve(io.cwd, html);
        await writeFile(path, reportHtml(published, summary));
        io.err(`wrote the HTML report to ${path}`);
      }
      return 0;
    } catch (e) {
      if (e instanceof ApiError) io.err(`canvass report: ${e.message}`);
      else if ((e as NodeJS.ErrnoException).syscall) io.err(`canvass report: cannot write ${html}: ${(e as Error).message}`);
      else throw e;
      return 1;
    }
  },
};
