/**
 * A Markdown text as plain text (pipes at their fallbacks, markup dropped): what a page's
 * `<title>` and headings show of a survey's title. The build uses it for every page
 * (site/lib/render.ts), and the Worker for the results page it stamps per survey
 * (worker/pages/results.ts), so both show the same words for the same title.
 *
 * @example
 *   plainText("How did **we** do, {{name|friend}}?") // "How did we do, friend?"
 */
import { Marked } from "marked";
import { plainLabel } from "./piping.ts";

const md = new Marked({ async: false, gfm: true });

/**
 * A one-line text that Markdown leaves as it is: letters, digits and plain punctuation,
 * nothing that starts a list, a heading, emphasis, code, a link, an autolink (`/`, `@`,
 * `www.`), an entity or HTML. Most titles and labels are such texts, and a build renders
 * each several times per survey (the form and the thank-you pages), so they skip the
 * Markdown parser: it was the largest share of page rendering in a 1,000-survey build
 * (scripts/bench/build-many.bench.ts). site/lib/render.test.ts checks that the result is
 * exactly what marked makes of the same text.
 */
const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} ,.?!'’";:()-]*$/u;
export const isPlain = (text: string) => PLAIN.test(text) && !/^\d{1,9}[.)]( |$)/.test(text) && !/www\./i.test(text) && !/ $/.test(text);

/** Plain text of a Markdown text with pipes at their fallbacks, for excerpts and `<title>`. */
export function plainText(text: string | undefined): string {
  if (!text) return "";
  const filled = plainLabel(text);
  if (isPlain(filled)) return filled.replace(/\s+/g, " ").trim();
  const html = md.parse(filled) as string;
  return html
    .replace(/<\/?(?:p|div|li|ul|ol|h[1-6]|br|blockquote|pre|tr|td|th|table)\b[^>]*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!)
    .replace(/\s+/g, " ")
    .trim();
}
