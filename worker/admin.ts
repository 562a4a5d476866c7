/**
 * `/api/admin/*`: everything that reads data. Only with `Authorization: Bearer <token>`,
 * where the token is the owner's `CANVASS_ADMIN_TOKEN` secret (client-scoped tokens come later).
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" :8787/api/admin/surveys/customer-feedback/responses
 */
import { Hono } from "hono";
import { invitationsAdmin } from "./invitations/admin.ts";
import { leadsAdmin } from "./leads.ts";
import { Problem } from "./problems.ts";
import { deleteResponse, listResponses } from "./response-store.ts";
import { surveyIdOr404 } from "./surveys.ts";
import { statsReport } from "./stats/report.ts";

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Compares in constant time: both sides are hashed to equal length first, so neither length nor content leaks through timing. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export const admin = new Hono<{ Bindings: Env }>();

admin.use("*", async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const expected = c.env.CANVASS_ADMIN_TOKEN;
  if (!match || !expected || !(await sameSecret(match[1]!, expected))) {
    c.header("WWW-Authenticate", 'Bearer realm="canvass-admin"');
    throw new Problem(401, "This needs an admin token: send Authorization: Bearer <token>.");
  }
  await next();
});

admin.get("/surveys/:survey/responses", async (c) => {
  const id = surveyIdOr404(c.req.param("survey"));
  return c.json({ responses: await listResponses(c.env.DB, id) });
});

// The privacy page promises respondents that the owner can delete their answers on request.
admin.delete("/surveys/:survey/responses/:response", async (c) => {
  const deleted = await deleteResponse(c.env.DB, c.req.param("survey"), c.req.param("response"));
  if (!deleted) throw new Problem(404, "There is no such response in this survey (it may have been deleted already).");
  return c.json({ deleted: c.req.param("response") });
});

admin.route("/stats", statsReport);
admin.route("/", invitationsAdmin);

admin.route("/leads", leadsAdmin);
