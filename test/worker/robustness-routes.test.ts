/**
 * "No input a client can send gives a 5xx", across the whole API: every route the
 * Worker answers gets arbitrary methods, content types, bodies, path segments, tokens
 * and headers, and must answer below 500 every time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "./constants.ts";
import { call } from "./helpers.ts";

const segment = fc.oneof(
  fc.constantFrom("all-types", "tiny-poll", "draft-poll", "short-surveys-guide", "short-surveys-guide.pdf", "..", "%2e%2e", "%2F", "a%00b", "", "x".repeat(300)),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const routes: ((s: string, t: string) => string)[] = [
  (s) => `/api/responses/${s}`,
  (s, t) => `/api/optout/${t || s}`,
  (s, t) => `/api/invitations/${s}/${t || s}`,
  (s) => `/api/invitations/${s}`,
  (s) => `/api/papers/${s}/requests`,
  (s) => `/api/papers/${s}/ticket`,
  (s, t) => `/papers/files/${s}?t=${t}`,
  () => "/api/hits",
  () => "/api/health",
  (s) => `/api/admin/surveys/${s}/responses`,
  (s) => `/api/admin/surveys/${s}/invitations?source=client&client=x`,
  (s) => `/api/admin/surveys/${s}/responses/${s}`,
  (s) => `/api/admin/stats?from=${s}&to=${s}`,
  (s) => `/api/admin/leads?format=${s}`,
  () => "/api/admin/outbox?limit=-1",
  () => "/api/admin/contacts/erase",
  () => "/api/admin/people/erase",
  (s) => `/api/admin/benchmarks/${s}?client=${s}`,
];
const token = fc.oneof(fc.constant(""), fc.string({ maxLength: 200 }).map(encodeURIComponent), fc.base64String({ maxLength: 200 }).map((b) => `${b}.${b}`));
const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
const type = fc.constantFrom("application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/csv", "text/plain", "application/octet-stream", "");
const body = fc.oneof(fc.string({ maxLength: 500 }), fc.json({ maxDepth: 3 }), fc.uint8Array({ maxLength: 1000 }));
const auth = fc.constantFrom(undefined, `Bearer ${TEST_ADMIN_TOKEN}`, "Bearer nope", "Basic x");

describe("every route answers arbitrary requests below 500", () => {
  it("random methods, paths, tokens, content types, bodies and credentials", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(routes.length - 1), segment, token, method, type, body, auth, async (r, s, t, m, ct, b, a) => {
        const headers: Record<string, string> = { "cf-connecting-ip": "203.0.113.9", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0" };
        if (ct) headers["content-type"] = ct;
        if (a) headers.authorization = a;
        const path = routes[r]!(s, t);
        const res = await call(path, { method: m, headers, body: m === "GET" || m === "HEAD" ? undefined : b, redirect: "manual" });
        expect(res.status, `${m} ${path} (${ct})`).toBeLessThan(500);
        await res.arrayBuffer();
      }),
      { numRuns: 400 },
    );
  });
});
