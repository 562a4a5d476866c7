/**
 * Pop-up surveys post their answers from the client's own site: CORS on
 * `POST /api/responses/<id>` allows exactly the origins the survey's `intercept:` lists
 * (test/fixtures/surveys/tiny-poll.yaml lists https://shop.example), and a JSON post or
 * preflight from any other foreign origin is refused before anything is stored.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, call, postJson } from "../helpers.ts";

const LISTED = "https://shop.example";
const FOREIGN = "https://evil.example";

const preflight = (survey: string, origin: string) =>
  call(`/api/responses/${survey}`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });

const stored = async (id: string) => (await env.DB.prepare("SELECT count(*) AS n FROM responses WHERE id = ?").bind(id).first<{ n: number }>())!.n;

describe("CORS for pop-up surveys", () => {
  it("answers the preflight of a listed origin with that origin, POST allowed, and Vary: Origin", async () => {
    const res = await preflight("tiny-poll", LISTED);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(res.headers.get("access-control-allow-methods")).toBe("POST");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    expect(res.headers.get("vary")).toContain("Origin");
  });

  it("stores a JSON post from a listed origin and lets that origin read the answer", async () => {
    const id = crypto.randomUUID();
    const res = await postJson("/api/responses/tiny-poll", { submission_id: id, answers: { ok: "yes" } }, { origin: LISTED });
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(res.headers.get("vary")).toContain("Origin");
    expect(await stored(id)).toBe(1);
  });

  it("lets a listed origin read a refusal too (422 with the per-question messages)", async () => {
    const res = await postJson("/api/responses/tiny-poll", { submission_id: crypto.randomUUID(), answers: { ok: "maybe" } }, { origin: LISTED });
    expect(res.status).toBe(422);
    expect(res.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(((await res.json()) as { errors: Record<string, string> }).errors.ok).toBe("Choose yes or no.");
  });

  it("refuses the preflight of an origin that is not listed, with no CORS headers", async () => {
    for (const [survey, origin] of [["tiny-poll", FOREIGN], ["tiny-poll", "null"], ["tiny-poll", "https://shop.example.evil.example"], ["all-types", LISTED]] as const) {
      const res = await preflight(survey, origin);
      expect(res.status, `${survey} from ${origin}`).toBe(403);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      expect(((await res.json()) as { error: string }).error).toContain("not among the survey's intercept origins");
    }
  });

  it("refuses a JSON post from an origin that is not listed with 403 and stores nothing", async () => {
    const id = crypto.randomUUID();
    const res = await postJson("/api/responses/tiny-poll", { submission_id: id, answers: { ok: "yes" } }, { origin: FOREIGN });
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await stored(id)).toBe(0);
  });

  it("still takes JSON from the survey page itself (its own origin) and from clients that send no Origin", async () => {
    const same = crypto.randomUUID();
    const res = await postJson("/api/responses/tiny-poll", { submission_id: same, answers: { ok: "yes" } }, { origin: BASE });
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("vary")).toContain("Origin");
    const bare = crypto.randomUUID();
    expect((await postJson("/api/responses/tiny-poll", { submission_id: bare, answers: { ok: "no" } })).status).toBe(201);
    expect(await stored(same) + await stored(bare)).toBe(2);
  });

  it("takes JSON sent with Origin: null, as a browser sends it from our own page under no-referrer, with no CORS headers", async () => {
    const id = crypto.randomUUID();
    const res = await postJson("/api/responses/tiny-poll", { submission_id: id, answers: { ok: "yes" } }, { origin: "null" });
    expect(res.status).toBe(201);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await stored(id)).toBe(1);
  });

  it("still takes a plain HTML form posted from another site, as before (no CORS headers)", async () => {
    const res = await call("/api/responses/tiny-poll", {
      method: "POST",
      headers: { origin: FOREIGN, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams([["ok", "yes"]]).toString(),
      redirect: "manual",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
