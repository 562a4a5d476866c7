/** Wording the legal pages derive from the site configuration. */
import type { SiteConfig } from "../site.config.ts";
import { longDate } from "./render.ts";

export const reviewed = (site: SiteConfig) => longDate(site.legalReviewed);

/** "kept until …" for responses. */
export function responseRetention(site: SiteConfig): string {
  const r = site.retention.responses;
  return "days" in r
    ? `Responses are deleted automatically ${r.days} days after they were sent, or earlier if the survey owner deletes them.`
    : "Responses are kept until the survey owner deletes them. There is no automatic deletion yet, so if you want yours removed sooner, write to us (see below).";
}
