/**
 * Build-time helpers for the survey pages: Markdown with pipes, the compact
 * definition the page script reads, and small text helpers. Runs only in the build.
 */
import { Marked } from "marked";
import type { PublishedSurvey } from "../../core/compile.ts";
import { en, type Strings } from "../../core/i18n/en.ts";
import { format } from "../../core/i18n/format.ts";
import { stringsFor } from "../../core/i18n/strings.ts";
import type { Question } from "../../core/model.ts";
import { escapeHtml, parseTemplate, pipeSources, type Pipe } from "../../core/piping.ts";
import { isComputed, isQuestion, pageQuestions } from "../../core/survey.ts";
import { isPlain, plainText } from "../../core/plain-text.ts";

const md = new Marked({ async: false, gfm: true });

/**
 * A pipe as markup: the fallback now, the invitation's value (`data-pipe`) or the earlier
 * answer (`data-answer`, `{{q:id}}`) later, set with textContent by site/scripts/pipes.ts.
 */
export const pipeHtml = (p: Pipe) => `<span data-${p.answer ? "answer" : "pipe"}="${escapeHtml(p.field)}">${escapeHtml(p.fallback)}</span>`;

const TOKEN = /CANVASSPIPE(\d+)Z/g;

/** What marked makes of a text `isPlain` accepts: its characters escaped, in a paragraph unless inline. */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const plainHtml = (text: string, inline: boolean) => {
  const escaped = text.replace(/["']/g, (c) => ESCAPES[c]!);
  return inline ? escaped : `<p>${escaped}</p>`;
};

/**
 * Markdown (the author's, trusted like the rest of the repository) to HTML, with each
 * `{{field|fallback}}` rendered by `pipeHtml`. A placeholder inside a tag (a link URL,
 * say) cannot hold markup, so there it becomes its plain fallback.
 */
export function markdown(text: string | undefined, inline = false): string {
  if (!text?.trim()) return "";
  const pipes: Pipe[] = [];
  const source = parseTemplate(text)
    .map((part) => (typeof part === "string" ? part : `CANVASSPIPE${pipes.push(part) - 1}Z`))
    .join("");
  const html = isPlain(source) ? plainHtml(source, inline) : inline ? md.parseInline(source) : md.parse(source);
  return (html as string)
    .replace(/<[^>]*>/g, (tag) => tag.replace(TOKEN, (_, i: string) => escapeHtml(pipes[Number(i)]!.fallback)))
    .replace(TOKEN, (_, i: string) => pipeHtml(pipes[Number(i)]!))
    .trim();
}

export { plainText };

/** At most `max` characters, cut at a word boundary. */
export function excerpt(text: string, max = 160): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(" ") > max / 2 ? cut.lastIndexOf(" ") : max).replace(/[\s,.;:–-]+$/, "")}…`;
}

/** Words respondents read in question texts that are not the author's: hints for multiple choice, in the page's language `t`. */
export function choiceHint(q: Question, t: Strings = en): string | undefined {
  if (q.type !== "multiple") return undefined;
  const { min, max } = q;
  if (min && max) return min === max ? format(t.hintExactly, { min }) : format(t.hintRange, { min, max });
  if (min) return format(t.hintAtLeast, { min });
  if (max) return format(t.hintUpTo, { max });
  return undefined;
}

const PRESENTATION_ONLY = new Set(["label", "help", "placeholder", "low_label", "high_label", "show_if", "other_label"]);
const valuesOnly = (list: { value: string }[]) => list.map((c) => ({ value: c.value }));

/**
 * What the page script needs (skip logic and validation) and no more: no labels or
 * help (they are in the HTML already), choices reduced to their values. It is shaped
 * like core/logic.ts `LogicSurvey` so `visibility` and `validateAnswers` take it as is.
 */
export function clientDefinition(p: PublishedSurvey) {
  const pages = p.survey.pages.map((page) => ({
    // A randomised page's questions are shuffled by the page script (site/scripts/survey/order.ts).
    ...(page.randomize ? { randomize: true } : {}),
    // Notes are in the HTML and take no part in skip logic or validation. A computed
    // value keeps its place (skip logic computes it there) but not its source text: its
    // parsed expression comes with `computed`.
    questions: page.questions.filter((b) => isQuestion(b) || isComputed(b)).map((q) => {
      if (isComputed(q)) return { type: q.type, id: q.id, ...(q.round === undefined ? {} : { round: q.round }) };
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(q)) {
        if (PRESENTATION_ONLY.has(k)) continue;
        out[k] = k === "choices" || k === "rows" || k === "columns" ? valuesOnly(v as { value: string }[]) : v;
      }
      return out;
    }),
  }));
  // `pipes`: how to write each answer a text pipes (`{{q:id}}`), labels included since the
  // definition above carries none; left out when nothing is piped.
  const pipes = pipeSources(p.survey, stringsFor(p.survey.language));
  return { id: p.id, hash: p.hash, survey: { pages }, conditions: p.conditions, ...(p.computed ? { computed: p.computed } : {}), ...(Object.keys(pipes).length ? { pipes } : {}) };
}

export { jsonForScript } from "../../core/script-json.ts";

/** "31 January 2027" for an ISO date, the same on every build machine (plain `en` reads it the British way). */
export function longDate(iso: string, language = "en"): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}
