/**
 * The summary and the free-text answers, checked against answers submitted through the
 * API: a question hidden by `show_if` (or on a hidden page) is "not asked", one left
 * empty is "asked, not answered", and the text lists page through the texts oldest first.
 */
import { describe, expect, it } from "vitest";
import type { TextAnswerPage } from "../../../core/api/results.ts";
import type { SurveySummary } from "../../../core/results/types.ts";
import { admin } from "../helpers.ts";
import { adminJson, complete, seedResponses, submit } from "./helpers.ts";

const answersOf = {
  // reason shown (satisfaction <= 3), page 2 shown (reason is not Price)
  first: { ...complete, satisfaction: 2, reason: "Other", reason_other: "The colour", tools: ["App", "Other"], recommend: 9, age: 42, grid: { Speed: "Good", Price: "Fair" }, again: "yes" },
  // reason hidden (satisfaction 5); page 2 shown but recommend, age and since skipped
  second: { satisfaction: 5, tools: ["Website"], grid: { Speed: "Poor" }, again: "no", agree: true },
  // reason "Price" hides page 2: none of its questions was asked
  third: { satisfaction: 1, reason: "Price", tools: ["Phone"] },
  fourth: { satisfaction: 3, reason: "Quality", tools: ["App"], recommend: 3, age: 30, agree: true },
};

describe("GET /api/admin/surveys/<id>/summary", () => {
  it("counts every answer against what was submitted, telling hidden questions from skipped ones", async () => {
    for (const answers of Object.values(answersOf)) await submit("all-types", answers);
    const s = await adminJson<SurveySummary>("/api/admin/surveys/all-types/summary");
    expect(s.responses).toBe(4);
    expect(Object.values(s.over_time)).toEqual([4]);
    const q = s.questions;
    expect(q.satisfaction).toMatchObject({ type: "rating", asked: 4, answered: 4, counts: { 1: 1, 2: 1, 3: 1, 4: 0, 5: 1 }, mean: 2.75, min: 1, max: 5 });
    expect((q.satisfaction as { ci95: [number, number] }).ci95[0]).toBeLessThan(2.75);
    expect(q.reason).toEqual({ type: "single", asked: 3, answered: 3, counts: { Price: 1, Quality: 1, Delivery: 0, Other: 1 } });
    expect(q.tools).toEqual({ type: "multiple", asked: 4, answered: 4, counts: { App: 2, Website: 1, Phone: 1, Other: 1 } });
    expect(q.recommend).toMatchObject({ type: "nps", asked: 3, answered: 2, promoters: 1, passives: 0, detractors: 1, score: 0 });
    expect(q.recommend).toMatchObject({ counts: { 9: 1, 3: 1, 10: 0 } });
    expect(q.age).toMatchObject({ type: "number", asked: 3, answered: 2, mean: 36, min: 30, max: 42 });
    expect(q.grid).toEqual({ type: "matrix", asked: 3, answered: 2, counts: { Speed: { Poor: 1, Fair: 0, Good: 1 }, Price: { Poor: 0, Fair: 1, Good: 0 } } });
    expect(q.again).toEqual({ type: "yesno", asked: 3, answered: 2, counts: { yes: 1, no: 1 } });
    expect(q.agree).toEqual({ type: "consent", asked: 3, answered: 3, consented: 3 });
    expect(q.story).toEqual({ type: "textarea", asked: 4, answered: 1 });
    expect(Object.keys(q)).toEqual(["satisfaction", "reason", "tools", "plan", "nickname", "story", "email", "age", "recommend", "grid", "again", "since", "agree"]);
  });

  it("reads a survey with more responses than one page", async () => {
    await seedResponses("tiny-poll", Array.from({ length: 2100 }, (_, i) => ({ id: `r${i}`, submitted_at: `2026-11-0${1 + (i % 3)}T10:00:00.000Z`, answers: { ok: i % 4 === 0 ? "no" : "yes" } })));
    const s = await adminJson<SurveySummary>("/api/admin/surveys/tiny-poll/summary");
    expect(s).toMatchObject({ responses: 2100, first: "2026-11-01", last: "2026-11-03", over_time: { "2026-11-01": 700, "2026-11-02": 700, "2026-11-03": 700 } });
    expect(s.questions.ok).toEqual({ type: "yesno", asked: 2100, answered: 2100, counts: { yes: 1575, no: 525 } });
  });

  it("is all zeros for a survey without responses", async () => {
    const s = await adminJson<SurveySummary>("/api/admin/surveys/closed-poll/summary");
    expect(s).toEqual({ responses: 0, first: null, last: null, over_time: {}, questions: { ok: { type: "yesno", asked: 0, answered: 0, counts: { yes: 0, no: 0 } } } });
  });
});

describe("GET /api/admin/surveys/<id>/answers/<key>", () => {
  it("lists the texts of a free-text question, oldest first, page by page, leaving out blank and missing ones", async () => {
    const texts = ["first, with a comma", "   ", "second 🎉", "שלום third", "", "fourth\nline", "fifth"];
    await seedResponses("all-types", texts.map((story, i) => ({ id: `t${i}`, submitted_at: `2026-11-01T10:00:0${i}.000Z`, answers: { satisfaction: 4, story } })));
    await seedResponses("all-types", [{ id: "none", submitted_at: "2026-11-01T09:00:00.000Z", answers: { satisfaction: 4 } }]);
    const seen: TextAnswerPage["answers"] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TextAnswerPage = await adminJson<TextAnswerPage>(`/api/admin/surveys/all-types/answers/story?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.question).toBe("story");
      seen.push(...page.answers);
      cursor = page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([0, 2, 3, 5, 6].map((i) => ({ response_id: `t${i}`, submitted_at: `2026-11-01T10:00:0${i}.000Z`, text: texts[i] })));
  });

  it("lists the Other texts of a choice question under <id>_other", async () => {
    const id = await submit("all-types", { ...complete, tools_other: "Smart watch" });
    const page = await adminJson<TextAnswerPage>("/api/admin/surveys/all-types/answers/tools_other");
    expect(page).toEqual({ question: "tools_other", answers: [{ response_id: id, submitted_at: expect.any(String), text: "Smart watch" }], next: null });
  });

  it("is a 404 for a key that is not free text in this survey", async () => {
    for (const key of ["satisfaction", "no_such_question", "plan_other", "grid"]) {
      const res = await admin(`/api/admin/surveys/all-types/answers/${key}`);
      expect(res.status, key).toBe(404);
      expect(((await res.json()) as { error: string }).error).toContain(key);
    }
  });
});
