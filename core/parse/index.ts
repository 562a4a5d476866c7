/**
 * One entry point from a survey file to its published definition. Either format is
 * read into the same plain object, validated by the one `SurveyDefinition` schema,
 * then compiled (cross-field checks, `show_if` trees, content hash). Every problem
 * on the way comes back as a `SourceIssue` naming file, line and the path as the
 * author wrote it — `questions[2].choices` for a one-page file, not the normalised
 * `pages[0].questions[2].choices`.
 *
 * @example
 *   const result = await parseSurvey("surveys/feedback.yaml", text);
 *   if (!result.ok) for (const issue of result.issues) console.error(formatIssue(issue));
 */
import type { z } from "zod";
import { compileSurvey, type PublishedSurvey, type SurveyIssue } from "../compile.ts";
import { isTextKey, localizeSurvey, structuralDifferences, type Localized } from "../i18n/localize.ts";
import { SurveyDefinition, SurveyId, type Survey } from "../model.ts";
import { checkClient, type ClientRules } from "./clients.ts";
import { parseMarkdownSurvey } from "./markdown.ts";
import { friendlyError, schemaIssues } from "./messages.ts";
import { type FieldPath, formatPath, type LocatedIssue, type SourceDocument, type SourceIssue } from "./source.ts";
import { parseYamlSurvey } from "./yaml.ts";

export { formatIssue, formatPath, type FieldPath, type SourceDocument, type SourceIssue } from "./source.ts";
export { parseMarkdownSurvey } from "./markdown.ts";
export { parseYamlSurvey } from "./yaml.ts";

export type ParseResult = { ok: true; published: PublishedSurvey } | { ok: false; issues: SourceIssue[] };

/** File extensions read as surveys, and the reader for each. */
export const SURVEY_EXTENSIONS: Record<string, (text: string) => SourceDocument> = {
  ".yaml": parseYamlSurvey,
  ".yml": parseYamlSurvey,
  ".md": parseMarkdownSurvey,
};

function splitFileName(fileName: string): { base: string; id: string; ext: string } {
  const base = fileName.slice(Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? { base, id: base.slice(0, dot), ext: base.slice(dot).toLowerCase() } : { base, id: base, ext: "" };
}

/** The survey id a file defines: its name without directory and extension (`surveys/x.yaml` → `x`). */
export function surveyIdFromFileName(fileName: string): string {
  return splitFileName(fileName).id;
}

/** Compile paths are normalised (`pages.0.questions.N`); a file with a top-level `questions:` list never wrote `pages`. */
function authorPath(path: FieldPath, data: unknown): FieldPath {
  const usedQuestions = typeof data === "object" && data !== null && "questions" in data && !("pages" in data);
  if (usedQuestions && path[0] === "pages" && path[1] === 0 && path[2] === "questions") return path.slice(2);
  return path;
}

/** What a parse may check beyond the file itself. */
export type ParseOptions = {
  /** The config's clients: `client:` must name one (or the config have a default), and the result carries the resolved client. */
  clients?: ClientRules;
};

/** Reads, validates and compiles one survey file. */
export async function parseSurvey(fileName: string, text: string, options: ParseOptions = {}): Promise<ParseResult> {
  const { base, id, ext } = splitFileName(fileName);
  const toSource = (i: LocatedIssue): SourceIssue =>
    i.line === undefined ? { file: fileName, path: formatPath(i.path), message: i.message } : { file: fileName, line: i.line, path: formatPath(i.path), message: i.message };
  const read = SURVEY_EXTENSIONS[ext];
  if (!read) return { ok: false, issues: [toSource({ path: [], message: `not a survey file: survey files end in ${Object.keys(SURVEY_EXTENSIONS).join(", ")}` })] };

  const issues: LocatedIssue[] = [];
  const validId = SurveyId.safeParse(id).success;
  if (!validId)
    issues.push({ path: [], message: `the file name "${base}" is not a valid survey id: the name before ${ext} must use lowercase letters, digits and single dashes (like customer-feedback${ext})` });

  const read_ = read(text);
  if (read_.issues.length) return { ok: false, issues: sortByLine([...issues, ...read_.issues]).map(toSource) };

  // Multilingual files become one plain survey per language (core/i18n/localize.ts); the default's is checked as any survey is.
  const local = localizeSurvey(read_.data, read_.format);
  const doc: SourceDocument = { ...read_, data: local.versions[0]!.data };
  issues.push(...local.issues.map((i) => ({ ...i, line: doc.lineOf(i.path) })));
  const parsed = SurveyDefinition.safeParse(doc.data, { error: friendlyError(doc.format) });
  if (!parsed.success) {
    const schema = schemaIssues(parsed.error, doc);
    const later = await laterIssues(doc, parsed.error);
    return { ok: false, issues: sortByLine([...issues, ...schema, ...later.filter((l) => !schema.some((s) => startsWith(l.path, s.path)))]).map(toSource) };
  }
  const translations = await translate(local, parsed.data, doc, issues);

  // With a bad file name, compile under a stand-in id so the author sees every other problem in the same run.
  const compiled = await compileSurvey(validId ? id : "survey", parsed.data, translations);
  if (!compiled.ok) issues.push(...located(compiled.issues, doc));
  const client = options.clients ? checkClient(options.clients, parsed.data.client) : undefined;
  if (client && !client.ok) issues.push({ path: ["client"], line: doc.lineOf(["client"]), message: client.message });
  if (issues.length || !compiled.ok) return { ok: false, issues: sortByLine(issues).map(toSource) };
  return { ok: true, published: client?.ok ? { ...compiled.published, client: client.client } : compiled.published };
}

/**
 * The survey in each language but the default, checked by the schema, against the default
 * (only text may differ) and for its texts' placeholders; each issue names its language.
 * Undefined for a survey in one language.
 */
async function translate(local: Localized, base: Survey, doc: SourceDocument, issues: LocatedIssue[]): Promise<Record<string, Survey> | undefined> {
  const others = local.versions.slice(1);
  if (!others.length) return undefined;
  const translations: Record<string, Survey> = {};
  for (const { language, data } of others) {
    const tag = (i: LocatedIssue): LocatedIssue => ({ ...i, message: `(${language}) ${i.message}` });
    const parsed = SurveyDefinition.safeParse(data, { error: friendlyError(doc.format) });
    if (!parsed.success) {
      issues.push(...schemaIssues(parsed.error, { ...doc, data }).map(tag));
      continue;
    }
    // A map where a choice belongs was reported by the pre-pass already, in better words.
    const reported = new Set(local.issues.map((i) => formatPath(i.path)));
    issues.push(...located(structuralDifferences(base, parsed.data, language), doc).filter((i) => !reported.has(formatPath(i.path))));
    const compiled = await compileSurvey("survey", parsed.data);
    // Only a text's problems (a misspelt placeholder) can be the translation's own; the rest were reported for the default.
    if (!compiled.ok) issues.push(...located(compiled.issues.filter((i) => isTextKey(String(i.path.at(-1)))), doc).map(tag));
    translations[language] = parsed.data;
  }
  return translations;
}

/** Turns compile issues into located ones, in the paths the author wrote. */
function located(compiled: SurveyIssue[], doc: SourceDocument): LocatedIssue[] {
  return compiled.map((issue) => {
    const path = authorPath(issue.path, doc.data);
    const also = issue.also && authorPath(issue.also, doc.data);
    // A duplicate names both places: the issue sits at the second, its message names the first.
    const where = also ? ` (first used on line ${doc.lineOf(also) ?? "?"}, ${formatPath(also)})` : "";
    return { path, line: doc.lineOf(path), message: issue.message + where };
  });
}

const startsWith = (path: FieldPath, prefix: FieldPath) => prefix.every((seg, i) => path[i] === seg);

/** How many times a failing file is trimmed of its bad keys to reach the later checks. */
const TRIM_ROUNDS = 3;

/**
 * All problems in one run: when the schema refuses some keys, the file without those keys
 * is checked again and, once it passes, compiled, so the cross-field checks (show_if,
 * duplicate ids, placeholders) report too instead of waiting for the next run. A key
 * that cannot be left out (a question's id or type, a choice in a list) ends the attempt.
 */
async function laterIssues(doc: SourceDocument, error: z.ZodError): Promise<LocatedIssue[]> {
  let data: unknown = structuredClone(doc.data);
  for (let round = 0; round < TRIM_ROUNDS; round++) {
    for (const issue of error.issues) {
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of paths as FieldPath[]) if (!removeKey(data, path)) return [];
    }
    const again = SurveyDefinition.safeParse(data);
    if (!again.success) {
      error = again.error;
      continue;
    }
    const compiled = await compileSurvey("survey", again.data);
    return compiled.ok ? [] : located(compiled.issues, doc).filter((i) => i.path.length > 0);
  }
  return [];
}

/** Deletes the key at `path` from an object; false when the path ends in a list item or reaches nothing. */
function removeKey(data: unknown, path: FieldPath): boolean {
  const key = path.at(-1);
  if (typeof key !== "string") return false;
  let node = data;
  for (const seg of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string | number, unknown>)[seg];
  }
  if (node === null || typeof node !== "object" || Array.isArray(node) || !(key in node)) return false;
  delete (node as Record<string, unknown>)[key];
  return true;
}

/** Issues in file order; those without a line (the file as a whole) first. Stable otherwise. */
function sortByLine(issues: LocatedIssue[]): LocatedIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
