/**
 * The headings of a survey's results page (`/admin/surveys/<id>/`), which the Worker stamps
 * into the one built page (worker/pages/results.ts): the title as plain text, as the build
 * titles every page of the survey (core/plain-text.ts), and the line under it. Apart from
 * core/results/page.ts because the title needs the Markdown parser, which the page script
 * that imports page.ts must not carry.
 *
 * @example
 *   resultsHeadings(published) // { title: "How did we do?", meta: "customer-feedback · open · 2026-12-01 to …" }
 */
import type { PublishedSurvey } from "../compile.ts";
import { plainText } from "../plain-text.ts";

/** The page's title (`<title>` is "Results: " and this) and the line under it: id · status · anonymous · dates. */
export function resultsHeadings(published: PublishedSurvey): { title: string; meta: string } {
  const s = published.survey;
  const dates = s.opens || s.closes ? ` · ${s.opens ?? "…"} to ${s.closes ?? "…"}` : "";
  return { title: plainText(s.title), meta: `${published.id} · ${s.status}${s.anonymous ? " · anonymous" : ""}${dates}` };
}
