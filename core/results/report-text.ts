/**
 * The plain-text report `canvass report <id>` prints: the survey's title, how many
 * responded and when, then each question with who was asked and answered, a bar per
 * choice drawn with Unicode block characters (eighths of a cell, so small differences
 * show), and its figures (mean and interval, NPS, date range…). Fits `width` columns.
 *
 * @example
 *   console.log(formatSummaryText(published, summary, { width: process.stdout.columns }));
 *   // 2. What mattered most?  (single)
 *   //    asked 120 · answered 120 · skipped 0 · not shown 80
 *   //    Price     ███████████████▍                                   40   33%
 *   //    Delivery                                                      0    0%
 */
import type { PublishedSurvey } from "../compile.ts";
import { allComputed, allQuestions } from "../survey.ts";
import type { Bar } from "./charts.ts";
import { percent, responseDays, truncate } from "./charts.ts";
import { plainLabel } from "../piping.ts";
import { countBars, decimal, endingsLine, figuresLine, headline, matrixRows, reachLine } from "./present.ts";
import type { SurveySummary } from "./types.ts";

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const SPARKS = "▁▂▃▄▅▆▇█";
const INDENT = "   ";

/** A bar `cells` wide at most, filled to `share` (0..1) in eighths of a cell. */
export function unicodeBar(share: number, cells: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, share)) * cells * 8);
  const full = "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
  return full + " ".repeat(cells - Array.from(full).length);
}

const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - Array.from(s).length));

function barLines(bars: readonly Bar[], base: number, width: number, indent: string): string[] {
  // A line is indent, label, two spaces, the bar and 13 columns of figures; the bar keeps at least 10 cells.
  const longest = Math.max(1, ...bars.map((b) => Array.from(b.label).length));
  const labelWidth = Math.max(1, Math.min(longest, Math.floor(width * 0.35), width - indent.length - 25));
  const cells = width - indent.length - labelWidth - 15;
  return bars.map((b) => {
    const figures = `${decimal(b.count).padStart(7)} ${`${percent(b.count, base)}%`.padStart(5)}`;
    return `${indent}${pad(truncate(b.label, labelWidth), labelWidth)}  ${unicodeBar(base > 0 ? b.count / base : 0, cells)}${figures}`;
  });
}

/** Breaks a text at spaces into lines of at most `width` columns, each starting with `indent`. */
export function wrap(text: string, width: number, first: string, indent = first): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(" ")) {
    const fits = Array.from(line).length + Array.from(word).length + 1 <= width;
    if (line.trim() === "" || fits) line += (line.trim() === "" ? "" : " ") + word;
    else {
      lines.push(line);
      line = indent + word;
    }
  }
  lines.push(line);
  return lines.map((l) => truncate(l, width));
}

/** Responses per day as one line of spark characters (the last days that fit). */
function sparkline(summary: SurveySummary, width: number): string | undefined {
  if (!summary.first || !summary.last) return undefined;
  const days = responseDays(summary.first, summary.last).slice(-(width - 9));
  const counts = days.map((d) => (Object.hasOwn(summary.over_time, d) ? summary.over_time[d]! : 0));
  const max = Math.max(1, ...counts);
  return `per day: ${counts.map((n) => (n === 0 ? " " : SPARKS[Math.min(7, Math.floor(((n / max) * 8) - 1e-9))])).join("")}`;
}

/** The report as lines of plain text, `width` columns wide (default 80). */
export function formatSummaryText(published: Pick<PublishedSurvey, "survey">, summary: SurveySummary, options: { width?: number } = {}): string {
  const width = Math.max(40, options.width ?? 80);
  const lines = [...wrap(plainLabel(published.survey.title), width, ""), ...wrap(headline(summary), width, "")];
  const spark = sparkline(summary, width);
  if (spark) lines.push(spark);
  const endings = endingsLine(summary);
  if (endings) lines.push(...wrap(endings, width, ""));
  allQuestions(published.survey).forEach((q, i) => {
    const s = summary.questions[q.id];
    if (!s) return;
    lines.push("", ...wrap(`${i + 1}. ${plainLabel(q.label)}  (${q.type})`, width, "", INDENT), ...wrap(reachLine(s, summary.responses), width, INDENT));
    const counted = countBars(q, s);
    if (counted) lines.push(...barLines(counted.bars, counted.base, width, INDENT));
    for (const row of matrixRows(q, s)) lines.push(INDENT + row.row, ...barLines(row.bars, row.base, width, INDENT + "  "));
    const figures = figuresLine(s);
    if (figures) lines.push(...wrap(figures, width, INDENT));
  });
  // Computed values (type: computed) after the questions: their figures, no bars.
  for (const c of allComputed(published.survey)) {
    const s = summary.questions[c.id];
    if (!s) continue;
    lines.push("", ...wrap(`${plainLabel(c.label ?? c.id)}  (computed)`, width, "", INDENT), ...wrap(reachLine(s, summary.responses), width, INDENT));
    const figures = figuresLine(s);
    if (figures) lines.push(...wrap(figures, width, INDENT));
  }
  return lines.join("\n") + "\n";
}
