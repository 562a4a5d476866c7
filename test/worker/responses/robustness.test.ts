/**
 * "No input a client can send gives a 5xx": property tests throw arbitrary bodies,
 * content types and answers at the response endpoint and check every status is < 500.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, rows } from "../helpers.ts";

const contentTypes = fc.constantFrom("application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "application/json; charset=utf-8", "");
const surveys = fc.constantFrom("all-types", "tiny-poll", "closed-poll", "draft-poll", "nope", "ALL", "..", "a%00b");

describe("arbitrary input never causes a server error", () => {
  it("random bodies and content types", async () => {
    await fc.assert(
      fc.asyncProperty(surveys, contentTypes, fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 2000 })), async (survey, type, body) => {
        const res = await call(`/api/responses/${survey}`, { method: "POST", headers: type ? { "content-type": type } : {}, body });
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 150 },
    );
  });

  it("well-formed JSON submissions with arbitrary answers", async () => {
    const answers = fc.dictionary(
      fc.constantFrom("satisfaction", "reason", "reason_other", "tools", "grid", "age", "since", "agree", "email", "x", "__proto__", "constructor"),
      fc.oneof(fc.anything(), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string())),
    );
    await fc.assert(
      fc.asyncProperty(answers, async (a) => {
        const res = await call("/api/responses/all-types", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ submission_id: crypto.randomUUID(), answers: a }),
        });
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 200 },
    );
    // Whatever was accepted is well-formed JSON in D1.
    for (const r of await rows()) expect(() => JSON.parse(r.answers)).not.toThrow();
  });
});
