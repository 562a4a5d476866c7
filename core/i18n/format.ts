/**
 * Fills the `{name}` placeholders of an interface string (core/i18n/en.ts). Its own
 * module so the page script and core/answers.ts take it without the other languages.
 *
 * @example
 *   format("Page {page} of {pages}", { page: 1, pages: 3 }) // "Page 1 of 3"
 */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([a-z]+)\}/gi, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
