/**
 * The Worker's HTTP surface, in one route map: every feature's small Hono apps mounted
 * under their real prefixes, the admin bearer check applied once to `/api/admin/*`, and
 * the one place where errors become responses. Anything not a `Problem` is our bug (or a
 * `ConfigError`, worker/config.ts): it is logged and answered with a generic 500 that
 * reveals nothing. test/worker/routes.test.ts lists every method and path this serves.
 *
 * @example
 *   await app.fetch(new Request("https://canvass.example/api/health"), env) // 200 {"ok": true}
 */
import { Hono } from "hono";
import { benchmarksAdmin } from "./benchmarks/admin.ts";
import { redactTokens } from "../core/tokens.ts";
import { adminAuth } from "./http/auth.ts";
import { securityHeaders } from "./http/headers.ts";
import { Problem, renderProblem } from "./http/problems.ts";
import { invitationsAdmin, outboxAdmin } from "./invitations/admin.ts";
import { optout, personalLinks } from "./invitations/routes.ts";
import { leadsAdmin } from "./papers/admin.ts";
import { paperPages } from "./papers/pages.ts";
import { paperFiles, papers } from "./papers/routes.ts";
import { resultsPages } from "./pages/results.ts";
import { surveyPages } from "./pages/routes.ts";
import { contactsAdmin, peopleAdmin } from "./people/admin.ts";
import { answersAdmin, responsesAdmin, summaryAdmin, surveysAdmin } from "./responses/admin.ts";
import { responses } from "./responses/routes.ts";
import { statsAdmin } from "./stats/admin.ts";
import { hits } from "./stats/routes.ts";

export const app = new Hono<{ Bindings: Env }>();

// First, so every answer carries them: routes, refusals, notFound and onError alike.
app.use(securityHeaders);

app.get("/api/health", (c) => c.json({ ok: true }));

// Public
app.route("/api/responses", responses);
app.route("/api/invitations", personalLinks);
app.route("/api/optout", optout);
app.route("/api/papers", papers);
app.route("/papers/files", paperFiles);
app.route("/papers", paperPages);
app.route("/api/hits", hits);
app.route("/s", surveyPages);
// The results pages: one built page, stamped per survey (pages/results.ts); the data behind it is the admin API's.
app.route("/admin/surveys", resultsPages);

// Admin: everything that reads data or sends invitations: the owner's token sees every client, a client token only its own (http/scope.ts).
app.use("/api/admin/*", adminAuth);
app.route("/api/admin/surveys", surveysAdmin);
app.route("/api/admin/surveys/:survey/responses", responsesAdmin);
app.route("/api/admin/surveys/:survey/summary", summaryAdmin);
app.route("/api/admin/surveys/:survey/answers", answersAdmin);
app.route("/api/admin/surveys/:survey/invitations", invitationsAdmin);
app.route("/api/admin/outbox", outboxAdmin);
app.route("/api/admin/contacts", contactsAdmin);
app.route("/api/admin/leads", leadsAdmin);
app.route("/api/admin/stats", statsAdmin);
app.route("/api/admin/people", peopleAdmin);
app.route("/api/admin/benchmarks", benchmarksAdmin);

app.notFound((c) => renderProblem(c, new Problem(404, `Nothing is at ${c.req.method} ${new URL(c.req.url).pathname}.`)));
app.onError((err, c) => {
  if (err instanceof Problem) return renderProblem(c, err);
  console.error("unhandled error", redactTokens(err instanceof Error ? err.stack ?? err.message : String(err)));
  return c.json({ error: "Something went wrong on our side; nothing was stored. Please try again." }, 500);
});
