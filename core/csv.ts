/**
 * CSV for people who open it in a spreadsheet. Papa.unparse quotes and escapes; on top
 * of that, a text cell that a spreadsheet would run as a formula (it starts with
 * = + - @, a tab or a carriage return: OWASP's "CSV injection") gets a leading
 * apostrophe, so `=HYPERLINK(...)` typed into a form is shown, never run.
 * Papa's own `escapeFormulae: true` tests `/^[=+\-@\t\r].*$/`, which a line break
 * inside the cell slips past; the pattern here looks at the first character only.
 *
 * @example
 *   toCsv(["name", "note"], [{ name: "Ada", note: "=1+1" }]) // "name,note\r\nAda,'=1+1"
 */
import Papa from "papaparse";

const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const data = rows.map((row) => columns.map((c) => row[c] ?? ""));
  return Papa.unparse({ fields: [...columns], data }, { newline: "\r\n", escapeFormulae: FORMULA_START });
}
