/**
 * `GET /api/admin/leads?format=json|csv[&paper=<slug>]`: the leads, for the owner only
 * (mounted under the admin app's bearer check). The privacy page promises they are
 * used by the site's owner alone: this is the one route that reads them. And
 * `purgeOldLeads`, the daily task that keeps the retention period the privacy page states.
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" ':8787/api/admin/leads?format=csv' > leads.csv
 */
import { Hono } from "hono";
import { toCsv } from "../core/csv.ts";
import { PaperSlug } from "../core/papers.ts";
import site from "../canvass.config.ts";
import { LEAD_COLUMNS, listLeads, purgeLeads } from "./lead-store.ts";
import { Problem } from "./problems.ts";

/** Daily: deletes leads `site.retention.leadsDays` after the person's last request (canvass.config.ts, stated on /privacy/). */
export async function purgeOldLeads(env: Env, now: Date): Promise<void> {
  const deleted = await purgeLeads(env.DB, site.retention.leadsDays, now);
  if (deleted) console.log(`leads: deleted ${deleted} past the retention period`);
}

export const leadsAdmin = new Hono<{ Bindings: Env }>();

leadsAdmin.get("/", async (c) => {
  const format = c.req.query("format") ?? "json";
  if (format !== "json" && format !== "csv") throw new Problem(400, 'format is "json" or "csv".');
  const paper = c.req.query("paper");
  if (paper !== undefined && !PaperSlug.safeParse(paper).success) throw new Problem(404, `There is no paper called "${paper.slice(0, 80)}".`);
  const leads = await listLeads(c.env.DB, paper);
  c.header("cache-control", "no-store");
  if (format === "json") return c.json({ leads });
  return c.body(toCsv(LEAD_COLUMNS, leads), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="leads${paper ? `-${paper}` : ""}.csv"`,
  });
});
