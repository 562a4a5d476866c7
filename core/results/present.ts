/**
 * What both reports (core/results/report-text.ts and report-html.ts) say about a
 * question, in words and bars, so the terminal and the HTML report never disagree:
 * labels with placeholders resolved to their fallbacks, choice values shown by their
 * labels, and the one-line figures under each question.
 *
 * @example
 *   countBars(question, summary.questions[question.id]!) // { bars: [{ label: "Price", count: 3 }, …], base: 4 }
 */
import type { Choice, Question } from "../model.ts";
import { OTHER_VALUE } from "../survey.ts";
import { plainLabel } from "../piping.ts";
import { percent, type Bar } from "./charts.ts";
import type { NumericStats, QuestionSummary, SurveySummary } from "./types.ts";

/** Numbers as people read them: thousands separated, at most two decimals. */
export const decimal = new Intl.NumberFormat("en", { maximumFractionDigits: 2 }).format;

/** Bars in the order of `choices`, then any counted value the definition no longer has, by its value. */
function barsByLabel(counts: Readonly<Record<string, number>>, choices: readonly Choice[]): Bar[] {
  const labels = new Map(choices.map((c) => [c.value, plainLabel(c.label)]));
  const ordered = [...labels.keys(), ...Object.keys(counts).filter((k) => !labels.has(k))];
  return ordered.map((value) => ({ label: labels.get(value) ?? value, count: counts[value] ?? 0 }));
}

/** A question's counts as bars over the respondents who answered it (NPS: its three groups), for the types that have counts. */
export function countBars(q: Question, s: QuestionSummary): { bars: Bar[]; base: number } | undefined {
  if (s.type === "nps") {
    const groups = [["Detractors (0–6)", s.detractors], ["Passives (7–8)", s.passives], ["Promoters (9–10)", s.promoters]] as const;
    return { bars: groups.map(([label, count]) => ({ label, count })), base: s.answered };
  }
  if (!("counts" in s) || s.type === "matrix" || s.type === "date") return undefined;
  const counts = s.counts as Record<string, number>;
  let choices: Choice[] = [];
  if (q.type === "single" || q.type === "dropdown" || q.type === "multiple") {
    choices = [...q.choices, ...(q.other ? [{ value: OTHER_VALUE, label: "Other" }] : [])];
  } else if (q.type === "yesno") {
    choices = [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }];
  } else if (q.type === "rating") {
    choices = Object.keys(counts).map((v) => ({ value: v, label: v === "1" && q.low_label ? `1 ${q.low_label}` : v === String(q.scale) && q.high_label ? `${v} ${q.high_label}` : v }));
  } else {
    choices = Object.keys(counts).map((v) => ({ value: v, label: v }));
  }
  return { bars: barsByLabel(counts, choices), base: s.answered };
}

/** A matrix's rows, each with its bars over the answers given for that row. */
export function matrixRows(q: Question, s: QuestionSummary): { row: string; bars: Bar[]; base: number }[] {
  if (q.type !== "matrix" || s.type !== "matrix") return [];
  const rowLabels = new Map(q.rows.map((r) => [r.value, plainLabel(r.label)]));
  return Object.entries(s.counts).map(([row, counts]) => {
    const bars = barsByLabel(counts, q.columns);
    return { row: rowLabels.get(row) ?? row, bars, base: bars.reduce((n, b) => n + b.count, 0) };
  });
}

/** "asked 4 · answered 2 · skipped 2 · not shown 1"; for a computed value, "computed for 3 of 4 responses". */
export function reachLine(s: QuestionSummary, responses: number): string {
  if (s.type === "computed") return `computed for ${decimal(s.answered)} of ${decimal(responses)} responses`;
  const parts = [`asked ${decimal(s.asked)}`, `answered ${decimal(s.answered)}`, `skipped ${decimal(s.asked - s.answered)}`];
  if (responses > s.asked) parts.push(`not shown ${decimal(responses - s.asked)}`);
  return parts.join(" · ");
}

function statsLine(s: NumericStats): string {
  if (s.mean === null) return "no answers yet";
  const interval = s.ci95 ? ` (95% CI ${decimal(s.ci95[0])} to ${decimal(s.ci95[1])})` : " (too few answers for an interval)";
  return `mean ${decimal(s.mean)}${interval}, min ${decimal(s.min!)}, max ${decimal(s.max!)}`;
}

/** The figures that are not bars: mean and interval, NPS, date range, consents, texts. */
export function figuresLine(s: QuestionSummary): string | undefined {
  switch (s.type) {
    case "rating": case "number": case "slider": case "computed": return statsLine(s);
    case "ranking": return `average position (1 is first): ${Object.entries(s.mean_position).map(([v, p]) => `${v} ${p === null ? "–" : decimal(p)}`).join(" · ")}`;
    case "nps": return s.score === null ? "NPS: no answers yet" : `NPS ${s.score} · promoters ${decimal(s.promoters)} · passives ${decimal(s.passives)} · detractors ${decimal(s.detractors)}`;
    case "date": return s.earliest === null ? "no answers yet" : `earliest ${s.earliest}, latest ${s.latest}`;
    case "consent": return `consented ${decimal(s.consented)}`;
    case "text": case "textarea": case "email": return `${decimal(s.answered)} written answers (listed separately)`;
    default: return undefined;
  }
}

/**
 * "Endings: promoters 12 (40%), passives 9 (30%), ending:0 9 (30%)": the end screens shown, each
 * with its share of the responses that recorded one; undefined for a survey without endings.
 */
export function endingsLine(summary: SurveySummary): string | undefined {
  if (!summary.endings) return undefined;
  const counts = Object.entries(summary.endings);
  const base = counts.reduce((n, [, count]) => n + count, 0);
  if (base === 0) return "Endings: none recorded yet";
  return `Endings: ${counts.map(([name, count]) => `${name} ${decimal(count)} (${percent(count, base)}%)`).join(", ")}`;
}

/** "4 responses, 2026-12-01 to 2026-12-03". */
export function headline(summary: SurveySummary): string {
  const n = `${decimal(summary.responses)} response${summary.responses === 1 ? "" : "s"}`;
  if (!summary.first) return n;
  return summary.first === summary.last ? `${n} on ${summary.first}` : `${n}, ${summary.first} to ${summary.last}`;
}
