/**
 * JSON that can stand inside a `<script type="application/json">` element: every `<` is
 * written `\u003c`, so no text in it can close the element (`</script>`) or open a comment
 * (`<!--`), and `JSON.parse` reads it back unchanged. The build's survey pages
 * (site/components/SurveyForm.astro) and the Worker's results pages (worker/pages/results.ts)
 * both embed data this way.
 *
 * @example
 *   jsonForScript({ t: "</script>" }) // '{"t":"\u003c/script>"}'
 */
export const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
