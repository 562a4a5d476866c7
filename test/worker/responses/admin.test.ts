/** The admin API reads data only for the owner's bearer token. */
import { describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "../constants.ts";
import { admin, call, postJson, rows } from "../helpers.ts";

describe("GET /api/admin/surveys/<id>/responses", () => {
  it("returns the stored responses in the documented shape to the owner", async () => {
    const id = crypto.randomUUID();
    await postJson("/api/responses/tiny-poll", { submission_id: id, answers: { ok: "no" } });
    const res = await admin("/api/admin/surveys/tiny-poll/responses");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { responses: { id: string; submitted_at: string; answers: unknown }[] };
    expect(body.responses).toHaveLength(1);
    expect(body.responses[0]).toMatchObject({ id, answers: { ok: "no" } });
    expect(body.responses[0]!.submitted_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("is 401 without a token, with a wrong token, or with another scheme, and reveals nothing", async () => {
    await postJson("/api/responses/tiny-poll", { submission_id: crypto.randomUUID(), answers: { ok: "yes" } });
    const attempts = [
      await call("/api/admin/surveys/tiny-poll/responses"),
      await admin("/api/admin/surveys/tiny-poll/responses", "wrong"),
      await admin("/api/admin/surveys/tiny-poll/responses", "test-admin-token-0123456789abcdeF"),
      await call("/api/admin/surveys/tiny-poll/responses", { headers: { authorization: "Basic dGVzdDp0ZXN0" } }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.text()).not.toContain('"ok"');
    }
  });

  it("for a survey with no responses returns an empty list", async () => {
    const res = await admin("/api/admin/surveys/closed-poll/responses");
    expect(await res.json()).toEqual({ responses: [], next: null });
  });
});

describe("DELETE /api/admin/surveys/<id>/responses/<response-id>", () => {
  it("deletes exactly that response for the owner, and says 404 the second time", async () => {
    const keep = crypto.randomUUID();
    const gone = crypto.randomUUID();
    await postJson("/api/responses/tiny-poll", { submission_id: keep, answers: { ok: "yes" } });
    await postJson("/api/responses/tiny-poll", { submission_id: gone, answers: { ok: "no" } });
    const del = (token?: string) => call(`/api/admin/surveys/tiny-poll/responses/${gone}`, { method: "DELETE", headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await del()).status).toBe(401);
    const res = await del(TEST_ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: gone });
    expect((await rows("tiny-poll")).map((r) => r.id)).toEqual([keep]);
    expect((await del(TEST_ADMIN_TOKEN)).status).toBe(404);
  });
});
