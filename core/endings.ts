/**
 * End screens: which one a respondent sees after submitting (`endings:` in the survey),
 * and where it lives. The Worker chooses with `chooseEnding` over the validated answers it
 * stores (so values it adds there, computed ones too, may be read), and the page follows
 * the Worker's choice; each ending has a static page built from the same `endingPath`.
 *
 * The first ending whose `show_if` holds wins; `canvass check` makes the last one the
 * unconditional default (core/compile.ts), shown at `/s/<id>/thanks/`, where a survey
 * without endings shows `thanks`; each conditional ending has `/s/<id>/thanks/<id or position>/`.
 *
 * A redirect (the ending's, else the survey's) replaces the end screen; it is used exactly
 * as the author wrote it: nothing of the answers is ever added to it. With JavaScript the
 * page goes there itself. A plain form post is answered with a short page that moves on
 * with a `Refresh` header and shows a link (`continueLinkHtml`): a 303 from the form
 * straight to another site would be refused by the pages' `form-action 'self'`
 * (core/security-headers.ts), which also covers a form's redirects.
 *
 * No zod here: only types come from core/model.ts.
 *
 * @example
 *   chooseEnding(published, { recommend: 10 })
 *   // { path: "/s/nps-endings/thanks/promoters/", index: 2, ending: {...} }
 */
import { evaluate, type Expr } from "./expression.ts";
import type { Strings } from "./i18n/en.ts";
import { format } from "./i18n/format.ts";
import { escapeHtml } from "./piping.ts";
import type { Ending, Survey } from "./model.ts";

/** Key of an ending's parsed `show_if` in a published survey's `conditions` (questions use their id, pages `page:<i>`). */
export const endingKey = (index: number) => `ending:${index}`;

/** The page a survey is answered on in its default language; another language's is `/s/<id>/<language>/` (core/i18n/versions.ts). */
const defaultPage = (surveyId: string) => `/s/${surveyId}/`;

/** The default end screen of every survey, its `thanks` text, under the page the survey was answered on. */
export const thanksPath = (surveyId: string, page = defaultPage(surveyId)) => `${page}thanks/`;

/**
 * How the results name an ending (stored with each response, the exports' `_ending`, the
 * summary's `endings`): its `id`, else its key (`ending:<position>`).
 */
export const endingName = (ending: Ending, index: number) => ending.id ?? endingKey(index);

/** The last segment of an ending's page: its id, else its position. */
export const endingSlug = (ending: Ending, index: number) => ending.id ?? String(index);

/** `/s/<survey>/thanks/<id or position>/`, the page of a conditional ending (under another language's page for that language). */
export const endingPath = (surveyId: string, ending: Ending, index: number, page = defaultPage(surveyId)) => `${thanksPath(surveyId, page)}${endingSlug(ending, index)}/`;

/** Where a respondent goes: the page of the chosen ending (or `thanks`), or the author's redirect instead. */
export type ChosenEnding = { path: string; redirect?: string; index?: number; ending?: Ending };

type EndingSurvey = { id: string; survey: Pick<Survey, "endings" | "redirect">; conditions: Readonly<Record<string, Expr>> };

/**
 * The first ending whose condition holds over `answers`; without endings (or none that holds) the
 * thank-you page. `page` is the survey page answered on, so the end screen is in its language.
 */
export function chooseEnding(def: EndingSurvey, answers: Readonly<Record<string, unknown>>, page = defaultPage(def.id)): ChosenEnding {
  const endings = def.survey.endings ?? [];
  for (const [index, ending] of endings.entries()) {
    const key = endingKey(index);
    const condition = Object.hasOwn(def.conditions, key) ? def.conditions[key] : undefined;
    if (condition && !evaluate(condition, answers)) continue;
    const redirect = endingRedirect(def.survey, ending);
    // The unconditional (last) ending is the default: it lives at the plain thank-you page.
    const path = condition ? endingPath(def.id, ending, index, page) : thanksPath(def.id, page);
    return { path, index, ending, ...(redirect ? { redirect } : {}) };
  }
  return { path: thanksPath(def.id, page), ...(def.survey.redirect ? { redirect: def.survey.redirect } : {}) };
}

/** Where an end screen sends the respondent on: its own redirect, else the survey's, else nowhere. */
export function endingRedirect(survey: Pick<Survey, "redirect">, ending: Ending | undefined): string | undefined {
  return ending?.redirect ?? survey.redirect;
}

/** The words of the link an end screen with a redirect shows, for a browser that does not follow it by itself, in the page's language (`t`, core/i18n/). */
export const continueTo = (redirect: string, t: Pick<Strings, "continueTo">) => format(t.continueTo, { host: new URL(redirect).host });

/** That link as HTML, escaped. */
export const continueLinkHtml = (redirect: string, t: Pick<Strings, "continueTo">) => `<p><a href="${escapeHtml(redirect)}">${escapeHtml(continueTo(redirect, t))}</a></p>`;

/** The ending the plain `/s/<id>/thanks/` page shows: the last, unconditional one, if the survey has endings. */
export function defaultEnding(survey: Pick<Survey, "endings">): Ending | undefined {
  const last = survey.endings?.at(-1);
  return last && !last.show_if ? last : undefined;
}
