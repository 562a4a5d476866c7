/**
 * The HTML report `canvass report --html file` writes: one self-contained document
 * (inline CSS and inline SVG charts, no script, no font, no image, no link to load),
 * so it can be mailed to a client or opened offline and never calls anywhere. It
 * follows the reader's light or dark mode (`color-scheme`, charts in `currentColor`)
 * and reads on a phone. Every text from the survey or the answers is escaped.
 *
 * @example
 *   await writeFile("report.html", reportHtml(published, summary));
 */
import type { PublishedSurvey } from "../compile.ts";
import type { Question } from "../model.ts";
import { allComputed, allQuestions } from "../survey.ts";
import { escapeHtml } from "../piping.ts";
import { barChart, CHART_CSS, npsGauge, overTimeChart } from "./charts.ts";
import { plainLabel } from "../piping.ts";
import { countBars, decimal, endingsLine, figuresLine, headline, matrixRows, reachLine } from "./present.ts";
import type { QuestionSummary, SurveySummary } from "./types.ts";

const CSS = `
:root { color-scheme: light dark; }
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 46rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
section { border-top: 1px solid color-mix(in srgb, currentColor 20%, transparent); padding: 1rem 0; }
.meta { margin: 0 0 .5rem; opacity: .75; font-size: .9rem; }
.figures { margin: .5rem 0 0; }
table { border-collapse: collapse; font-size: .9rem; width: 100%; }
th, td { padding: .25rem .5rem; text-align: right; border-bottom: 1px solid color-mix(in srgb, currentColor 15%, transparent); }
th:first-child { text-align: left; }
svg { display: block; }
`;

const h = escapeHtml;

/** A matrix as a table: a row per matrix row, a column per answer option, counts in the cells. */
function matrixTable(q: Question, s: QuestionSummary): string {
  const rows = matrixRows(q, s);
  if (rows.length === 0) return "";
  const head = rows[0]!.bars.map((b) => `<th scope="col">${h(b.label)}</th>`).join("");
  const body = rows.map((r) => `<tr><th scope="row">${h(r.row)}</th>${r.bars.map((b) => `<td>${decimal(b.count)}</td>`).join("")}</tr>`).join("");
  return `<table><thead><tr><td></td>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function questionChart(q: Question, s: QuestionSummary, label: string): string {
  if (s.type === "nps") return npsGauge(label, s);
  if (s.type === "matrix") return matrixTable(q, s);
  const counted = countBars(q, s);
  return counted ? barChart(label, counted.bars, counted.base) : "";
}

function questionSection(q: Question, index: number, s: QuestionSummary, responses: number): string {
  const label = plainLabel(q.label);
  const figures = figuresLine(s);
  return `<section id="q-${h(q.id)}">
<h2>${index + 1}. ${h(label)}</h2>
<p class="meta">${h(q.type)} · ${h(reachLine(s, responses))}</p>
${questionChart(q, s, label)}
${figures ? `<p class="figures">${h(figures)}</p>` : ""}
</section>`;
}

/** The whole report as one HTML document. */
export function reportHtml(published: Pick<PublishedSurvey, "survey">, summary: SurveySummary): string {
  const survey = published.survey;
  const title = plainLabel(survey.title);
  const endings = endingsLine(summary);
  const sections = allQuestions(survey).flatMap((q, i) => {
    const s = summary.questions[q.id];
    return s ? [questionSection(q, i, s, summary.responses)] : [];
  });
  // Computed values (type: computed) after the questions: their figures, no chart.
  for (const c of allComputed(survey)) {
    const s = summary.questions[c.id];
    if (s) sections.push(`<section id="q-${h(c.id)}">
<h2>${h(plainLabel(c.label ?? c.id))}</h2>
<p class="meta">computed · ${h(reachLine(s, summary.responses))}</p>
<p class="figures">${h(figuresLine(s) ?? "")}</p>
</section>`);
  }
  return `<!doctype html>
<html lang="${h(survey.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Results: ${h(title)}</title>
<style>${CSS}${CHART_CSS}</style>
</head>
<body>
<main>
<h1>${h(title)}</h1>
<p class="meta">${h(headline(summary))}</p>
${endings ? `<p class="meta" id="endings">${h(endings)}</p>\n` : ""}<section>
<h2>Responses per day</h2>
${overTimeChart("Responses per day", summary.over_time)}
</section>
${sections.join("\n")}
</main>
</body>
</html>
`;
}
