/**
 * The owner's survey list and the paged responses list: every published survey appears
 * (drafts too, by id only), counts come from D1, and a cursor walks every response once.
 */
import { describe, expect, it } from "vitest";
import type { ResponsePage, SurveyList } from "../../../core/api/results.ts";
import type { StoredResponse } from "../../../core/api/responses.ts";
import { admin, call } from "../helpers.ts";
import { TEST_ADMIN_TOKEN } from "../constants.ts";
import { adminJson, seedResponses, submit, tinyResponses } from "./helpers.ts";

describe("GET /api/admin/surveys", () => {
  it("lists every published survey by id with its settings and response counts", async () => {
    await seedResponses("tiny-poll", tinyResponses(3));
    await submit("anon-invite-poll", { ok: "yes" });
    const { surveys } = await adminJson<SurveyList>("/api/admin/surveys");
    expect(surveys.map((s) => s.id)).toEqual([
      "all-types", "anon-invite-poll", "closed-poll", "draft-poll", "ended-poll", "endings-poll", "format-poll", "future-poll", "i18n-poll", "invite-poll", "multilingual-poll", "northwind-poll", "sus-poll", "tiny-poll", "types-poll",
    ]);
    const byId = new Map(surveys.map((s) => [s.id, s]));
    expect(byId.get("tiny-poll")).toEqual({
      id: "tiny-poll", title: "Tiny", status: "open", opens: null, closes: null, anonymous: false,
      responses: 3, last_response_at: "2026-11-01T00:00:02.000Z",
    });
    expect(byId.get("ended-poll")).toMatchObject({ status: "open", opens: "2020-01-01", closes: "2020-01-31", responses: 0, last_response_at: null });
    expect(byId.get("closed-poll")).toMatchObject({ title: "A closed poll", status: "closed" });
    // An anonymous survey keeps only the day of a response, and so does the list.
    expect(byId.get("anon-invite-poll")).toMatchObject({ anonymous: true, responses: 1 });
    expect(byId.get("anon-invite-poll")!.last_response_at).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\.000Z$/);
  });

  it("shows a draft by its id and status only, never its content", async () => {
    const res = await admin("/api/admin/surveys");
    const { surveys } = (await res.clone().json()) as SurveyList;
    expect(surveys.find((s) => s.id === "draft-poll")).toEqual({
      id: "draft-poll", title: "draft-poll", status: "draft", opens: null, closes: null, anonymous: false, responses: 0, last_response_at: null,
    });
    expect(await res.text()).not.toContain("A draft poll");
  });

  it("is 401 without the admin token", async () => {
    expect((await call("/api/admin/surveys")).status).toBe(401);
  });
});

describe("an unknown survey on the admin routes", () => {
  it("is a 404 with a sentence on every route, and a draft is known", async () => {
    const paths = ["responses", "responses?format=csv", "responses/x", "summary", "answers/story", "invitations", "invitations/contacts"];
    for (const path of paths) {
      const res = await admin(`/api/admin/surveys/no-such-survey/${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toEqual({ error: 'There is no survey called "no-such-survey".' });
    }
    const del = await call("/api/admin/surveys/no-such-survey/responses/x", { method: "DELETE", headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(del.status).toBe(404);
    expect((await admin("/api/admin/surveys/draft-poll/responses")).status).toBe(200);
    expect((await admin("/api/admin/surveys/draft-poll/summary")).status).toBe(200);
  });
});

async function walk(path: string): Promise<{ pages: number; responses: StoredResponse[] }> {
  const responses: StoredResponse[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const page: ResponsePage = await adminJson<ResponsePage>(`${path}${cursor ? `&cursor=${cursor}` : ""}`);
    pages++;
    responses.push(...page.responses);
    cursor = page.next;
  } while (cursor && pages < 100);
  return { pages, responses };
}

describe("GET /api/admin/surveys/<id>/responses as JSON pages", () => {
  it("walks every response exactly once, oldest first, with the cursor", async () => {
    const seeded = tinyResponses(250);
    await seedResponses("tiny-poll", [...seeded].reverse());
    const { pages, responses } = await walk("/api/admin/surveys/tiny-poll/responses?limit=100");
    expect(pages).toBe(3);
    expect(responses.map((r) => r.id)).toEqual(seeded.map((r) => r.id));
    expect(responses[7]).toEqual({ id: "r0007", submitted_at: seeded[7]!.submitted_at, definition_hash: "0".repeat(64), answers: { ok: "yes" } });
  });

  it("pages 100 at a time by default and says null after the last page", async () => {
    await seedResponses("tiny-poll", tinyResponses(100));
    const first = await adminJson<ResponsePage>("/api/admin/surveys/tiny-poll/responses");
    expect(first.responses).toHaveLength(100);
    expect(first.next).toBeNull();
  });

  it("keeps responses that share a time apart by id", async () => {
    const at = "2026-11-02";
    await seedResponses("tiny-poll", ["c", "a", "b", "d"].map((id) => ({ id, submitted_at: at, answers: { ok: "yes" } })));
    const { pages, responses } = await walk("/api/admin/surveys/tiny-poll/responses?limit=1");
    expect(responses.map((r) => r.id)).toEqual(["a", "b", "c", "d"]);
    expect(pages).toBe(4);
  });

  it("?since= returns only the responses from that time on, and pages within them", async () => {
    const seeded = tinyResponses(10);
    await seedResponses("tiny-poll", seeded);
    const { responses } = await walk(`/api/admin/surveys/tiny-poll/responses?since=${seeded[6]!.submitted_at}&limit=2`);
    expect(responses.map((r) => r.id)).toEqual(["r0006", "r0007", "r0008", "r0009"]);
    const day = await adminJson<ResponsePage>("/api/admin/surveys/tiny-poll/responses?since=2026-11-02");
    expect(day.responses).toEqual([]);
  });

  it("refuses a cursor it did not hand out, an unreadable since, a bad limit or an unknown format with a 400 sentence", async () => {
    const cases: [string, string][] = [
      ["cursor=not-a-cursor", "The cursor is not one this API handed out; start again without it."],
      [`cursor=${btoa('{"a":1}')}`, "The cursor is not one this API handed out; start again without it."],
      ["since=yesterday", "since must be an ISO 8601 date or time, like 2026-12-01 or 2026-12-01T09:30:00Z."],
      ["since=2026-13-45", "since must be an ISO 8601 date or time, like 2026-12-01 or 2026-12-01T09:30:00Z."],
      ["limit=0", "limit must be a whole number from 1 to 1000."],
      ["format=xlsx", 'format must be json, csv or ndjson, not "xlsx".'],
    ];
    for (const [query, error] of cases) {
      const res = await admin(`/api/admin/surveys/tiny-poll/responses?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json(), query).toEqual({ error });
    }
  });
});

describe("GET /api/admin/surveys/<id>/responses/<response-id>", () => {
  it("returns one response, and 404 for one that is not in this survey", async () => {
    const id = await submit("tiny-poll", { ok: "no" });
    const one = await adminJson<StoredResponse>(`/api/admin/surveys/tiny-poll/responses/${id}`);
    expect(one).toMatchObject({ id, answers: { ok: "no" } });
    expect(Object.keys(one).sort()).toEqual(["answers", "definition_hash", "id", "submitted_at"]);
    expect((await admin(`/api/admin/surveys/invite-poll/responses/${id}`)).status).toBe(404);
    expect((await admin("/api/admin/surveys/tiny-poll/responses/nothing")).status).toBe(404);
  });
});
