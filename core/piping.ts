/**
 * Piping: `{{name}}` and `{{name|fallback}}` placeholders in labels, descriptions
 * and thank-you texts, filled from an invitation's fields.
 *
 * Every substituted value is untrusted (it comes from a contact list or a link), so
 * it is flattened to one line — a CR/LF in a name must never start a new mail
 * header or Markdown block — and then escaped for its destination by `escape`.
 * The surrounding template text is the author's and is left as written.
 *
 * @example
 *   parseTemplate("Hi {{name|there}}!") // ["Hi ", { field: "name", fallback: "there" }, "!"]
 *   fillTemplate("Hi {{name|there}}!", { name: "<b>Al</b>" }, escapeHtml) // "Hi &lt;b&gt;Al&lt;/b&gt;!"
 */
import { withoutControls } from "./email/mime.ts";

/** A placeholder: the field it reads and what to show when the field is missing. */
export type Pipe = { field: string; fallback: string };
export type TemplatePart = string | Pipe;

/** `{{ field }}` or `{{ field | fallback }}`; a field is a word, the fallback anything but braces. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|([^{}]*))?\}\}/g;

/** Splits a text into literal strings and placeholders; text that only looks similar stays literal. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ field: m[1]!, fallback: (m[2] ?? "").trim() });
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
 * is neither), flattened to one line and passed through `escape`.
 */
export function fillTemplate(text: string, fields: Readonly<Record<string, string | undefined>>, escape: (value: string) => string): string {
  return parseTemplate(text)
    .map((part) => {
      if (typeof part === "string") return part;
      const value = Object.hasOwn(fields, part.field) ? fields[part.field] : undefined;
      return escape(singleLine(value !== undefined && value.trim() !== "" ? value : part.fallback));
    })
    .join("");
}
