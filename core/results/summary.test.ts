import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { PublishedSurvey } from "../compile.ts";
import { parseSurvey } from "../parse/index.ts";
import { RunningStats, tQuantile975 } from "./stats.ts";
import { createSummary, summarise, textAnswers } from "./summary.ts";
import type { NpsSummary, NumberSummary, RatingSummary, StoredResponse } from "./types.ts";

const FIXTURE = new URL("../../test/fixtures/surveys/all-types.yaml", import.meta.url);
let published: PublishedSurvey;
beforeAll(async () => {
  const parsed = await parseSurvey("all-types.yaml", readFileSync(FIXTURE, "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  published = parsed.published;
});

const response = (id: string, day: string, answers: Record<string, unknown>): StoredResponse => ({ id, submitted_at: `${day}T12:00:00.000Z`, answers });

// In all-types.yaml `reason` is shown only when satisfaction <= 3, and the second page
// (email … agree) only when reason is not "Price".
const responses: StoredResponse[] = [
  response("r1", "2026-12-01", { satisfaction: 5, tools: ["App"], age: 30, recommend: 10, agree: true }),
  response("r2", "2026-12-01", { satisfaction: 2, reason: "Price" }),
  response("r3", "2026-12-03", {
    satisfaction: 3, reason: "Other", reason_other: "Too slow", tools: ["Website", "Other"], tools_other: "Fax",
    age: 40, recommend: 6, grid: { Speed: "Good" }, again: "no", since: "2019-05-04", agree: true,
  }),
  response("r4", "2026-12-03", { satisfaction: 4, nickname: "Bo", age: 50, recommend: 8, agree: true }),
];

describe("summary of submitted answers", () => {
  it("counts every response and the responses per UTC day", () => {
    const s = summarise(published, responses);
    expect(s.responses).toBe(4);
    expect(s.over_time).toEqual({ "2026-12-01": 2, "2026-12-03": 2 });
    expect([s.first, s.last]).toEqual(["2026-12-01", "2026-12-03"]);
    expect(Object.keys(s.questions)).toEqual(["satisfaction", "reason", "tools", "plan", "nickname", "story", "email", "age", "recommend", "grid", "again", "since", "agree"]);
  });

  it("a hidden question is not asked, an optional unanswered one is asked but skipped", () => {
    const q = summarise(published, responses).questions;
    const askedAnswered = (id: string) => [q[id]!.asked, q[id]!.answered];
    expect(askedAnswered("satisfaction")).toEqual([4, 4]);
    expect(askedAnswered("reason")).toEqual([2, 2]); // shown to r2 and r3 only
    expect(askedAnswered("tools")).toEqual([4, 2]);
    expect(askedAnswered("plan")).toEqual([4, 0]);
    expect(askedAnswered("nickname")).toEqual([4, 1]);
    // r2 answered "Price", which hides the whole second page from it.
    expect(askedAnswered("email")).toEqual([3, 0]);
    expect(askedAnswered("age")).toEqual([3, 3]);
    expect(askedAnswered("grid")).toEqual([3, 1]);
    expect(askedAnswered("agree")).toEqual([3, 3]);
  });

  it("counts every defined choice (0 when unchosen), Other included, for single and multiple", () => {
    const q = summarise(published, responses).questions;
    expect(q.reason).toMatchObject({ type: "single", counts: { Price: 1, Quality: 0, Delivery: 0, Other: 1 } });
    expect(q.tools).toMatchObject({ type: "multiple", counts: { App: 1, Website: 1, Phone: 0, Other: 1 } });
    expect(q.plan).toMatchObject({ type: "dropdown", counts: { free: 0, pro: 0 } });
    expect(q.again).toMatchObject({ type: "yesno", counts: { yes: 0, no: 1 } });
    expect(q.grid).toMatchObject({ type: "matrix", counts: { Speed: { Poor: 0, Fair: 0, Good: 1 }, Price: { Poor: 0, Fair: 0, Good: 0 } } });
    expect(q.since).toMatchObject({ type: "date", earliest: "2019-05-04", latest: "2019-05-04", counts: { "2019-05-04": 1 } });
    expect(q.agree).toMatchObject({ type: "consent", consented: 3 });
  });

  it("rating: counts 1..scale, mean and a t-based 95% interval as computed by hand", () => {
    const rating = summarise(published, responses).questions.satisfaction as RatingSummary;
    expect(rating.counts).toEqual({ 1: 0, 2: 1, 3: 1, 4: 1, 5: 1 });
    // 5, 2, 3, 4: mean 3.5, s² = (2.25 + 2.25 + 0.25 + 0.25) / 3 = 5/3, t(0.975, 3) = 3.1824.
    const half = (3.1824 * Math.sqrt(5 / 3)) / 2;
    expect(rating.mean).toBe(3.5);
    expect(rating.ci95![0]).toBeCloseTo(3.5 - half, 10);
    // 3.5 + half is about 5.55: past the top of the scale, where no mean can lie, so the interval stops at 5.
    expect(3.5 + half).toBeGreaterThan(5);
    expect(rating.ci95![1]).toBe(5);
    expect([rating.min, rating.max]).toEqual([2, 5]);
  });

  it("number: mean, interval, min and max", () => {
    const age = summarise(published, responses).questions.age as NumberSummary;
    // 30, 40, 50: s = 10, t(0.975, 2) = 4.3027, half width 4.3027 · 10 / √3 ≈ 24.84.
    expect(age.mean).toBe(40);
    // 40 − 24.84 = 15.16 is below the question's min: 16, the youngest age it takes.
    expect(40 - 43.027 / Math.sqrt(3)).toBeLessThan(16);
    expect(age.ci95![0]).toBe(16);
    expect(age.ci95![1]).toBeCloseTo(40 + 43.027 / Math.sqrt(3), 10);
    expect([age.min, age.max]).toEqual([30, 50]);
  });

  it("an interval never reaches past the values an answer can take", () => {
    const few = summarise(published, [
      { id: "x", submitted_at: "2026-12-01T00:00:00Z", answers: { satisfaction: 1, age: 16 } },
      { id: "y", submitted_at: "2026-12-01T00:00:00Z", answers: { satisfaction: 5, age: 120 } },
    ]).questions;
    expect((few.satisfaction as RatingSummary).ci95).toEqual([1, 5]);
    expect((few.age as NumberSummary).ci95).toEqual([16, 120]);
  });

  it("no interval below two answers", () => {
    const one = summarise(published, [responses[0]!]).questions.age as NumberSummary;
    expect(one).toMatchObject({ mean: 30, ci95: null, min: 30, max: 30 });
    const none = summarise(published, []).questions.age as NumberSummary;
    expect(none).toMatchObject({ asked: 0, answered: 0, mean: null, ci95: null, min: null, max: null });
  });

  it("NPS: 5 promoters, 3 passives and 2 detractors score 30", () => {
    const scores = [9, 10, 9, 10, 10, 7, 8, 7, 0, 6];
    const s = createSummary(published);
    scores.forEach((recommend, i) => s.add(response(`n${i}`, "2026-12-05", { satisfaction: 5, recommend, agree: true })));
    const nps = s.result().questions.recommend as NpsSummary;
    expect(nps).toMatchObject({ asked: 10, answered: 10, promoters: 5, passives: 3, detractors: 2, score: 30 });
    expect(nps.counts).toEqual({ 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 2, 8: 1, 9: 2, 10: 3 });
    expect((summarise(published, responses).questions.recommend as NpsSummary).score).toBe(0);
  });

  it("an answer stored under an older definition counts as asked even when today's show_if hides it; an old choice keeps its own count", () => {
    const old = response("old", "2026-11-30", { satisfaction: 5, reason: "Speed", removed_question: "x" });
    const q = summarise(published, [old]).questions;
    expect(q.reason).toMatchObject({ asked: 1, answered: 1, counts: { Price: 0, Quality: 0, Delivery: 0, Other: 0, Speed: 1 } });
    expect(q.removed_question).toBeUndefined();
  });

  it("folds 100,000 responses page by page", () => {
    const s = createSummary(published);
    for (let page = 0; page < 100; page++)
      for (let i = 0; i < 1000; i++) s.add(response(`p${page}-${i}`, `2026-12-${String(1 + (page % 28)).padStart(2, "0")}`, { satisfaction: 1 + (i % 5), recommend: i % 11, agree: true }));
    const result = s.result();
    expect(result.responses).toBe(100_000);
    expect(Object.keys(result.over_time)).toHaveLength(28);
    expect(result.questions.satisfaction).toMatchObject({ answered: 100_000, counts: { 1: 20_000, 5: 20_000 } });
    expect((result.questions.satisfaction as RatingSummary).mean).toBeCloseTo(3, 10);
    expect((result.questions.recommend as NpsSummary).answered).toBe(100_000);
  });

  it("result() can be read between pages and keeps counting", () => {
    const s = createSummary(published);
    s.add(responses[0]!);
    expect(s.result().responses).toBe(1);
    s.add(responses[1]!);
    expect(s.result().questions.satisfaction!.answered).toBe(2);
  });
});

describe("free-text answers", () => {
  it("lists the texts of a text question or an Other text with their response, nothing for a non-text question", () => {
    expect(textAnswers(published, "nickname", responses)).toEqual([{ response_id: "r4", submitted_at: responses[3]!.submitted_at, text: "Bo" }]);
    expect(textAnswers(published, "reason_other", responses).map((t) => t.text)).toEqual(["Too slow"]);
    expect(textAnswers(published, "satisfaction", responses)).toEqual([]);
  });
});

describe("running statistics", () => {
  it("t quantiles: the table up to 30 degrees of freedom, the expansion above agrees with published values", () => {
    expect(tQuantile975(1)).toBe(12.7062);
    expect(tQuantile975(30)).toBe(2.0423);
    expect(tQuantile975(40)).toBeCloseTo(2.0211, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.9799, 3);
    expect(tQuantile975(1e9)).toBeCloseTo(1.96, 3);
  });

  it("Welford's mean and variance match the two-pass computation on 100,000 values", () => {
    const values = Array.from({ length: 100_000 }, (_, i) => ((i * 7919) % 1000) / 10 + 1e6);
    const s = new RunningStats();
    for (const v of values) s.add(v);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    const r = s.result();
    expect(r.mean).toBeCloseTo(mean, 6);
    expect(r.ci95![1] - r.mean!).toBeCloseTo((tQuantile975(values.length - 1) * sd) / Math.sqrt(values.length), 6);
  });
});
