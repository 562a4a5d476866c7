import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { PublishedSurvey } from "../compile.ts";
import { allQuestions } from "../survey.ts";
import { parseSurvey } from "../parse/index.ts";
import { reportHtml } from "./report-html.ts";
import { formatSummaryText, unicodeBar } from "./report-text.ts";
import { summarise } from "./summary.ts";
import type { StoredResponse, SurveySummary } from "./types.ts";

const FIXTURE = new URL("../../test/fixtures/surveys/all-types.yaml", import.meta.url);
let published: PublishedSurvey;
let summary: SurveySummary;

const response = (id: string, day: string, answers: Record<string, unknown>): StoredResponse => ({ id, submitted_at: `${day}T08:00:00Z`, answers });

beforeAll(async () => {
  const parsed = await parseSurvey("all-types.yaml", readFileSync(FIXTURE, "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  published = parsed.published;
  summary = summarise(published, [
    response("a", "2026-12-01", { satisfaction: 5, tools: ["App"], plan: "pro", age: 30, recommend: 10, grid: { Speed: "Good", Price: "Fair" }, again: "yes", since: "2020-01-01", agree: true }),
    response("b", "2026-12-01", { satisfaction: 2, reason: "Price" }),
    response("c", "2026-12-02", { satisfaction: 3, reason: "Quality", tools: ["App", "Phone"], age: 40, recommend: 6, story: "Fine", agree: true }),
  ]);
});

/** All of the fixture's labels as a report shows them (placeholders filled with their fallbacks). */
const labels = () => allQuestions(published.survey).map((q) => q.label.replace("{{company|us}}", "us"));

describe("text report", () => {
  it("names the survey, the responses and every question, with its reach, bars and figures", () => {
    const text = formatSummaryText(published, summary, { width: 80 });
    expect(text).toContain("Every question type\n3 responses, 2026-12-01 to 2026-12-02\n");
    for (const label of labels()) expect(text).toContain(label);
    expect(text).toContain("2. What mattered most?  (single)\n   asked 2 · answered 2 · skipped 0 · not shown 1\n");
    expect(text).toMatch(/\n {3}App +█+ +2 +100%\n/);
    expect(text).toContain("mean 3.33 (95% CI");
    expect(text).toContain("NPS 0 · promoters 1 · passives 0 · detractors 1");
    expect(text).toContain("earliest 2020-01-01, latest 2020-01-01");
  });

  it("keeps every line within the width", () => {
    for (const width of [40, 60, 100]) {
      const long = formatSummaryText(published, summary, { width }).split("\n");
      for (const line of long) expect(Array.from(line).length, line).toBeLessThanOrEqual(width);
    }
  });

  it("draws bars in eighths of a cell", () => {
    expect(unicodeBar(1, 4)).toBe("████");
    expect(unicodeBar(0.5, 4)).toBe("██  ");
    expect(unicodeBar(1 / 32, 4)).toBe("▏   ");
    expect(unicodeBar(0, 3)).toBe("   ");
  });
});

describe("HTML report", () => {
  it("is one self-contained document: no URL, script or external resource", () => {
    const html = reportHtml(published, summary);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|href=/i);
  });

  it("includes each question's label and the charts with their numbers", () => {
    const html = reportHtml(published, summary);
    for (const label of labels()) expect(html).toContain(`. ${label}</h2>`);
    expect(html).toContain(">NPS 0</text>");
    expect(html).toContain(">2 (100%)</text>"); // App chosen by both who answered "tools"
    expect(html).toContain('<th scope="row">Speed</th><td>0</td><td>0</td><td>1</td>');
    // Responses per day, five questions with bars (satisfaction, reason, tools, plan, again) and the NPS gauge.
    expect(html.match(/role="img"/g)!.length).toBe(7);
  });

  it("escapes the survey's and the answers' text", () => {
    const evil = structuredClone(published);
    evil.survey.title = "<script>alert(1)</script>";
    const html = reportHtml(evil, summarise(evil, [response("x", "2026-12-01", { satisfaction: 5, tools: ["<img src=x>"] })]));
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x&gt;");
  });
});
