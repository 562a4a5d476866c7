/**
 * The survey-specific part of the one results page (`/admin/surveys/<id>/`): the build
 * publishes a single page without any survey in it (site/pages/admin/results.astro), and
 * the Worker stamps these into it for the survey asked for (worker/pages/results.ts): the
 * headings as text, the data as JSON that the page script (site/scripts/admin-results.ts)
 * builds the question sections from. One definition here, so the words a heading shows
 * are the same whoever renders them.
 *
 * @example
 *   resultsHeadings(published) // { title: "How did we do?", meta: "customer-feedback · open · 2026-12-01 to …" }
 *   resultsPageSurvey(published) // { id, anonymous, questions: [...], computed: [{ id: "score", label: "Score" }] }
 */
import type { PublishedSurvey } from "../compile.ts";
import type { Question } from "../model.ts";
import { plainLabel } from "../piping.ts";
import { plainText } from "../plain-text.ts";
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

/** The page's title (`<title>` is "Results: " and this) and the line under it: id · status · anonymous · dates. */
export function resultsHeadings(published: PublishedSurvey): { title: string; meta: string } {
  const s = published.survey;
  const dates = s.opens || s.closes ? ` · ${s.opens ?? "…"} to ${s.closes ?? "…"}` : "";
  return { title: plainText(s.title), meta: `${published.id} · ${s.status}${s.anonymous ? " · anonymous" : ""}${dates}` };
}

/** JSON that can stand inside a `<script>` element: no `<`, so no text in it can close the element or open a comment. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
