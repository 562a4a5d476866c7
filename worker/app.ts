/**
 * The Worker's HTTP surface: one small Hono app per feature, mounted here, and the
 * one place where errors become responses. Anything not a `Problem` is our bug:
 * it is logged and answered with a generic 500 that reveals nothing.
 */
import { Hono } from "hono";
import { admin } from "./admin.ts";
import { personalLinks } from "./invitations/links.ts";
import { optout } from "./invitations/optout.ts";
import { paperFiles, papers } from "./papers.ts";
import { paperPages } from "./paper-pages.ts";
import { Problem, renderProblem } from "./problems.ts";
import { responses } from "./responses.ts";
import { hits } from "./stats/beacon.ts";

export const app = new Hono<{ Bindings: Env }>();

app.get("/api/health", (c) => c.json({ ok: true }));
app.route("/api/responses", responses);
app.route("/api/admin", admin);
app.route("/api/invitations", personalLinks);
app.route("/api/optout", optout);
app.route("/api/papers", papers);
app.route("/papers/files", paperFiles);
app.route("/papers", paperPages);
app.route("/api/hits", hits);

app.notFound((c) => renderProblem(c, new Problem(404, `Nothing is at ${c.req.method} ${new URL(c.req.url).pathname}.`)));
app.onError((err, c) => {
  if (err instanceof Problem) return renderProblem(c, err);
  console.error("unhandled error", err instanceof Error ? err.stack ?? err.message : String(err));
  return c.json({ error: "Something went wrong on our side; nothing was stored. Please try again." }, 500);
});
