/**
 * The Markdown form of a survey file, read line by line into exactly the object the
 * YAML form would give, so one schema and one compiler serve both.
 *
 *   ---                                   front matter: the settings, as YAML
 *   title: Onboarding
 *   ---
 *   Text before the first question is the description (Markdown).
 *
 *   ## How easy was setup? {#ease type=rating scale=5 required}
 *   Paragraphs under a question heading are its help text.
 *
 *   ## Which features do you use? {#features type=multiple other}
 *   - Dashboards
 *   - Alerts {value=alerts}               a choice with its own stored value
 *
 *   ## Before you start {type=note}       a note: shown, never answered; the text under it
 *   Your answers are anonymous.           is the note (an id is optional)
 *
 *   ## Rate each {#grid type=matrix columns="Poor, Fair, Good"}
 *   - Speed                               matrix: the list gives the rows
 *
 *   ---                                   a new page...
 *   # About you {show_if="ease <= 2"}     ...titled by a level-1 heading right after the ---
 *
 * Decisions, so nothing is guessed silently:
 * - Attributes: `#id`, `key=value`, `key="quoted value"` (or single quotes, `\"` inside),
 *   a bare `key` means true. Unquoted `true`/`false` are booleans and unquoted numbers are
 *   numbers; a quoted value is always text. Every attribute goes to the schema as a key,
 *   so a typo is reported as an unknown attribute, never ignored.
 * - `choices`, `rows` and `columns` may also be given as one comma-separated attribute;
 *   matrix columns are always given so (`columns="Poor, Fair, Good"`), because two lists in
 *   a row are one list to Markdown. Giving a list both ways is an error.
 * - A list under a question gives its choices only for single, multiple, dropdown and
 *   ranking (rows for matrix); under other question types a list is part of the help text.
 * - The description is written either in front matter or as body text before the first
 *   question, not both: having two would leave one silently unused, so it is an error.
 * - Every `##` heading is a question and every `#` heading titles a page; a `#` heading
 *   must come before the page's first question (on the first page it may follow the
 *   description). Use `###` and below for headings inside text.
 * - A line that starts with `<!--` begins an author's note, which is dropped up to its `-->`.
 * - Only a line of exactly `---` breaks a page (not `***` or `___`). Lines inside fenced
 *   code blocks are text. A page with nothing on it (a doubled or trailing `---`) is dropped.
 * - Text after a page break but before the page's first question has nowhere to go: an error.
 */
import { type FieldPath, type LocatedIssue, lineTable, type SourceDocument } from "./source.ts";
import { readYaml } from "./yaml.ts";

type TextLine = { text: string; line: number };
type ListItem = { choice: unknown; line: number };
type Draft = { line: number; label: string; attrs: Map<string, unknown> };
type QuestionDraft = Draft & { help: TextLine[]; items: ListItem[] };
type PageDraft = { line: number; title?: Draft; text: TextLine[]; questions: QuestionDraft[] };

/** Question types whose list under the heading is a list of choices, and which key it fills. */
const LIST_KEY: Record<string, "choices" | "rows"> = { single: "choices", multiple: "choices", dropdown: "choices", matrix: "rows", ranking: "choices" };
const LIST_ATTRIBUTES = new Set(["choices", "rows", "columns"]);
const ATTRIBUTE_SYNTAX = 'attributes are written #id, key=value, key="a value" or a bare flag like required';

/** Splits `Label {#id type=x}` into the label and the text inside the braces; `{{placeholders}}` belong to the label. */
export function splitHeading(text: string): { label: string; attributes?: string; error?: string } {
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith("{{", i)) {
      const end = text.indexOf("}}", i + 2);
      if (end < 0) break;
      i = end + 1;
      continue;
    }
    if (text[i] !== "{") continue;
    const rest = text.slice(i).trimEnd();
    if (!rest.endsWith("}")) return { label: text.slice(0, i).trim(), error: "the {...} attributes must come last on the heading line" };
    return { label: text.slice(0, i).trim(), attributes: rest.slice(1, -1) };
  }
  return { label: text.trim() };
}

function bareValue(text: string): unknown {
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Parses the inside of `{#id type=rating scale=5 required show_if="ease <= 2"}` into ordered pairs. */
export function parseAttributes(src: string): { attributes: [string, unknown][] } | { error: string } {
  const attributes: [string, unknown][] = [];
  let i = 0;
  while (i < src.length) {
    if (/\s/.test(src[i]!)) { i++; continue; }
    if (src[i] === "#") {
      const id = /^#([^\s]+)/.exec(src.slice(i));
      if (!id) return { error: '"#" must be followed by the question id, as in {#ease type=rating}' };
      attributes.push(["id", id[1]]);
      i += id[0].length;
      continue;
    }
    const key = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))?.[0];
    if (!key) return { error: `unexpected "${src[i]}" in {...}; ${ATTRIBUTE_SYNTAX}` };
    i += key.length;
    if (src[i] !== "=") {
      if (i < src.length && !/\s/.test(src[i]!)) return { error: `unexpected "${src[i]}" after ${key}; ${ATTRIBUTE_SYNTAX}` };
      attributes.push([key, true]);
      continue;
    }
    const quote = src[++i];
    if (quote === '"' || quote === "'") {
      let value = "";
      let j = i + 1;
      for (; j < src.length && src[j] !== quote; j++) {
        if (src[j] === "\\" && j + 1 < src.length) j++;
        value += src[j];
      }
      if (j >= src.length) return { error: `the quoted value of ${key} is not closed` };
      attributes.push([key, value]);
      i = j + 1;
      continue;
    }
    const bare = /^[^\s"']*/.exec(src.slice(i))![0];
    if (!bare) return { error: `${key}= needs a value; put a value with spaces in quotes` };
    attributes.push([key, bareValue(bare)]);
    i += bare.length;
  }
  return { attributes };
}

/** Reads a heading's label and attributes, or reports why it cannot. */
function readHeading(text: string, line: number, issues: LocatedIssue[], kind: "question" | "page"): Draft {
  const draft: Draft = { line, label: "", attrs: new Map() };
  const split = splitHeading(text);
  draft.label = split.label;
  if (split.error) { issues.push({ path: [], line, message: split.error }); return draft; }
  if (split.attributes === undefined) {
    if (kind === "question")
      issues.push({ path: [], line, message: `a question heading needs its id and type in braces, like: ## ${split.label || "Your question"} {#some_id type=text}` });
    return draft;
  }
  const parsed = parseAttributes(split.attributes);
  if ("error" in parsed) { issues.push({ path: [], line, message: parsed.error }); return draft; }
  for (const [key, value] of parsed.attributes) {
    if (draft.attrs.has(key) || (key === "label" && draft.label)) issues.push({ path: [], line, message: `${key === "id" ? "the id" : `attribute "${key}"`} is given twice` });
    draft.attrs.set(key, LIST_ATTRIBUTES.has(key) && typeof value === "string" ? value.split(",").map((s) => s.trim()) : value);
  }
  return draft;
}

/** A list item's choice: its text, or `{ value, label }` when it carries `{value=...}`. */
function readItem(text: string, line: number, issues: LocatedIssue[]): ListItem {
  const split = splitHeading(text);
  if (split.attributes === undefined) return { choice: text.trim(), line };
  const parsed = parseAttributes(split.attributes);
  if ("error" in parsed) { issues.push({ path: [], line, message: parsed.error }); return { choice: text, line }; }
  return { choice: { ...Object.fromEntries(parsed.attributes), ...(split.label ? { label: split.label } : {}) }, line };
}

const isBlank = (lines: TextLine[]) => lines.every((l) => l.text.trim() === "");

/** Joins text lines without the blank lines around them; undefined if nothing is left. */
function joinText(lines: TextLine[]): TextLine | undefined {
  const first = lines.findIndex((l) => l.text.trim() !== "");
  if (first < 0) return undefined;
  const last = lines.findLastIndex((l) => l.text.trim() !== "");
  return { text: lines.slice(first, last + 1).map((l) => l.text).join("\n"), line: lines[first]!.line };
}

/** Reads the body (after front matter) into pages of question drafts. */
function readBody(lines: string[], start: number, issues: LocatedIssue[]): PageDraft[] {
  let page: PageDraft = { line: start + 1, text: [], questions: [] };
  const pages = [page];
  let question: QuestionDraft | undefined;
  let fence: string | undefined;
  let lastItem: ListItem | undefined;
  let comment = false;
  const text = (raw: string, line: number) => (question ? question.help : page.text).push({ text: raw, line });

  for (let i = start; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (comment) {
      if (raw.includes("-->")) comment = false;
      continue;
    }
    if (fence) {
      if (raw.trim().startsWith(fence)) fence = undefined;
      text(raw, line);
      continue;
    }
    const fenceOpen = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    const heading = /^(#{1,2})(?:\s+(.*))?$/.exec(raw.trimEnd());
    const listKey = question && LIST_KEY[String(question.attrs.get("type"))];
    const item = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s+(.*))?$/.exec(raw);
    if (/^\s*<!--/.test(raw)) {
      // An author's note: dropped, whatever it contains, so it can never become a question.
      comment = !raw.includes("-->", raw.indexOf("<!--") + 4);
      continue;
    } else if (fenceOpen) {
      fence = fenceOpen[1]!;
      text(raw, line);
    } else if (/^---\s*$/.test(raw)) {
      page = { line, text: [], questions: [] };
      pages.push(page);
      question = undefined;
    } else if (heading?.[1] === "#") {
      // On the first page, text before the title is the description; on later pages it is reported below.
      if (question || page.title) {
        issues.push({ path: [], line, message: 'a level-1 heading ("# ...") titles a page and must come before its first question, after the --- line; use ## for a question, ### for a heading in text' });
        continue;
      }
      page.title = readHeading(heading[2] ?? "", line, issues, "page");
    } else if (heading) {
      question = { ...readHeading(heading[2] ?? "", line, issues, "question"), help: [], items: [] };
      page.questions.push(question);
    } else if (question && listKey && item) {
      lastItem = readItem(item[1] ?? "", line, issues);
      question.items.push(lastItem);
      continue;
    } else if (lastItem && typeof lastItem.choice === "string" && /^\s{2,}\S/.test(raw)) {
      // A wrapped list item: the indented line continues the choice above it.
      lastItem.choice += ` ${raw.trim()}`;
      continue;
    } else {
      text(raw, line);
    }
    lastItem = undefined;
  }
  return pages;
}

/** Builds one question's object as YAML would hold it, recording each part's line. */
function buildQuestion(q: QuestionDraft, path: FieldPath, setLine: (path: FieldPath, line: number) => void, issues: LocatedIssue[]) {
  const out: Record<string, unknown> = {};
  setLine(path, q.line);
  if (q.label) { out.label = q.label; setLine([...path, "label"], q.line); }
  for (const [key, value] of q.attrs) {
    out[key] = value;
    setLine([...path, key], q.line);
  }
  const listKey = LIST_KEY[String(q.attrs.get("type"))];
  if (listKey && q.items.length) {
    if (listKey in out) issues.push({ path: [...path, listKey], line: q.line, message: `${listKey} are given twice: as an attribute and as a list; keep one` });
    out[listKey] = q.items.map((item) => item.choice);
    setLine([...path, listKey], q.items[0]!.line);
    q.items.forEach((item, n) => setLine([...path, listKey, n], item.line));
  }
  const help = joinText(q.help);
  // Under a note's heading the text is the note itself; under a question's, its help.
  const key = q.attrs.get("type") === "note" ? "text" : "help";
  if (help) {
    if (key in out) issues.push({ path: [...path, key], line: help.line, message: `${key} is given twice: as an attribute and as text under the heading; keep one` });
    out[key] = help.text;
    setLine([...path, key], help.line);
  }
  return out;
}

/** Reads a `.md` survey file. */
export function parseMarkdownSurvey(text: string): SourceDocument {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const table = lineTable();
  const issues: LocatedIssue[] = [];
  let settings: Record<string, unknown> = {};
  let front: ReturnType<typeof readYaml> | undefined;
  let bodyStart = 0;

  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, i) => i > 0 && (l.trim() === "---" || l.trim() === "..."));
    if (end < 0) issues.push({ path: [], line: 1, message: "the front matter that starts with --- on line 1 is never closed; end the settings with a --- line" });
    else {
      front = readYaml(lines.slice(1, end).join("\n"), 2);
      issues.push(...front.issues);
      const data = front.data ?? {};
      if (typeof data !== "object" || Array.isArray(data)) issues.push({ path: [], line: 2, message: "the front matter holds settings as key: value lines (title:, status: ...)" });
      else settings = data as Record<string, unknown>;
      for (const key of ["pages", "questions"])
        if (key in settings)
          issues.push({ path: [key], line: front.lineOf([key]), message: `in a Markdown survey, questions are written in the body as "## Label {#id type=...}" headings, not as "${key}:" in the front matter` });
      bodyStart = end + 1;
    }
  }
  const lineOf = (path: FieldPath) => table.lineOf(path) ?? front?.lineOf(path) ?? 1;
  if (issues.length) return { data: undefined, issues, lineOf, format: "markdown" };

  const pages = readBody(lines, bodyStart, issues);
  const data: Record<string, unknown> = { ...settings };
  const description = joinText(pages[0]!.text);
  if (description) {
    if ("description" in settings)
      issues.push({ path: ["description"], line: description.line, message: "the description is written twice: in the front matter and as text before the first question; keep one" });
    data.description = description.text;
    table.set(["description"], description.line);
  }
  pages.slice(1).forEach((p) => {
    const stray = joinText(p.text);
    if (stray) issues.push({ path: [], line: stray.line, message: "text between --- and the first question of a page is not shown anywhere; put it under a question heading (as help) or remove it" });
  });

  const kept = pages.filter((p) => p.title || p.questions.length || (p !== pages[0] && !isBlank(p.text)));
  const onePage = kept.length === 1 && !kept[0]!.title;
  if (onePage) data.questions = kept[0]!.questions.map((q, n) => buildQuestion(q, ["questions", n], table.set, issues));
  else if (kept.length)
    data.pages = kept.map((p, n) => {
      const page: Record<string, unknown> = {};
      table.set(["pages", n], p.line);
      if (p.title) {
        if (p.title.label) page.title = p.title.label;
        for (const [key, value] of p.title.attrs) page[key] = value;
        for (const key of ["title", ...p.title.attrs.keys()]) table.set(["pages", n, key], p.title.line);
      }
      page.questions = p.questions.map((q, m) => buildQuestion(q, ["pages", n, "questions", m], table.set, issues));
      return page;
    });
  return { data, issues, lineOf, format: "markdown" };
}
