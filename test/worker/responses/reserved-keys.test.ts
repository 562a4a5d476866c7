/**
 * README: "unknown fields are refused with 422". Keys that name an object's own machinery
 * (`__proto__`, `constructor`, `prototype`) are no exception: an object literal drops a
 * `__proto__` key when it is assigned, so answers are collected where it cannot be.
 */
import { describe, expect, it } from "vitest";
import { postForm, postJson, rows } from "../helpers.ts";

const NAMES = ["__proto__", "constructor", "prototype"];

describe("answer keys named __proto__, constructor or prototype", () => {
  it("from a form are a 422 page naming the field, and nothing is stored", async () => {
    for (const name of NAMES) {
      const res = await postForm("/api/responses/tiny-poll", [["ok", "yes"], [name, "x"]]);
      expect(res.status, name).toBe(422);
      expect(await res.text(), name).toContain(name);
    }
    expect(await rows()).toHaveLength(0);
  });

  it("in JSON answers are a 422 naming the field, and nothing is stored", async () => {
    for (const name of NAMES) {
      const body = `{"submission_id": "${crypto.randomUUID()}", "answers": {"ok": "yes", ${JSON.stringify(name)}: "x"}}`;
      const res = await postJson("/api/responses/tiny-poll", JSON.parse(body));
      expect(res.status, name).toBe(422);
      expect(JSON.stringify(await res.json()), name).toContain(`Unknown field: ${name}.`);
    }
    expect(await rows()).toHaveLength(0);
  });
});
