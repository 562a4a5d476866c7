/**
 * The end screen on record: the Worker stores with each response which ending its answers
 * chose (the ending's `id`, or `ending:<position>`), with JavaScript on or off, and the
 * exports (CSV `_ending`, JSON and NDJSON `ending`) and the summary (`endings`) carry it.
 * Fixtures: endings-poll.yaml (endings detail, low, away, and an unnamed default at
 * position 3) and tiny-poll.yaml (no endings).
 */
import Papa from "papaparse";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SurveySummary } from "../../../core/results/types.ts";
import { admin, postForm, postJson } from "../helpers.ts";

const URL_ = "/api/responses/endings-poll";
const stored = async (id: string) => (await env.DB.prepare("SELECT ending FROM responses WHERE id = ?1").bind(id).first<{ ending: string | null }>())?.ending;
const json = async (answers: Record<string, unknown>, url = URL_) => {
  const id = crypto.randomUUID();
  expect((await postJson(url, { submission_id: id, answers })).status).toBe(201);
  return id;
};

describe("the ending a response was shown is stored with it", () => {
  it("a JSON submission stores the chosen ending's id, and the unnamed default as ending:3", async () => {
    const low = await json({ score: 4 });
    const away = await json({ score: 10 });
    const plain = await json({ score: 7 });
    expect([await stored(low), await stored(away), await stored(plain)]).toEqual(["low", "away", "ending:3"]);
  });

  it("a plain form post (JavaScript off) stores it too", async () => {
    const id = crypto.randomUUID();
    const res = await postForm(URL_, [["_submission", id], ["score", "2"], ["detail", "Broken"]]);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/s/endings-poll/thanks/detail/");
    expect(await stored(id)).toBe("detail");
  });

  it("a resend of the same submission keeps the ending first stored", async () => {
    const id = crypto.randomUUID();
    expect((await postJson(URL_, { submission_id: id, answers: { score: 1 } })).status).toBe(201);
    expect((await postJson(URL_, { submission_id: id, answers: { score: 1 } })).status).toBe(200);
    expect(await stored(id)).toBe("low");
  });

  it("a survey without endings stores none", async () => {
    expect(await stored(await json({ ok: "yes" }, "/api/responses/tiny-poll"))).toBeNull();
  });
});

describe("the exports and the summary carry it", () => {
  it("CSV has an _ending column, JSON and NDJSON an ending field", async () => {
    const low = await json({ score: 3 });
    const plain = await json({ score: 8 });
    const csv = Papa.parse<Record<string, string>>((await (await admin("/api/admin/surveys/endings-poll/responses?format=csv")).text()).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
    expect(csv.meta.fields).toEqual(["submitted_at", "response_id", "score", "why", "detail", "_ending"]);
    expect(csv.data.map((r) => [r.response_id, r._ending]).sort()).toEqual([[low, "low"], [plain, "ending:3"]].sort());
    const ndjson = (await (await admin("/api/admin/surveys/endings-poll/responses?format=ndjson")).text()).trim().split("\n").map((l) => JSON.parse(l) as { id: string; ending?: string });
    expect(ndjson.map((r) => [r.id, r.ending]).sort()).toEqual([[low, "low"], [plain, "ending:3"]].sort());
    const listed = (await (await admin("/api/admin/surveys/endings-poll/responses?format=json")).json()) as { responses: { id: string; ending?: string }[] };
    expect(listed.responses.map((r) => [r.id, r.ending]).sort()).toEqual([[low, "low"], [plain, "ending:3"]].sort());
  });

  it("a survey without endings exports no _ending column and no ending field", async () => {
    await json({ ok: "no" }, "/api/responses/tiny-poll");
    const header = (await (await admin("/api/admin/surveys/tiny-poll/responses?format=csv")).text()).replace(/^\uFEFF/, "").split("\r\n")[0];
    expect(header).toBe("submitted_at,response_id,ok");
    const [record] = (await (await admin("/api/admin/surveys/tiny-poll/responses?format=ndjson")).text()).trim().split("\n").map((l) => JSON.parse(l) as object);
    expect(record).not.toHaveProperty("ending");
  });

  it("the summary counts responses per ending, every ending listed", async () => {
    for (const score of [10, 9, 2, 7]) await json({ score });
    const summary = (await (await admin("/api/admin/surveys/endings-poll/summary")).json()) as SurveySummary;
    expect(summary.endings).toEqual({ detail: 0, low: 1, away: 2, "ending:3": 1 });
  });
});
