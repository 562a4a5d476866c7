/** "No input a client can send gives a 5xx", for the paper form and the download route. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call } from "../helpers.ts";
import { randomIp, SLUG } from "./helpers.ts";

const types = fc.constantFrom("application/json", "application/x-www-form-urlencoded", "multipart/form-data", "text/plain", "");
const slugs = fc.constantFrom(SLUG, "nope", "..", "%2e%2e", "__proto__", "files", "a%00b");

describe("arbitrary input never causes a server error", () => {
  it("random bodies and content types to the request endpoint", async () => {
    await fc.assert(
      fc.asyncProperty(slugs, types, fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 2000 })), async (slug, type, body) => {
        const headers: Record<string, string> = { "cf-connecting-ip": randomIp() };
        if (type) headers["content-type"] = type;
        const res = await call(`/api/papers/${slug}/requests`, { method: "POST", headers, body });
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 150 },
    );
  });

  it("JSON objects with arbitrary fields and values", async () => {
    const fields = fc.dictionary(
      fc.constantFrom("name", "email", "company", "job_title", "marketing_consent", "website", "_ticket", "cf-turnstile-response", "__proto__", "x"),
      fc.oneof(fc.anything(), fc.string(), fc.boolean()),
    );
    await fc.assert(
      fc.asyncProperty(fields, async (body) => {
        const res = await call(`/api/papers/${SLUG}/requests`, {
          method: "POST",
          headers: { "content-type": "application/json", "cf-connecting-ip": randomIp() },
          body: JSON.stringify(body),
        });
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 200 },
    );
  });

  it("arbitrary file names and tokens", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant("short-surveys-guide.pdf"), fc.webSegment(), fc.string()), fc.string(), async (name, t) => {
        const res = await call(`/papers/files/${encodeURIComponent(name)}?t=${encodeURIComponent(t)}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 200 },
    );
  });
});
