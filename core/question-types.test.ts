/**
 * Format 1.1's ranking, slider, hidden field, exclusive "None" and `randomize`, through
 * `parseSurvey` as `canvass check` runs it, then through the shared answer validation,
 * the form decoder, the order check, the summary and the export.
 */
import { describe, expect, it } from "vitest";
import { validateAnswers } from "./answers.ts";
import { decodeForm } from "./form.ts";
import { formatIssue, parseSurvey } from "./parse/index.ts";
import { lines } from "./parse/test-support.ts";
import { isPermutation, orderProblem, shuffle, shuffledSets } from "./randomize.ts";
import { csvHeader, csvRow, exportColumns, exportRecord } from "./results/export.ts";
import { summarise } from "./results/summary.ts";

async function check(text: string) {
  const result = await parseSurvey("surveys/t.yaml", text);
  return result.ok ? { ok: true as const, published: result.published } : { ok: false as const, messages: result.issues.map(formatIssue) };
}

const VALID = lines(
  "title: Types",
  "pages:",
  "  - questions:",
  "      - { id: rank, type: ranking, label: Order these, choices: [Price, Speed, Quality], randomize: true }",
  "      - { id: level, type: slider, label: How much?, min: 0, max: 10, step: 2, low_label: Little, high_label: Lots }",
  "      - { id: source, type: hidden, label: Source, param: utm_source, choices: [newsletter, ads] }",
  "      - { id: ref, type: hidden, label: Referrer code, pattern: '[A-Z]{3}', max_length: 3 }",
  "      - { id: tools, type: multiple, label: Tools, choices: [App, Web], other: true, none: true, none_label: I use none }",
  "  - randomize: true",
  "    questions:",
  "      - { id: a, type: yesno, label: A?, show_if: 'tools includes \"None\"' }",
  "      - { id: b, type: yesno, label: B?, show_if: 'source == \"ads\" and level >= 4' }",
  "      - { type: note, text: Stays put }",
);

async function valid() {
  const r = await check(VALID);
  if (!r.ok) throw new Error(r.messages.join("\n"));
  return r.published;
}

describe("canvass check on the new types", () => {
  it("accepts ranking, slider, hidden fields, none and randomize in their valid forms", async () => {
    const p = await valid();
    expect(shuffledSets(p.survey)).toEqual(new Map([["rank", ["Price", "Speed", "Quality"]], ["page:1", ["a", "b"]]]));
  });

  it.each([
    ["a slider whose min is not below max", "{ id: s, type: slider, label: S, min: 5, max: 5 }", "questions[0].max: max (5) must be greater than min (5)"],
    ["a slider step that does not divide the range", "{ id: s, type: slider, label: S, min: 0, max: 10, step: 3 }", "step 3 does not divide the range 0 to 10"],
    ["a slider with too many steps", "{ id: s, type: slider, label: S, min: 0, max: 1000 }", "a slider has at most 200 steps"],
    ["a ranking of one choice", "{ id: r, type: ranking, label: R, choices: [A] }", "a ranking needs at least 2 choices"],
    ["a required hidden field", "{ id: h, type: hidden, label: H, required: true }", "a hidden field cannot be required"],
    ["a hidden field with choices and a pattern", "{ id: h, type: hidden, label: H, choices: [a], pattern: 'a' }", "either choices or a pattern"],
    ["none_label without none", "{ id: m, type: multiple, label: M, choices: [A], none_label: Nothing }", "add none: true, or remove none_label"],
    ["None among the choices as well", "{ id: m, type: multiple, label: M, choices: [A, None], none: true }", '"None" is already added by none: true'],
    ["randomize on a text question", "{ id: t, type: text, label: T, randomize: true }", 'key "randomize"'],
  ])("refuses %s", async (_what, question, message) => {
    const r = await check(lines("title: T", "questions:", `  - ${question}`));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.messages.join("\n")).toContain(message);
  });

  it("reads a ranking's choices from the list under its Markdown heading", async () => {
    const result = await parseSurvey("surveys/t.md", lines("---", "title: T", "---", "## Order these {#rank type=ranking randomize=true}", "- Price", "- Speed"));
    expect(result.ok && result.published.survey.pages[0]!.questions[0]).toMatchObject({ type: "ranking", randomize: true, choices: [{ value: "Price" }, { value: "Speed" }] });
  });

  it("refuses a ranking, slider or hidden field in a pop-up survey, which cannot show them yet", async () => {
    const r = await check(lines("title: T", "intercept: { origins: [\"https://www.example.com\"] }", "questions:", "  - { id: s, type: slider, label: S }"));
    expect(!r.ok && r.messages.join("\n")).toContain("a pop-up survey (intercept:) cannot ask a slider question yet");
  });

  it("refuses a randomised page whose question depends on another question of that page", async () => {
    const r = await check(lines("title: T", "pages:", "  - randomize: true", "    questions:", "      - { id: a, type: yesno, label: A }", "      - { id: b, type: yesno, label: B, show_if: 'a == \"yes\"' }"));
    expect(!r.ok && r.messages.join("\n")).toContain('refers to "a" on the same randomised page');
  });

  it("refuses comparing a ranking, a slider with text, and a hidden field with a value it never takes", async () => {
    const r = await check(lines(
      "title: T", "questions:",
      "  - { id: r, type: ranking, label: R, choices: [A, B] }",
      "  - { id: s, type: slider, label: S }",
      "  - { id: h, type: hidden, label: H, choices: [x] }",
      "  - { id: q, type: yesno, label: Q, show_if: 'r == \"A\" or s == \"5\" or h == \"y\"' }",
    ));
    const text = !r.ok && r.messages.join("\n");
    expect(text).toContain("`r` is a ranking question");
    expect(text).toContain("`s` is a slider question: its answers are numbers");
    expect(text).toContain('"y" is not a value of `h`');
  });
});

describe("answers to the new types", () => {
  it("a ranking is every choice once; a form's positions become that order, a duplicate position is named", async () => {
    const p = await valid();
    expect(validateAnswers(p, { rank: ["Speed", "Price", "Quality"] })).toEqual({ ok: true, answers: { rank: ["Speed", "Price", "Quality"] } });
    expect(validateAnswers(p, { rank: ["Speed", "Price"] })).toMatchObject({ ok: false, errors: { rank: "Put all 3 items in order, each once." } });
    const form = decodeForm(p, [["rank.Price", "2"], ["rank.Speed", "1"], ["rank.Quality", "3"]]);
    expect(form.answers.rank).toEqual(["Speed", "Price", "Quality"]);
    const clash = decodeForm(p, [["rank.Price", "1"], ["rank.Speed", "1"], ["rank.Quality", "3"]]);
    expect(validateAnswers(p, clash.answers)).toMatchObject({ ok: false, errors: { rank: "Price and Speed are both in position 1: give each a different position." } });
    const partial = decodeForm(p, [["rank.Price", "1"], ["rank.Speed", ""], ["rank.Quality", ""]]);
    expect(validateAnswers(p, partial.answers)).toMatchObject({ ok: false, errors: { rank: expect.stringContaining("Speed, Quality have none") } });
  });

  it("a slider takes a number on its grid; unanswered stays unanswered", async () => {
    const p = await valid();
    expect(validateAnswers(p, { level: 4 })).toEqual({ ok: true, answers: { level: 4 } });
    expect(validateAnswers(p, decodeForm(p, [["level", "6"]]).answers)).toEqual({ ok: true, answers: { level: 6 } });
    expect(validateAnswers(p, { level: 3 })).toMatchObject({ ok: false, errors: { level: "Choose a value from 0 to 10 in steps of 2." } });
    expect(validateAnswers(p, { level: 12 })).toMatchObject({ ok: false });
    expect(validateAnswers(p, decodeForm(p, [["level", ""]]).answers)).toEqual({ ok: true, answers: {} });
  });

  it("a hidden field keeps a value it takes and drops any other without an error", async () => {
    const p = await valid();
    expect(validateAnswers(p, { source: "ads", ref: "ABC" })).toEqual({ ok: true, answers: { source: "ads", ref: "ABC" } });
    expect(validateAnswers(p, { source: "spam", ref: "abcd" })).toEqual({ ok: true, answers: {} });
  });

  it("None is exclusive: alone it passes, with another choice it is refused", async () => {
    const p = await valid();
    expect(validateAnswers(p, { tools: ["None"] })).toEqual({ ok: true, answers: { tools: ["None"] } });
    expect(validateAnswers(p, { tools: ["App", "None"] })).toMatchObject({ ok: false, errors: { tools: '"I use none" cannot be chosen together with other options.' } });
    expect(validateAnswers(p, { tools: ["None", "a"] }).ok).toBe(false);
  });

  it("conditions read None, hidden fields and sliders", async () => {
    const p = await valid();
    const r = validateAnswers(p, { tools: ["None"], source: "ads", level: 6, a: "yes", b: "no" });
    expect(r).toEqual({ ok: true, answers: { tools: ["None"], source: "ads", level: 6, a: "yes", b: "no" } });
    const hidden = validateAnswers(p, { tools: ["App"], source: "newsletter", level: 6, a: "yes", b: "no" });
    expect(hidden).toEqual({ ok: true, answers: { tools: ["App"], source: "newsletter", level: 6 } });
  });
});

describe("randomised order", () => {
  it("shuffle is a permutation, different for different random sources, and each item may land anywhere", () => {
    const items = ["a", "b", "c", "d", "e"];
    const seeded = (seed: number) => (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const one = shuffle(items, seeded(1));
    const two = shuffle(items, seeded(2));
    expect(isPermutation(one, items) && isPermutation(two, items)).toBe(true);
    expect(one).not.toEqual(two);
    const firsts = new Set(Array.from({ length: 200 }, () => shuffle(items)[0]));
    expect(firsts).toEqual(new Set(items));
  });

  it("an order must name shuffled sets and list each exactly once", async () => {
    const p = await valid();
    expect(orderProblem(p.survey, { rank: ["Quality", "Price", "Speed"], "page:1": ["b", "a"] })).toBeUndefined();
    expect(orderProblem(p.survey, { rank: ["Quality", "Price", "Price"] })).toContain('The order of "rank" must list each of "Price", "Speed", "Quality" exactly once.');
    expect(orderProblem(p.survey, { level: [] })).toContain('The order names "level", which this survey does not shuffle');
    expect(orderProblem(p.survey, { "page:0": ["rank"] })).toContain("does not shuffle");
  });
});

describe("summary and export of the new types", () => {
  const responses = [
    { id: "r1", submitted_at: "2026-12-01T10:00:00Z", answers: { rank: ["Speed", "Price", "Quality"], level: 4, source: "ads", tools: ["None"] }, order: { rank: ["Quality", "Speed", "Price"] } },
    { id: "r2", submitted_at: "2026-12-01T11:00:00Z", answers: { rank: ["Price", "Speed", "Quality"], level: 8, source: "newsletter", tools: ["App"] } },
  ];

  it("summarises a ranking as average positions, a slider as a mean, hidden fields and None as counts", async () => {
    const s = summarise(await valid(), responses).questions;
    expect(s.rank).toMatchObject({ type: "ranking", answered: 2, mean_position: { Price: 1.5, Speed: 1.5, Quality: 3 } });
    expect(s.level).toMatchObject({ type: "slider", answered: 2, mean: 6 });
    expect(s.source).toMatchObject({ type: "hidden", counts: { newsletter: 1, ads: 1 } });
    expect(s.tools).toMatchObject({ counts: { App: 1, Web: 0, Other: 0, None: 1 } });
  });

  it("exports a ranking as a position per choice, None as its own column, and the order shown as _order", async () => {
    const columns = exportColumns(await valid());
    const names = columns.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["rank.Price", "rank.Speed", "rank.Quality", "level", "source", "ref", "tools.None", "_order"]));
    expect(csvHeader(columns)).toContain("tools.App,tools.Web,tools.Other,tools.None,tools_other");
    const row = csvRow(columns, responses[0]!);
    const cells = Object.fromEntries(names.map((n, i) => [n, row.trimEnd().split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[i]]));
    expect(cells).toMatchObject({ "rank.Price": "2", "rank.Speed": "1", "rank.Quality": "3", "tools.None": "None", _order: '"{""rank"":[""Quality"",""Speed"",""Price""]}"' });
    expect(exportRecord(responses[0]!).order).toEqual({ rank: ["Quality", "Speed", "Price"] });
    expect("order" in exportRecord(responses[1]!)).toBe(false);
  });
});
