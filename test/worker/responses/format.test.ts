/**
 * Survey format 1.1 in the Worker: the author's `pattern` is enforced with the author's
 * message (JSON and the no-JavaScript 422 page), a note is no field, and the 422 page
 * uses the survey's own words (other_label, labels.back). Fixture: format-poll.yaml.
 */
import { describe, expect, it } from "vitest";
import { postForm, postJson, rows } from "../helpers.ts";

const URL_ = "/api/responses/format-poll";
const MESSAGE = "A customer number is two capital letters, a dash and four digits, like AB-1234.";

describe("pattern, notes and labels in the Worker", () => {
  it("an answer that does not match the pattern gets 422 with the author's message, and nothing is stored", async () => {
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), answers: { code: "ab-1234" } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Record<string, string> }).errors).toEqual({ code: MESSAGE });
    expect(await rows("format-poll")).toHaveLength(0);
  });

  it("a matching answer (trimmed) is stored", async () => {
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), answers: { code: " AB-1234 " } });
    expect(res.status).toBe(201);
    const stored = await rows("format-poll");
    expect(stored.map((r) => JSON.parse(r.answers))).toEqual([{ code: "AB-1234" }]);
  });

  it("without JavaScript the 422 page shows the message, the other_label and the survey's back link label", async () => {
    const res = await postForm(URL_, [["code", "AB1234"], ["channel", "Other"]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(MESSAGE);
    expect(html).toContain("How did you hear of us? (Somewhere else)");
    expect(html).toContain(">Zurück zur Umfrage</a>");
    expect(await rows("format-poll")).toHaveLength(0);
  });

  it("a note is no field: an answer sent under its id is refused as unknown", async () => {
    const res = await postJson(URL_, { submission_id: crypto.randomUUID(), answers: { code: "AB-1234", intro: "x" } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("Unknown field: intro");
  });
});
