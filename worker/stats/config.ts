/**
 * The visitor-statistics settings the Worker shares with the site: read from the same
 * canvass.config.ts that the privacy page states them from, so the period promised
 * there is the period the daily purge enforces.
 */
import site from "../../canvass.config.ts";

/**
 * Days of visitor counts kept, or undefined when the site counts no visitors: then the
 * beacon is accepted but nothing is counted, and the daily purge deletes any counts.
 */
export function visitorRetentionDays(): number | undefined {
  return site.retention.visitorStatisticsDays;
}
