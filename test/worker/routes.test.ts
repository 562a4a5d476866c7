/**
 * The Worker's whole URL space in one place: every method and path the app answers,
 * and where the admin bearer check runs. A new route, or a route moved to another
 * prefix, changes this list: that is the point, so the change is seen and reviewed.
 */
import { inspectRoutes } from "hono/dev";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/app.ts";
import { TEST_ADMIN_TOKEN } from "./constants.ts";
import { admin, call } from "./helpers.ts";

const routes = inspectRoutes(app);
const endpoints = [...new Set(routes.filter((r) => !r.isMiddleware).map((r) => `${r.method} ${r.path}`))];

describe("the route map", () => {
  it("lists every endpoint under its real prefix", () => {
    expect(endpoints).toEqual([
      "GET /api/health",
      "POST /api/responses/:survey",
      "POST /api/invitations/:survey",
      "GET /api/optout/:token",
      "POST /api/optout/:token",
      "GET /api/papers/:slug/ticket",
      "POST /api/papers/:slug/requests",
      "GET /papers/files/*",
      "GET /papers/:slug/",
      "GET /papers/*",
      "POST /api/hits",
      "GET /s/:survey/",
      "GET /s/:survey/:lang/",
      "ALL /s/*",
      "GET /admin/surveys/:survey/",
      "GET /admin/surveys/:survey",
      "ALL /admin/surveys/*",
      "GET /api/admin/surveys",
      "GET /api/admin/surveys/:survey/responses",
      "GET /api/admin/surveys/:survey/responses/:response",
      "DELETE /api/admin/surveys/:survey/responses/:response",
      "GET /api/admin/surveys/:survey/summary",
      "GET /api/admin/surveys/:survey/answers/:key",
      "POST /api/admin/surveys/:survey/invitations",
      "GET /api/admin/surveys/:survey/invitations",
      "GET /api/admin/surveys/:survey/invitations/contacts",
      "GET /api/admin/outbox",
      "POST /api/admin/contacts/erase",
      "GET /api/admin/leads",
      "GET /api/admin/stats",
      "POST /api/admin/people/erase",
      "GET /api/admin/benchmarks/:metric",
    ]);
  });

  it("checks the admin token once, in front of every /api/admin/ route", () => {
    const guards = routes.filter((r) => r.isMiddleware && r.method === "ALL" && r.path.startsWith("/api/admin"));
    expect(guards.map((r) => `${r.method} ${r.path} ${r.name}`)).toEqual(["ALL /api/admin/* adminAuth"]);
    expect(endpoints.filter((e) => e.includes("/api/admin/"))).toHaveLength(15);
  });
});

describe("outside the route map", () => {
  it("any path under /api/admin/ asks for the token before it says whether anything is there", async () => {
    const res = await call("/api/admin/nothing-here");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    expect((await admin("/api/admin/nothing-here", TEST_ADMIN_TOKEN)).status).toBe(404);
  });

  it("any other path is a 404 that names the method and path", async () => {
    const res = await call("/api/nothing-here", { headers: { accept: "application/json" } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Nothing is at GET /api/nothing-here." });
  });
});
