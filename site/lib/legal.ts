/** Wording the legal pages derive from the site configuration. */
import { ERASED } from "../../core/api/people.ts";
import type { CanvassConfig as SiteConfig } from "../../core/config.ts";
import { BENCHMARK_PRIVACY_SENTENCE } from "../../core/results/benchmarks.ts";
import { longDate } from "./render.ts";

export const reviewed = (site: SiteConfig) => longDate(site.legalReviewed);

type Retention = SiteConfig["retention"]["responses"];

/** One sentence on how long `what` is kept. */
export function retentionSentence(what: string, r: Retention): string {
  return "days" in r
    ? `${what} are deleted automatically ${r.days} days after they were received, or earlier if the survey owner deletes them.`
    : `${what} are kept until the survey owner deletes them. Nothing deletes them automatically, so if you want yours removed sooner, write to us (see below).`;
}

/** A survey's title and its own retention period, as the privacy page needs them. */
export type SurveyRetention = { title: string; retentionDays?: number | undefined };

/** The days `r` keeps responses, or undefined when they are kept until the owner deletes them. */
const defaultDays = (r: Retention) => ("days" in r ? r.days : undefined);

/** One sentence for a survey whose answers are kept for their own period. */
export function surveyRetentionSentence(title: string, days: number): string {
  return `Answers to ${title} are deleted after ${days} ${days === 1 ? "day" : "days"}.`;
}

/**
 * The sentences for the surveys whose `retention_days` differs from the site's default
 * (`retention.responses`): the same values worker/responses/cron.ts deletes by. Sorted by title.
 */
export function surveyRetentionSentences(surveys: readonly SurveyRetention[], fallback: Retention): string[] {
  return surveys
    .filter((s): s is SurveyRetention & { retentionDays: number } => s.retentionDays !== undefined && s.retentionDays !== defaultDays(fallback))
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((s) => surveyRetentionSentence(s.title, s.retentionDays));
}

/**
 * Who sees a survey's answers: the client it is run for (canvass.config.ts `clients`, each
 * survey's `client:`), whose keys open only that client's surveys (worker/http/scope.ts), and
 * the organisation that runs the site. Names every client, so the page changes with the config.
 */
export function clientsSentence(site: Pick<SiteConfig, "organisation" | "clients">): string {
  const names = site.clients.map((c) => c.name);
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const forWhom = names.length === 1 ? `for ${list}` : `for ${names.length} clients: ${list}`;
  return (
    `${site.organisation} runs the surveys on this site ${forWhom}. Each survey is run for one client, and your answers are disclosed only to that client ` +
    `(its access keys open its own surveys and no other's) and to ${site.organisation}, which runs the site for it. Other clients never see them, not even that they exist.`
  );
}

/** The benchmarks sentence: the minimum of clients and responses comes from the code's own constants (core/results/benchmarks.ts). */
export const benchmarkSentence = (): string => BENCHMARK_PRIVACY_SENTENCE;

/** How to have your data erased, and what that removes (core/api/people.ts ERASED, what worker/people/erase.ts deletes). */
export function erasureSentence(contactEmail: string): string {
  const items = Object.values(ERASED);
  return (
    `To have your data erased, write to ${contactEmail} from, or naming, the email address concerned. We then delete ${items.slice(0, -1).join(", ")} and ${items.at(-1)}, ` +
    "for every client at once, and keep only a one-way fingerprint of the address, so that you are never invited again."
  );
}
