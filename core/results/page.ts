/**
 * The survey-specific part of the one results page (`/admin/surveys/<id>/`): the build
 * publishes a single page without any survey in it (site/pages/admin/results.astro), and
 * the Worker stamps into it for the survey asked for (worker/pages/results.ts) the
 * headings (core/results/headings.ts) and this: the data as JSON that the page script
 * (site/scripts/admin-results.ts) builds the question sections from. The page script
 * imports this module, so it stays light: no Markdown parser (headings.ts has that).
 *
 * @example
 *   resultsPageSurvey(published) // { id, anonymous, questions: [...], computed: [{ id: "score", label: "Score" }] }
 */
import type { PublishedSurvey } from "../compile.ts";
import type { Question } from "../model.ts";
import { plainLabel } from "../piping.ts";
import { allComputed, allQuestions } from "../survey.ts";

/** What the results page's script reads of its survey: every question in order, and the computed values' headings. */
export type ResultsPageSurvey = { id: string; anonymous: boolean; questions: Question[]; computed: { id: string; label: string }[] };

/** The element the survey's JSON is written into (a `<script type="application/json">`). */
export const RESULTS_DATA_ID = "admin-survey";

export function resultsPageSurvey(published: PublishedSurvey): ResultsPageSurvey {
  const s = published.survey;
  const computed = allComputed(s).map((c) => ({ id: c.id, label: plainLabel(c.label ?? c.id) }));
  return { id: published.id, anonymous: s.anonymous, questions: allQuestions(s), computed };
}
