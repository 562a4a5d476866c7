/**
 * `GET /api/admin/leads?format=json|csv[&paper=<slug>]` (mounted at `/api/admin/leads`,
 * behind the admin bearer check): the leads. The privacy page promises they are used by
 * the site's owner alone: this is the one route that reads them. A client token gets only
 * the leads of its own client's papers (worker/http/scope.ts); another client's paper
 * answers exactly as a paper with no leads.
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" ':8787/api/admin/leads?format=csv' > leads.csv
 */
import { Hono } from "hono";
import { toCsv } from "../../core/csv.ts";
import { PaperSlug } from "../../core/papers.ts";
import type { AdminEnv } from "../http/auth.ts";
import { Problem } from "../http/problems.ts";
import { readablePapers } from "../http/scope.ts";
import { LEAD_COLUMNS, listLeads } from "./store.ts";

export const leadsAdmin = new Hono<AdminEnv>();

leadsAdmin.get("/", async (c) => {
  const format = c.req.query("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new Problem(400, 'format is "json" or "csv".');
  const paper = c.req.query("paper");
  if (paper !== undefined && !PaperSlug.safeParse(paper).success) throw new Problem(404, `There is no paper called "${paper.slice(0, 80)}".`);
  const caller = c.get("caller");
  const leads = await listLeads(c.env.DB, paper, caller.kind === "owner" ? undefined : readablePapers(caller).map((p) => p.slug));
  c.header("cache-control", "no-store");
  if (format === "json") return c.json({ leads });
  return c.body(toCsv(LEAD_COLUMNS, leads), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="leads${paper ? `-${paper}` : ""}.csv"`,
  });
});
