/**
 * The site's own settings: who runs it and what the legal pages promise. The privacy
 * and terms pages are generated from this object and the Worker's daily purges read
 * it, so a change here (a new address, a retention period) changes what respondents
 * are told and what the code does, together. Schema: core/config.ts.
 */
import { defineConfig } from "./core/config.ts";

export default defineConfig({
  organisation: "Canvass Example Ltd",
  contactEmail: "privacy@canvass.example",
  postalAddress: ["Canvass Example Ltd", "1 Example Street", "Exampleton EX1 2MP", "United Kingdom"],
  legalReviewed: "2026-11-30",
  // Whom surveys are run for. A survey or paper without `client:` belongs to the default;
  // a client's token (`canvass token create --client <id>`) sees only its own data.
  clients: [
    { id: "canvass-example", name: "Canvass Example Ltd", industry: "software", default: true },
    { id: "northwind", name: "Northwind Traders", industry: "retail" },
  ],
  retention: {
    // The default for surveys without their own `retention_days`: kept until the owner deletes them.
    // (`{ days: N }` would make the daily cron delete them, as it does for surveys that set retention_days.)
    responses: { until: "deleted-by-owner" },
    // Invitations (worker/invitations/): no automatic purge yet; the owner deletes a person's
    // contact details and invitations with POST /api/admin/contacts/erase. Opt-outs are kept.
    contacts: { until: "deleted-by-owner" },
    // About 13 months: a year-on-year comparison, and no longer. The daily cron purges older counts.
    visitorStatisticsDays: 395,
    // A year after a person's last request for a paper; the daily cron deletes older leads.
    leadsDays: 365,
  },
});
