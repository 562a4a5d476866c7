/** Wording the legal pages derive from the site configuration. */
import type { CanvassConfig as SiteConfig } from "../../core/config.ts";
import { longDate } from "./render.ts";

export const reviewed = (site: SiteConfig) => longDate(site.legalReviewed);

type Retention = SiteConfig["retention"]["responses"];

/** One sentence on how long `what` is kept. */
export function retentionSentence(what: string, r: Retention): string {
  return "days" in r
    ? `${what} are deleted automatically ${r.days} days after they were received, or earlier if the survey owner deletes them.`
    : `${what} are kept until the survey owner deletes them. There is no automatic deletion yet, so if you want yours removed sooner, write to us (see below).`;
}
