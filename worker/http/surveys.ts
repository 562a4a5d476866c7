/**
 * The one mapping from a survey's state (worker/catalog.ts) to an HTTP refusal, for
 * every route that names a survey: unknown 404, closed or ended 410, a draft or not yet
 * open 403, each with the catalog's sentence. The owner's routes read stored data of a
 * survey whatever its dates, so for them only an unknown survey is refused, and another
 * client's survey is refused the same way (worker/http/scope.ts `surveyForCaller`).
 *
 * @example
 *   const found = await lookupSurvey(c.env, id, new Date());
 *   if (found.state !== "open") throw surveyRefusal(found);
 */
import type { Unavailable } from "../catalog.ts";
import { Problem } from "./problems.ts";

/** How a route words a refusal when its action differs from answering (the invitation upload). */
export type RefusalWording = { draft?: string; afterDates?: string };

export function surveyRefusal(s: Unavailable, wording: RefusalWording = {}): Problem {
  if (s.state === "unknown") return new Problem(404, s.message);
  if (s.state === "draft") return new Problem(403, wording.draft ?? s.message);
  const message = wording.afterDates ? `${s.message} ${wording.afterDates}` : s.message;
  return new Problem(s.state === "closed" || s.state === "ended" ? 410 : 403, message);
}
