/**
 * What a personal link shows the respondent, said once for both places that show it: the
 * Worker, which serves a survey page opened with `?t=<token>` (worker/pages/routes.ts, so the
 * link works with JavaScript off), and the page script, which reads links sent with `#t=`
 * before the Worker did (site/scripts/personal-link.ts). Plain text, no zod: the page
 * script imports it. The words are the page's language's (core/i18n/en-script.ts
 * `linkAnswered`, `linkUnlinked`; the reasons are core/i18n/en.ts `link…`).
 *
 * @example
 *   unlinkedNotice("This personal link has expired.", stringsFor("en"))
 *   // "This personal link has expired. Your answers will not be linked to an invitation."
 */
import type { ScriptStrings } from "./i18n/en-script.ts";

/** The query parameter of a personal link (`/s/<id>/?t=<token>`); never filled into a hidden question. */
export const TOKEN_PARAM = "t";

/** Longest value a hidden question takes from the address (more is cut off, never refused). */
export const HIDDEN_PARAM_MAX = 500;

/** The id of the notice that takes the form's place when the invitation was answered already. */
export const ANSWERED_NOTICE_ID = "survey-answered";

/** The notice for a link that cannot be used: why, and what it means for the answers. */
export const unlinkedNotice = (reason: string, t: Pick<ScriptStrings, "linkUnlinked">) => `${reason} ${t.linkUnlinked}`;

/** A query value cut to `HIDDEN_PARAM_MAX` characters, never in the middle of a character. */
export function hiddenParamValue(value: string): string {
  return value.length <= HIDDEN_PARAM_MAX ? value : Array.from(value).slice(0, HIDDEN_PARAM_MAX).join("");
}
