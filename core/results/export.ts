/**
 * Exports of stored responses, one line at a time, so the Worker can stream 100,000
 * responses page by page in bounded memory: `exportColumns` once, `csvHeader` once,
 * then `csvRows` for each page (or `csvRow`, `ndjsonLine` for each response).
 *
 * CSV columns, in this order:
 * - `submitted_at`, `response_id`, and `language` for a survey offered in several languages
 *   (`languages:`; the tag each response was answered in, empty for older ones);
 * - each question of the current definition in order, named by its id, with the value
 *   exactly as answered (numbers as numbers, `yes`/`no`, `YYYY-MM-DD`, `true` for consent);
 * - `multiple`: one column per option, `<id>.<choice value>` (and `<id>.Other` when
 *   offered); the cell holds the choice value when chosen and is empty otherwise;
 * - `matrix`: one column per row, `<id>.<row value>`, holding the column value chosen;
 * - `ranking`: one column per choice, `<id>.<choice value>`, holding its position (1 is first);
 * - `multiple` with `none: true`: its `<id>.None` column after the others;
 * - `<id>_other` right after a question that offers "Other, please specify": its text;
 * - a computed value (`type: computed`) where it is written, named by its id, holding the
 *   number the Worker stored (empty when it had none);
 * - a question retired by `breaking_changes_accepted` (its id listed there, no longer in
 *   the survey) as `<id>`, in the order listed, whether or not a response has it yet, so a
 *   reviewed removal or rename keeps its column in every export from then on;
 * - `_order` when the survey shuffles anything (`randomize`): the order the respondent was
 *   shown as JSON (`{"<question id>": [values], "page:<n>": [question ids]}`), empty when
 *   none was recorded (JavaScript off, or an older response); right after the questions;
 * - `_ending` when the survey has `endings:`: the end screen the response was shown, named
 *   by the ending's `id` or `ending:<position>` (core/endings.ts `endingName`); empty for a
 *   response stored without one (before endings were recorded, or while the survey had none);
 * - trailing columns for what the current definition no longer has, in first-seen
 *   order: a removed question (or a removed "other" text) as `<key>`, a removed option
 *   of a `multiple` or a removed matrix row as `<id>.<value>`. An array in such a cell
 *   is its values joined with "; ", an object its `row=column` pairs joined with "; ".
 *
 * The Worker only has the current definition, so the trailing columns come from the
 * keys of the stored responses: `responseKeys(answers)` lists them for one response,
 * and `exportColumns` adds those it does not cover. D1 can list the same keys for a
 * whole survey before the first page, in first-seen order (checked against SQLite):
 *
 *   SELECT key FROM (
 *     SELECT a.key AS key, MIN(r.submitted_at || r.id) AS seen
 *       FROM responses r, json_each(r.answers) a WHERE r.survey_id = ?1 GROUP BY 1
 *     UNION ALL
 *     SELECT a.key || '.' || CASE a.type WHEN 'array' THEN v.value ELSE v.key END, MIN(r.submitted_at || r.id)
 *       FROM responses r, json_each(r.answers) a, json_each(a.value) v
 *       WHERE r.survey_id = ?1 AND a.type IN ('array', 'object') GROUP BY 1
 *   ) ORDER BY seen, key
 *
 * A question id that is also a meta column name (`submitted_at`) repeats that name.
 *
 * Every cell goes through the leads CSV's formula guard (core/csv.ts): a text starting
 * with = + - @, a tab or a carriage return gets a leading `'`, so `=HYPERLINK(...)`
 * typed into a form is shown, never run. The file is UTF-8 with a byte-order mark
 * (spreadsheets need it to read UTF-8) and CRLF line ends.
 *
 * @example
 *   const columns = exportColumns(published, seenKeys);
 *   let body = csvHeader(columns);
 *   for (const page of pages) body += csvRows(columns, page); // or csvRow(columns, r) one at a time
 */
import { toCsv } from "../csv.ts";
import type { PublishedSurvey } from "../compile.ts";
import type { Question } from "../model.ts";
import { shuffledSets } from "../randomize.ts";
import { allQuestions, isComputed, isQuestion, optionValues, OTHER_SUFFIX, OTHER_VALUE } from "../survey.ts";
import type { StoredResponse } from "./types.ts";

/** One column of an export: its header and where its cell comes from. */
export type ExportColumn =
  | { name: "submitted_at" | "response_id" | "language"; kind: "meta" }
  /** The whole value under `key` (a question, an "other" text, or a removed question). */
  | { name: string; kind: "value"; key: string }
  /** One option of a `multiple` answer under `key`. */
  | { name: string; kind: "choice"; key: string; choice: string }
  /** One row of a `matrix` answer under `key`. */
  | { name: string; kind: "row"; key: string; row: string }
  /** One choice of a `ranking` answer under `key`: its position. */
  | { name: string; kind: "rank"; key: string; choice: string }
  /** The order the respondent was shown (`randomize`), as JSON. */
  | { name: "_order"; kind: "order" }
  /** The end screen the response was shown (`endings:`). */
  | { name: "_ending"; kind: "ending" };

/** The record of one response in a JSON or NDJSON export; `order`, `language` and `ending` only when one was stored. */
export type ExportRecord = { id: string; submitted_at: string; answers: Record<string, unknown>; order?: Record<string, string[]>; language?: string; ending?: string };

/** What a CSV cell holds before quoting. */
type Cell = string | number | boolean;

const META: ExportColumn[] = [{ name: "submitted_at", kind: "meta" }, { name: "response_id", kind: "meta" }];

function questionColumns(q: Question): ExportColumn[] {
  const columns: ExportColumn[] = [];
  if (q.type === "multiple") {
    for (const choice of optionValues(q)) columns.push({ name: `${q.id}.${choice}`, kind: "choice", key: q.id, choice });
  } else if (q.type === "ranking") {
    for (const c of q.choices) columns.push({ name: `${q.id}.${c.value}`, kind: "rank", key: q.id, choice: c.value });
  } else if (q.type === "matrix") {
    for (const r of q.rows) columns.push({ name: `${q.id}.${r.value}`, kind: "row", key: q.id, row: r.value });
  } else {
    columns.push({ name: q.id, kind: "value", key: q.id });
  }
  if ("other" in q && q.other) columns.push({ name: q.id + OTHER_SUFFIX, kind: "value", key: q.id + OTHER_SUFFIX });
  return columns;
}

/**
 * The keys one response's answers need as columns: every answer key, plus
 * `<key>.<value>` for each value of an array and `<key>.<row>` for each row of an object.
 */
export function responseKeys(answers: Readonly<Record<string, unknown>>): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(answers)) {
    keys.push(key);
    if (Array.isArray(value)) for (const item of value) keys.push(`${key}.${String(item)}`);
    else if (typeof value === "object" && value !== null) for (const row of Object.keys(value)) keys.push(`${key}.${row}`);
  }
  return keys;
}

/** The trailing column for a key seen in stored responses, or none when the current columns cover it. */
function extraColumn(key: string, questions: Map<string, Question>, covered: Set<string>): ExportColumn | undefined {
  if (covered.has(key)) return undefined;
  const dot = key.indexOf(".");
  if (dot < 0) return { name: key, kind: "value", key };
  const q = questions.get(key.slice(0, dot));
  const value = key.slice(dot + 1);
  // A dotted key of a removed question is covered by that question's own trailing column.
  if (q?.type === "multiple") return { name: key, kind: "choice", key: q.id, choice: value };
  if (q?.type === "matrix") return { name: key, kind: "row", key: q.id, row: value };
  if (q?.type === "ranking") return { name: key, kind: "rank", key: q.id, choice: value };
  return undefined;
}

/** The export's columns: the current definition's, then one per key seen that they do not cover. */
export function exportColumns(published: Pick<PublishedSurvey, "survey">, seenKeys: Iterable<string> = []): ExportColumn[] {
  const questions = allQuestions(published.survey);
  // Questions and computed values in the order written: a computed value is one column holding its number.
  const blocks = published.survey.pages.flatMap((p) => p.questions.filter((b) => isQuestion(b) || isComputed(b)));
  const current = new Set(blocks.map((q) => q.id));
  const retired = (published.survey.breaking_changes_accepted ?? []).filter((id) => !current.has(id));
  const meta = published.survey.languages ? [...META, { name: "language", kind: "meta" } as const] : META;
  const order: ExportColumn[] = shuffledSets(published.survey).size > 0 ? [{ name: "_order", kind: "order" }] : [];
  const ending: ExportColumn[] = published.survey.endings ? [{ name: "_ending", kind: "ending" }] : [];
  const columns = [
    ...meta,
    ...blocks.flatMap((b): ExportColumn[] => (isComputed(b) ? [{ name: b.id, kind: "value", key: b.id }] : questionColumns(b))),
    ...order,
    ...ending,
    ...[...new Set(retired)].map((id): ExportColumn => ({ name: id, kind: "value", key: id })),
  ];
  const covered = new Set(columns.map((c) => c.name));
  // A current question's whole value is spread over its option or row columns.
  for (const q of questions) covered.add(q.id);
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of seenKeys) {
    const column = extraColumn(key, byId, covered);
    if (!column) continue;
    columns.push(column);
    covered.add(key);
  }
  return columns;
}

/** A cell for any stored value: arrays as "a; b", objects as "row=column; …", nothing as empty. */
export function readableCell(value: unknown): Cell {
  if (value === undefined || value === null) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => String(readableCell(v))).join("; ");
  if (typeof value === "object") return Object.entries(value).map(([k, v]) => `${k}=${String(readableCell(v))}`).join("; ");
  return String(value);
}

function answer(response: StoredResponse, key: string): unknown {
  return Object.hasOwn(response.answers, key) ? response.answers[key] : undefined;
}

/** The value of one column for one response. */
export function cell(column: ExportColumn, response: StoredResponse): Cell {
  switch (column.kind) {
    case "meta":
      return column.name === "submitted_at" ? response.submitted_at : column.name === "language" ? response.language ?? "" : response.id;
    case "value":
      return readableCell(answer(response, column.key));
    case "choice": {
      // A single string (a question that was `single` under an older definition) counts as one selection.
      const value = answer(response, column.key);
      const chosen = Array.isArray(value) ? value : [value];
      return chosen.includes(column.choice) ? column.choice : "";
    }
    case "rank": {
      const value = answer(response, column.key);
      const at = Array.isArray(value) ? value.indexOf(column.choice) : -1;
      return at < 0 ? "" : at + 1;
    }
    case "order":
      return response.order ? JSON.stringify(response.order) : "";
    case "ending":
      return response.ending ?? "";
    case "row": {
      const value = answer(response, column.key);
      const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
      return isObject && Object.hasOwn(value, column.row) ? readableCell((value as Record<string, unknown>)[column.row]) : "";
    }
  }
}

/**
 * CSV lines through core/csv.ts (one guard, one quoting rule). Its header row is made
 * of positions ("0,1,2…", never quoted) and cut off, so only the cells are written.
 */
function csvLines(rows: readonly (readonly Cell[])[], width: number): string {
  if (rows.length === 0) return "";
  const keys = Array.from({ length: width }, (_, i) => String(i));
  const withHeader = toCsv(keys, rows.map((cells) => ({ ...cells })));
  return withHeader.slice(keys.join(",").length + 2) + "\r\n";
}

/** The header line, preceded by a UTF-8 byte-order mark unless `bom: false` (e.g. when appending). */
export function csvHeader(columns: readonly ExportColumn[], options: { bom?: boolean } = {}): string {
  return (options.bom === false ? "" : "\uFEFF") + csvLines([columns.map((c) => c.name)], columns.length);
}

/** One response as one CSV line (CRLF-terminated; a cell may hold quoted line breaks). */
export function csvRow(columns: readonly ExportColumn[], response: StoredResponse): string {
  return csvRows(columns, [response]);
}

/** A page of responses as CSV lines, each CRLF-terminated: the same text as `csvRow` for each, in one pass. */
export function csvRows(columns: readonly ExportColumn[], responses: readonly StoredResponse[]): string {
  return csvLines(responses.map((r) => columns.map((c) => cell(c, r))), columns.length);
}

/** One response as exported in JSON: only its id, time and answers (never internal columns). */
export function exportRecord(response: StoredResponse): ExportRecord {
  const record: ExportRecord = { id: response.id, submitted_at: response.submitted_at, answers: { ...response.answers } };
  if (response.order) record.order = response.order;
  if (response.language) record.language = response.language;
  if (response.ending) record.ending = response.ending;
  return record;
}

/** One response as one NDJSON line. */
export function ndjsonLine(response: StoredResponse): string {
  return JSON.stringify(exportRecord(response)) + "\n";
}

/** A streamed JSON export is this, then `jsonRow` for each response, then `JSON_EXPORT_CLOSE`: `{"responses": [...]}`. */
export const JSON_EXPORT_OPEN = '{"responses":[\n';
export const JSON_EXPORT_CLOSE = "\n]}\n";

/** One response inside a streamed JSON export; every record but the first is preceded by a comma. */
export function jsonRow(response: StoredResponse, first: boolean): string {
  return (first ? "" : ",\n") + JSON.stringify(exportRecord(response));
}
