/**
 * The interface's words the page script uses, in this page's language: the table the
 * page carries as JSON (`canvass-strings`, site/components/SurveyForm.astro) over the
 * English one, so a page downloads only its own language. Read once, as the module loads.
 *
 * @example
 *   status.textContent = t.sending;
 */
import { enAnswers, enScript, type ScriptStrings } from "../../../core/i18n/en-script.ts";

const json = document.getElementById("canvass-strings")?.textContent;
export const t: ScriptStrings = { ...enAnswers, ...enScript, ...(json ? (JSON.parse(json) as Partial<ScriptStrings>) : {}) };
