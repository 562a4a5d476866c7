/**
 * The site's own settings: who runs it and what the legal pages promise. The privacy
 * and terms pages are generated from this object, so a change here (a new address,
 * a retention period) changes what respondents are told — and must match what the
 * code actually does. Validated when the site builds.
 */
import { z } from "zod";
import { IsoDate } from "../core/model.ts";

/** A retention period: kept for a number of days, or until the survey owner deletes it. */
const Retention = z.union([
  z.strictObject({ days: z.int().min(1) }),
  z.strictObject({ until: z.literal("deleted-by-owner") }),
]);

export const SiteConfig = z.strictObject({
  /** The organisation that runs this site and answers for the data (the controller). */
  organisation: z.string().trim().min(1),
  /** Where respondents write about their data or these terms. */
  contactEmail: z.email(),
  /** Postal address, one line per entry. */
  postalAddress: z.array(z.string().trim().min(1)).min(1),
  /** When the privacy and terms pages were last reviewed against the code (YYYY-MM-DD). */
  legalReviewed: IsoDate,
  /**
   * How long each kind of personal data is kept. A feature that stores personal data
   * gets its entry here, and the privacy page describes it only once the entry is set.
   */
  retention: z.strictObject({
    /** Stored survey responses. */
    responses: Retention,
    /**
     * Contact lists uploaded to send invitations. Leave unset while the site sends
     * none: the privacy page then says it sends no invitations.
     */
    contacts: Retention.optional(),
    /**
     * Daily visitor counts. Leave unset while the site counts no visitors: the privacy
     * page then says so, instead of stating a period for data that does not exist.
     */
    visitorStatisticsDays: z.int().min(1).optional(),
    /** Contact details left to download a white paper; unset while there are none. */
    leadsDays: z.int().min(1).optional(),
  }),
});
export type SiteConfig = z.output<typeof SiteConfig>;

export const site: SiteConfig = SiteConfig.parse({
  organisation: "Canvass Example Ltd",
  contactEmail: "privacy@canvass.example",
  postalAddress: ["Canvass Example Ltd", "1 Example Street", "Exampleton EX1 2MP", "United Kingdom"],
  legalReviewed: "2026-11-30",
  retention: {
    // The Worker has no automatic purge of responses yet: they stay until the owner deletes them.
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
