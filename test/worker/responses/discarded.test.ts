/**
 * Without JavaScript a survey page shows every question, skip logic or not, so a respondent
 * may answer one that does not apply. When the form is refused anyway, its 422 page says which
 * answers would not be kept, instead of dropping them without a word.
 */
import { describe, expect, it } from "vitest";
import { postForm, postJson, rows } from "../helpers.ts";

const SURVEY = "all-types";

describe("a refused form post", () => {
  it("lists each answer to a question that does not apply, with the question's label, and stores nothing", async () => {
    // satisfaction 5 hides `reason` (show_if: satisfaction <= 3); the unticked consent is the error.
    const res = await postForm(`/api/responses/${SURVEY}`, [["satisfaction", "5"], ["reason", "Other"], ["reason_other", "Too dear"], ["nickname", "Al"]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("<strong>I agree to be contacted</strong>: Tick the box to give your consent.");
    expect(html).toContain("<li>Your answer to “What mattered most?” was not kept: the question does not apply given your other answers.</li>");
    expect(html).not.toContain("Your answer to “Nickname”");
    expect(html).not.toContain("Your answer to “How satisfied");
    expect(await rows(SURVEY)).toHaveLength(0);
  });

  it("names nothing when every answer applies, and JSON clients get only the per-field errors", async () => {
    const page = await (await postForm(`/api/responses/${SURVEY}`, [["satisfaction", "2"], ["reason", "Price"]])).text();
    expect(page).not.toContain("was not kept");
    const json = await postJson(`/api/responses/${SURVEY}`, { submission_id: crypto.randomUUID(), answers: { satisfaction: 5, reason: "Price" } });
    expect(json.status).toBe(422);
    const body = (await json.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["error", "errors"]);
    expect(JSON.stringify(body)).not.toContain("was not kept");
  });
});
