/**
 * Computed values (`type: computed`) through `parseSurvey`, as `canvass check` and the build
 * run them: the valid forms pass, each broken one is refused with file, line, field and the
 * fix; then what the Worker would store (core/answers.ts), skip logic that reads a computed
 * value (core/logic.ts), the summary and the export. The System Usability Scale example,
 * surveys/sus.yaml, is scored on answer sets with known scores.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { validateAnswers } from "./answers.ts";
import { computeValues } from "./computed.ts";
import { decodeForm } from "./form.ts";
import { visibility } from "./logic.ts";
import { issues, lines, published } from "./parse/test-support.ts";
import { csvHeader, csvRow, exportColumns } from "./results/export.ts";
import { reportHtml } from "./results/report-html.ts";
import { formatSummaryText } from "./results/report-text.ts";
import { summarise } from "./results/summary.ts";
import { allComputed, allQuestions } from "./survey.ts";


const QUESTIONS = [
  "  - { id: a, type: rating, label: A, scale: 5 }",
  "  - { id: b, type: number, label: B }",
  "  - { id: n, type: nps, label: N }",
  "  - { id: tools, type: multiple, label: Tools, choices: [App, Website] }",
  "  - { id: name_q, type: text, label: Name }",
];
/** A one-page survey whose last block is a computed value with this expression (line 3 + number of questions). */
const withExpression = (expression: string, extra = "") => lines("title: T", "questions:", ...QUESTIONS, `  - { id: total, type: computed, expression: '${expression}'${extra} }`);
const LINE = 3 + QUESTIONS.length;

describe("canvass check: computed values", () => {
  it.each([
    "a + b", "2.5 * (a - 1)", "-a", "sum(a, b, n)", "mean(a, b)", "count(tools)", "count(a, name_q, tools)", "min(a, b) / max(a, 1)", "round(mean(a, b), 1)", "round(a / 3)", "42",
  ])("accepts %s", async (expression) => {
    const p = await published("surveys/x.yaml", withExpression(expression));
    expect(allComputed(p.survey).map((c) => c.id)).toEqual(["total"]);
    expect(p.computed?.total).toBeDefined();
    // A computed value is no question: no input, no form field, no validation rule of its own.
    expect(allQuestions(p.survey).map((q) => q.id)).not.toContain("total");
  });

  it.each([
    ["a + name_q", "`name_q` is a text question, whose answers are not numbers: arithmetic needs a number, rating, nps or slider question or a computed value"],
    ["sum(tools)", "`tools` is a multiple question, whose answers are not numbers: arithmetic needs a number, rating, nps or slider question or a computed value (count(tools) counts its selections)"],
    ['a + "1"', '"1" is not a number: arithmetic takes numbers, numeric answers and computed values'],
    ["a > 3", "a computed value is a number: write arithmetic like sum(q1, q2) / 2, not a condition (use that in a show_if)"],
    ["sum()", "sum() needs at least one value, like sum(q1, q2)"],
    ["round(a, 1, 2)", "round() takes a value and the decimals to keep, like round(mean(q1, q2), 1); it was given 3"],
    ["round(a, b)", "round()'s second argument is the decimals to keep: a whole number from 0 to 10, like round(x, 1)"],
    ["mean(a, b > 1)", "a condition (a comparison, and, or, not or includes) is not a number"],
    ["summ(a, b)", 'unknown function "summ"; use one of: answered, sum, mean, count, min, max, round (at character 1 of "summ(a, b)")'],
    ["a + later", 'refers to unknown question "later"'],
    ["a +", 'the expression ends too early (at character 4 of "a +")'],
  ])("refuses %s, naming file, line, the question and the fix", async (expression, message) => {
    const found = await issues("surveys/x.yaml", withExpression(expression));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "surveys/x.yaml", line: LINE, path: `questions[${QUESTIONS.length}].expression` });
    expect(found[0]!.message).toContain(message);
  });

  it("refuses a reference to a question below it, saying to move it", async () => {
    const found = await issues("surveys/x.yaml", lines("title: T", "questions:", "  - { id: total, type: computed, expression: a + 1 }", "  - { id: a, type: number, label: A }"));
    expect(found.map((i) => [i.line, i.message])).toEqual([[3, 'refers to "a", which is not asked before this point; a computed value may only use earlier answers (move it below the questions it reads)']]);
  });

  it("refuses an expression over the length limit and a round outside 0 to 10, with the limit", async () => {
    const long = await issues("surveys/x.yaml", withExpression(Array.from({ length: 600 }, () => "a").join(" + ")));
    expect(long[0]!.message).toContain("characters long; keep it under 2000 (split it into computed values)");
    const round = await issues("surveys/x.yaml", withExpression("a", ", round: 11"));
    expect(round[0]).toMatchObject({ line: LINE, message: expect.stringContaining("round is at most 10") });
  });

  it("needs an id, unique among the questions, and an expression", async () => {
    const noId = await issues("surveys/x.yaml", lines("title: T", "questions:", "  - { id: a, type: number, label: A }", "  - { type: computed, expression: a }"));
    expect(noId[0]).toMatchObject({ line: 4 });
    const duplicate = await issues("surveys/x.yaml", lines("title: T", "questions:", "  - { id: a, type: number, label: A }", "  - { id: a, type: computed, expression: a + 1 }"));
    expect(duplicate[0]!.message).toContain('duplicate question id "a"');
    const noExpression = await issues("surveys/x.yaml", lines("title: T", "questions:", "  - { id: a, type: number, label: A }", "  - { id: t, type: computed }"));
    expect(noExpression[0]).toMatchObject({ line: 4 });
  });

  it("lets a later show_if compare a computed value with a number, and refuses a text", async () => {
    const text = (cond: string) => lines("title: T", "questions:", ...QUESTIONS, "  - { id: total, type: computed, expression: a + b }", `  - { id: why, type: text, label: Why, show_if: '${cond}' }`);
    await published("surveys/x.yaml", text("total >= 5 and a + b < 100"));
    await published("surveys/x.yaml", text("count(tools) >= 2"));
    const found = await issues("surveys/x.yaml", text('total == "5"'));
    expect(found.map((i) => i.message)).toEqual(['`total` is a computed value: it is a number, never "5"; write the number without quotes (like total >= 68)']);
    const arithmetic = await issues("surveys/x.yaml", text('a + name_q > 1'));
    expect(arithmetic[0]!.message).toContain("`name_q` is a text question, whose answers are not numbers");
  });

  it("leaves the published form and hash of a survey without computed values as they were", async () => {
    const p = await published("surveys/x.yaml", lines("title: T", "questions:", ...QUESTIONS));
    expect("computed" in p).toBe(false);
  });
});

describe("what is stored", () => {
  const survey = () => published("surveys/x.yaml", lines(
    "title: T",
    "questions:",
    ...QUESTIONS,
    "  - { id: total, type: computed, expression: 'a + b' }",
    "  - { id: avg, type: computed, expression: 'mean(a, b, n)', round: 2 }",
    "  - { id: twice, type: computed, expression: 'total * 2' }",
    "  - { id: picks, type: computed, expression: 'count(tools)' }",
    "  - { id: ratio, type: computed, expression: 'a / b' }",
    "  - { id: why, type: text, label: Why, show_if: 'total >= 10' }",
  ));

  it("the computed values come beside the answers, each reading the ones before it", async () => {
    const p = await survey();
    const r = validateAnswers(p, { a: 4, b: 3, n: 9, tools: ["App", "Website"] });
    expect(r).toEqual({ ok: true, answers: { a: 4, b: 3, n: 9, tools: ["App", "Website"] }, computed: { total: 7, avg: 5.33, twice: 14, picks: 2, ratio: 1.3333333333 } });
  });

  it("a value whose answers are missing, or that divides by zero, is absent, never 0 or NaN", async () => {
    const p = await survey();
    expect(validateAnswers(p, { a: 4 })).toEqual({ ok: true, answers: { a: 4 }, computed: { avg: 4, picks: 0 } });
    expect(validateAnswers(p, { a: 4, b: 0 })).toMatchObject({ ok: true, computed: { total: 4, twice: 8, avg: 2, picks: 0 } });
    expect(computeValues(p, { a: 4, b: 0 })).not.toHaveProperty("ratio");
  });

  it("a value sent for a computed id is refused like an unknown field, from JSON and from a form", async () => {
    const p = await survey();
    expect(validateAnswers(p, { a: 4, b: 3, total: 100 })).toEqual({ ok: false, errors: { _form: "Unknown field: total. This survey has no such question." } });
    const { answers } = decodeForm(p, [["a", "4"], ["total", "100"]]);
    expect(validateAnswers(p, answers)).toMatchObject({ ok: false, errors: { _form: expect.stringContaining("total") } });
  });

  it("skip logic reads the computed value, never one a client sent", async () => {
    const p = await survey();
    expect(visibility(p, { a: 5, b: 5 }).questions.has("why")).toBe(true);
    expect(visibility(p, { a: 1, b: 1, total: 99 }).questions.has("why")).toBe(false);
    expect(validateAnswers(p, { a: 1, b: 1, why: "kept?" })).toMatchObject({ ok: true, answers: { a: 1, b: 1 } });
  });

  it("the summary gives a computed value a number question's figures, and the CSV a column where it is written", async () => {
    const p = await survey();
    const responses = [{ a: 4, b: 3 }, { a: 2, b: 2 }, { a: 5 }].map((answers, i) => {
      const r = validateAnswers(p, answers);
      if (!r.ok) throw new Error("invalid");
      return { id: `r${i}`, submitted_at: "2026-12-01T10:00:00.000Z", answers: { ...r.answers, ...r.computed } };
    });
    const s = summarise(p, responses).questions.total!;
    expect(s).toMatchObject({ type: "computed", asked: 3, answered: 2, mean: 5.5, min: 4, max: 7 });
    const columns = exportColumns(p);
    expect(columns.map((c) => c.name)).toEqual(["submitted_at", "response_id", "a", "b", "n", "tools.App", "tools.Website", "name_q", "total", "avg", "twice", "picks", "ratio", "why"]);
    expect(csvHeader(columns, { bom: false })).toContain(",total,avg,");
    expect(csvRow(columns, responses[2]!)).toBe("2026-12-01T10:00:00.000Z,r2,5,,,,,,,5,,0,,\r\n");
  });
});

describe("the System Usability Scale (surveys/sus.yaml)", () => {
  const sus = async () => published("surveys/sus.yaml", await readFile(new URL("../surveys/sus.yaml", import.meta.url), "utf8"));
  const answersOf = (...values: number[]) => Object.fromEntries(values.map((v, i) => [`q${i + 1}`, v]));
  const scoreOf = async (...values: number[]) => {
    const r = validateAnswers(await sus(), answersOf(...values));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.computed?.sus_score;
  };

  it("has the ten standard statements as 5-point ratings from Strongly disagree to Strongly agree", async () => {
    const questions = allQuestions((await sus()).survey).filter((q) => q.type === "rating");
    expect(questions).toHaveLength(10);
    for (const q of questions) expect(q).toMatchObject({ scale: 5, required: true, low_label: "Strongly disagree", high_label: "Strongly agree" });
  });

  it("scores all 3s as 50, the best answers as 100 and the worst as 0", async () => {
    expect(await scoreOf(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)).toBe(50);
    expect(await scoreOf(5, 1, 5, 1, 5, 1, 5, 1, 5, 1)).toBe(100);
    expect(await scoreOf(1, 5, 1, 5, 1, 5, 1, 5, 1, 5)).toBe(0);
  });

  it("scores Brooke's worked example as 55 (item contributions 4 1 1 4 1 2 1 1 4 3, total 22 × 2.5)", async () => {
    // Answers behind those contributions: odd items answer - 1, even items 5 - answer.
    expect(await scoreOf(5, 4, 2, 1, 2, 3, 2, 4, 5, 2)).toBe(55);
  });

  it("scores a typical mixed set as 2.5 × the total of contributions", async () => {
    // Contributions 3 3 3 4 3 3 4 4 3 3 = 33 → 82.5.
    expect(await scoreOf(4, 2, 4, 1, 4, 2, 5, 1, 4, 2)).toBe(82.5);
  });

  it("asks what got in the way only below the average score of 68", async () => {
    const p = await sus();
    expect(visibility(p, answersOf(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)).pages.has(1)).toBe(true);
    expect(visibility(p, answersOf(5, 1, 5, 1, 5, 1, 5, 1, 5, 1)).pages.has(1)).toBe(false);
  });
});

describe("the format reference (surveys/format-reference.yaml)", () => {
  it("has a computed value, and the Worker's code computes it from the answers", async () => {
    const p = await published("surveys/format-reference.yaml", await readFile(new URL("../surveys/format-reference.yaml", import.meta.url), "utf8"));
    expect(allComputed(p.survey).map((c) => c.id)).toEqual(["seat_months"]);
    expect(validateAnswers(p, { seats: 3 })).toEqual({ ok: true, answers: { seats: 3 }, computed: { seat_months: 36 } });
  });
});

describe("reports", () => {
  it("canvass report (text and HTML) lists a computed value by its label with its figures after the questions", async () => {
    const p = await published("surveys/x.yaml", lines("title: T", "questions:", "  - { id: a, type: rating, label: A, scale: 5 }", "  - { id: score, type: computed, label: Score <b>x</b>, expression: a * 20 }"));
    const responses = [{ a: 3 }, { a: 5 }, {}].map((answers, i) => {
      const r = validateAnswers(p, answers);
      if (!r.ok) throw new Error("invalid");
      return { id: `r${i}`, submitted_at: "2026-12-01T10:00:00.000Z", answers: { ...r.answers, ...r.computed } };
    });
    const summary = summarise(p, responses);
    const text = formatSummaryText(p, summary);
    expect(text).toContain("Score <b>x</b>  (computed)\n   computed for 2 of 3 responses\n   mean 80 (95% CI");
    const html = reportHtml(p, summary);
    expect(html).toContain("<h2>Score &lt;b&gt;x&lt;/b&gt;</h2>\n<p class=\"meta\">computed · computed for 2 of 3 responses</p>");
    expect(html).toMatch(/<p class="figures">mean 80 \(95% CI [^)]+\), min 60, max 100<\/p>/);
  });
});

describe("in Markdown", () => {
  it("a computed value is a heading with type=computed and its expression: the heading is its label", async () => {
    const p = await published("surveys/x.md", lines("---", "title: T", "---", "## Score A {#a type=rating scale=5}", "", '## Twice A {#twice type=computed expression="a * 2" round=1}'));
    expect(p.survey.pages[0]!.questions[1]).toEqual({ type: "computed", id: "twice", label: "Twice A", expression: "a * 2", round: 1 });
    expect(validateAnswers(p, { a: 4 })).toEqual({ ok: true, answers: { a: 4 }, computed: { twice: 8 } });
  });

  it("a broken expression names the heading's line", async () => {
    const found = await issues("surveys/x.md", lines("---", "title: T", "---", "## Name {#name_q type=text}", "", '## Twice {#twice type=computed expression="name_q * 2"}'));
    expect(found).toMatchObject([{ file: "surveys/x.md", line: 6, message: expect.stringContaining("`name_q` is a text question") }]);
  });
});
