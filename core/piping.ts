/**
 * Piping: placeholders in survey texts, filled when shown.
 *
 * - `{{name}}`, `{{name|fallback}}`: an invitation's field (a contact-list column), in
 *   labels, descriptions, thank-you texts and emails.
 * - `{{q:id}}`, `{{q:id|fallback}}`: an earlier answer to question `id`, in question
 *   labels and help, notes, page titles and end screens (`answerText` writes it: a choice's
 *   label, several joined with ", ", Yes/No, numbers as written). The page script fills it
 *   live (site/scripts/pipes.ts); without JavaScript the fallback shows.
 *
 * Every substituted value is untrusted (it comes from a contact list, a link or a
 * respondent), so it is flattened to one line — a CR/LF in a name must never start a new
 * mail header or Markdown block — and then escaped for its destination by `escape` (on
 * pages it is only ever set as text). The surrounding template text is the author's and
 * is left as written.
 *
 * @example
 *   parseTemplate("Hi {{name|there}}!") // ["Hi ", { field: "name", fallback: "there" }, "!"]
 *   parseTemplate("Why {{q:score|that score}}?") // ["Why ", { field: "score", fallback: "that score", answer: true }, "?"]
 *   fillTemplate("Hi {{name|there}}!", { name: "<b>Al</b>" }, escapeHtml) // "Hi &lt;b&gt;Al&lt;/b&gt;!"
 */
import { withoutControls } from "./email/mime.ts";
import type { Strings } from "./i18n/en.ts";
import type { Question, Survey } from "./model.ts";
import { isQuestion, NONE_VALUE, OTHER_SUFFIX, OTHER_VALUE } from "./survey.ts";

/**
 * A placeholder: the field it reads and what to show when the field is missing; `answer`
 * marks `{{q:<id>}}`, whose `field` is a question id (an earlier answer, not an invitation field).
 */
export type Pipe = { field: string; fallback: string; answer?: true };
export type TemplatePart = string | Pipe;

/** `{{ field }}`, `{{ q:id }}`, either with `| fallback`; a field is a word, the fallback anything but braces. */
const PLACEHOLDER = /\{\{\s*(q\s*:\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|([^{}]*))?\}\}/g;

/** Splits a text into literal strings and placeholders; text that only looks similar stays literal. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const pipe: Pipe = { field: m[2]!, fallback: (m[3] ?? "").trim() };
    if (m[1]) pipe.answer = true;
    parts.push(pipe);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** True when the text holds at least one placeholder. */
export const hasPipes = (text: string) => parseTemplate(text).some((p) => typeof p !== "string");

/** Control characters (C0, C1, DEL, the Unicode line and paragraph separators) become single spaces: the MIME builder's rule. */
export function singleLine(value: string): string {
  return withoutControls(value);
}

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}
const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Replaces each placeholder by its field's value (or the fallback, or "" when there
 * is neither), flattened to one line and passed through `escape`. `answers` gives the
 * text of an earlier answer for `{{q:id}}` (`answerText`); without it those show their fallback.
 */
export function fillTemplate(
  text: string,
  fields: Readonly<Record<string, string | undefined>>,
  escape: (value: string) => string,
  answers: Readonly<Record<string, string | undefined>> = {},
): string {
  return parseTemplate(text)
    .map((part) => {
      if (typeof part === "string") return part;
      const source = part.answer ? answers : fields;
      const value = Object.hasOwn(source, part.field) ? source[part.field] : undefined;
      return escape(singleLine(value !== undefined && value.trim() !== "" ? value : part.fallback));
    })
    .join("");
}

/**
 * A text with every placeholder at its fallback (`{{company|us}}` reads "us"), where there is
 * no contact or answer to pipe from: reports, accessible names, the Worker's pages.
 */
export function plainLabel(text: string): string {
  return fillTemplate(text, {}, (v) => v);
}

/** The words of a yes/no question's two choices and of "None": the page's own (core/i18n/, as Question.astro shows them). */
export type YesNoWords = Pick<Strings, "yes" | "no" | "none">;

/** What the page needs to write one piped answer: its choices' labels by value (empty for numbers and texts). */
export type PipeSource = { labels: Record<string, string>; other?: string };

/**
 * An answer as piped text: a choice's label (not its value), several joined with ", ",
 * an "Other" choice as its written text, numbers as written; undefined when unanswered.
 * `answers` are the whole answers (for the `<id>_other` text).
 */
export function answerText(id: string, answers: Readonly<Record<string, unknown>>, source: PipeSource): string | undefined {
  const value = Object.hasOwn(answers, id) ? answers[id] : undefined;
  const other = answers[id + OTHER_SUFFIX];
  const one = (v: unknown): string => {
    const s = String(v);
    if (s === OTHER_VALUE && typeof other === "string" && other.trim()) return other.trim();
    return Object.hasOwn(source.labels, s) ? source.labels[s]! : s === OTHER_VALUE && source.other ? source.other : s;
  };
  if (value === undefined || value === null || value === "" || typeof value === "object" && !Array.isArray(value)) return undefined;
  if (Array.isArray(value)) return value.length ? value.map(one).join(", ") : undefined;
  return singleLine(one(value)).trim() || undefined;
}

/** A survey text that may pipe earlier answers, where it is, and the questions asked before it. */
export type AnswerText = { text: string; path: (string | number)[]; before: ReadonlySet<string> };

/**
 * Every text that may hold `{{q:id}}`, in page order: page titles (after the earlier pages'
 * questions), question labels and help and notes (after the questions above them), then the
 * thank-you text and the endings (after every question).
 */
export function answerTexts(survey: Pick<Survey, "pages" | "thanks" | "endings">): AnswerText[] {
  const out: AnswerText[] = [];
  const before = new Set<string>();
  survey.pages.forEach((page, pi) => {
    if (page.title) out.push({ text: page.title, path: ["pages", pi, "title"], before: new Set(before) });
    const onPage = new Set(before);
    page.questions.forEach((b, qi) => {
      const snapshot = new Set(onPage);
      for (const key of ["label", "help", "text"] as const) {
        const text = (b as Record<string, unknown>)[key];
        if (typeof text === "string") out.push({ text, path: ["pages", pi, "questions", qi, key], before: snapshot });
      }
      if (isQuestion(b)) onPage.add(b.id);
    });
    for (const id of onPage) before.add(id);
  });
  out.push({ text: survey.thanks, path: ["thanks"], before });
  survey.endings?.forEach((e, i) => e.text && out.push({ text: e.text, path: ["endings", i, "text"], before }));
  return out;
}

/** How each piped question's answer is written (its choices' labels), for the questions some text pipes. */
export function pipeSources(survey: Pick<Survey, "pages" | "thanks" | "endings">, words: YesNoWords): Record<string, PipeSource> {
  const byId = new Map(survey.pages.flatMap((p) => p.questions.filter(isQuestion)).map((q) => [q.id, q]));
  const sources: Record<string, PipeSource> = {};
  for (const { text } of answerTexts(survey))
    for (const part of parseTemplate(text)) {
      const q = typeof part === "string" || !part.answer ? undefined : byId.get(part.field);
      if (q) sources[q.id] = sourceOf(q, words);
    }
  return sources;
}

function sourceOf(q: Question, words: YesNoWords): PipeSource {
  if (q.type === "yesno") return { labels: { yes: words.yes, no: words.no } };
  if (!("choices" in q) || !q.choices) return { labels: {} };
  const labels: Record<string, string> = Object.fromEntries(q.choices.filter((c) => c.label !== c.value).map((c) => [c.value, c.label]));
  if (q.type === "multiple" && q.none) labels[NONE_VALUE] = q.none_label ?? words.none;
  return "other_label" in q && q.other_label ? { labels, other: q.other_label } : { labels };
}
