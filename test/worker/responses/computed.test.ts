/**
 * Computed values in the Worker (`type: computed`), on the System Usability Scale fixture
 * (test/fixtures/surveys/sus-poll.yaml, a copy of surveys/sus.yaml): the Worker computes
 * the score from the validated answers and stores it with them, whatever the client sent;
 * a value sent for the computed id is refused; the CSV export has its column, and the
 * summary its figures. A later page shown only below a score of 68 follows the Worker's value.
 */
import { describe, expect, it } from "vitest";
import type { SurveySummary } from "../../../core/results/types.ts";
import { admin, postForm, postJson, rows } from "../helpers.ts";
import { adminJson, submit } from "./helpers.ts";

const URL_ = "/api/responses/sus-poll";
const answersOf = (...values: number[]) => Object.fromEntries(values.map((v, i) => [`q${i + 1}`, v]));
const stored = async () => (await rows("sus-poll")).map((r) => JSON.parse(r.answers) as Record<string, unknown>);

describe("computed values in the Worker", () => {
  it("stores the score the Worker computed beside the answers, though the page sent none", async () => {
    await submit("sus-poll", answersOf(5, 4, 2, 1, 2, 3, 2, 4, 5, 2));
    expect(await stored()).toEqual([{ ...answersOf(5, 4, 2, 1, 2, 3, 2, 4, 5, 2), sus_score: 55 }]);
  });

  it("computes the score from a plain form post (JavaScript off) too", async () => {
    const res = await postForm(URL_, Object.entries(answersOf(5, 1, 5, 1, 5, 1, 5, 1, 5, 1)).map(([k, v]): [string, string] => [k, String(v)]));
    expect(res.status).toBe(303);
    expect(await stored()).toEqual([{ ...answersOf(5, 1, 5, 1, 5, 1, 5, 1, 5, 1), sus_score: 100 }]);
  });

  it("refuses a value sent for the computed id with 422, as an unknown field, and stores nothing", async () => {
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), answers: { ...answersOf(1, 5, 1, 5, 1, 5, 1, 5, 1, 5), sus_score: 100 } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ errors: { _form: "Unknown field: sus_score. This survey has no such question." } });
    const form = await postForm(URL_, [...Object.entries(answersOf(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)).map(([k, v]): [string, string] => [k, String(v)]), ["sus_score", "100"]]);
    expect(form.status).toBe(422);
    expect(await form.text()).toContain("Unknown field: sus_score.");
    expect(await rows("sus-poll")).toHaveLength(0);
  });

  it("keeps the follow-up answered below a score of 68 and drops it above, by the Worker's score", async () => {
    await submit("sus-poll", { ...answersOf(3, 3, 3, 3, 3, 3, 3, 3, 3, 3), obstacle: "Too many menus" });
    await submit("sus-poll", { ...answersOf(5, 1, 5, 1, 5, 1, 5, 1, 5, 1), obstacle: "Nothing" });
    expect(await stored()).toEqual(expect.arrayContaining([
      { ...answersOf(3, 3, 3, 3, 3, 3, 3, 3, 3, 3), obstacle: "Too many menus", sus_score: 50 },
      { ...answersOf(5, 1, 5, 1, 5, 1, 5, 1, 5, 1), sus_score: 100 },
    ]));
  });

  it("exports the score as a CSV column after the ten statements, and in JSON", async () => {
    await submit("sus-poll", answersOf(4, 2, 4, 1, 4, 2, 5, 1, 4, 2));
    const res = await admin("/api/admin/surveys/sus-poll/responses?format=csv");
    expect(res.status).toBe(200);
    const [header, row] = (await res.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe("submitted_at,response_id,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10,sus_score,obstacle");
    expect(row!.split(",").slice(2)).toEqual(["4", "2", "4", "1", "4", "2", "5", "1", "4", "2", "82.5", ""]);
    const json = await adminJson<{ responses: { answers: Record<string, unknown> }[] }>("/api/admin/surveys/sus-poll/responses");
    expect(json.responses[0]!.answers.sus_score).toBe(82.5);
  });

  it("summarises the score like a number question: count, mean, interval, min and max", async () => {
    for (const values of [[3, 3, 3, 3, 3, 3, 3, 3, 3, 3], [5, 1, 5, 1, 5, 1, 5, 1, 5, 1], [4, 2, 4, 1, 4, 2, 5, 1, 4, 2]]) await submit("sus-poll", answersOf(...values));
    const summary = await adminJson<SurveySummary>("/api/admin/surveys/sus-poll/summary");
    const score = summary.questions.sus_score!;
    expect(score).toMatchObject({ type: "computed", asked: 3, answered: 3, min: 50, max: 100 });
    expect("mean" in score && score.mean).toBeCloseTo(77.5, 10);
    expect("ci95" in score && score.ci95).toHaveLength(2);
  });
});
