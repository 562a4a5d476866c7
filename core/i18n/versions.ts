/**
 * A published survey's languages and its pages in each: one rule, used by the build (the
 * pages and their language switch) and by the Worker (where a form in a language goes
 * back to, and where it lands after sending). The default language is at `/s/<id>/`,
 * every other at `/s/<id>/<language>/`.
 *
 * @example
 *   surveyLanguages(published)          // ["en", "de", "fr"]
 *   surveyPagePath(published, "de")     // "/s/customer-feedback/de/"
 *   inLanguage(published, "de").survey  // the German texts, the same questions and values
 */
import type { PublishedSurvey } from "../compile.ts";
import type { Survey } from "../model.ts";

/** The languages a survey is offered in, the default first. */
export const surveyLanguages = (p: { survey: Pick<Survey, "language" | "languages"> }): string[] => p.survey.languages ?? [p.survey.language];

/** `asked` when the survey is offered in it, else the survey's default: how a page or refusal read leniently picks its language. */
export function offeredLanguage(p: { survey: Pick<Survey, "language" | "languages"> }, asked: string | undefined): string {
  const languages = surveyLanguages(p);
  return asked !== undefined && languages.includes(asked) ? asked : languages[0]!;
}

/** The published survey as respondents in `language` read it: its translation in place of `survey` (the default's when there is none). */
export function inLanguage(p: PublishedSurvey, language: string): PublishedSurvey {
  const translation = p.translations?.[language];
  return translation ? { ...p, survey: translation } : p;
}

/** The survey's page in a language: `/s/<id>/` for the default, `/s/<id>/<language>/` for the others. */
export function surveyPagePath(p: { id: string; survey: Pick<Survey, "language" | "languages"> }, language: string): string {
  return language === surveyLanguages(p)[0] ? `/s/${p.id}/` : `/s/${p.id}/${language}/`;
}

/** A language's name in that language ("Deutsch", "Français"), for the language switch. */
export function languageName(tag: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([tag], { type: "language" }).of(tag);
  } catch {
    name = undefined;
  }
  return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag;
}
