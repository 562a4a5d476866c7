/**
 * The interface's words for this page's language: the table the page carries as JSON
 * (`canvass-strings`, site/components/SurveyForm.astro) over the English one, so only
 * the page's own language is ever downloaded. Read once, as the module loads.
 *
 * @example
 *   status.textContent = t.sending;
 */
import { en, type Strings } from "../../../core/i18n/en.ts";

const json = document.getElementById("canvass-strings")?.textContent;
export const t: Strings = json ? { ...en, ...(JSON.parse(json) as Partial<Strings>) } : en;
