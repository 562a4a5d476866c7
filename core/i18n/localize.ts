/**
 * Multilingual survey files: one generic pass over the raw file data, before the schema.
 * A survey declares `languages: [en, de, fr]` (the first is the default), and any of its
 * texts may then be a map of language to text instead of a string:
 *
 *   label: { en: How did we do?, de: Wie war es?, fr: Comment était-ce ? }
 *
 * For each declared language the pass copies the data with every such map (an object
 * whose keys are all declared languages) replaced by that language's text, and each copy
 * then goes through the unchanged `SurveyDefinition` schema (core/parse/index.ts). No key
 * needs its own translation rule, so keys added to the format later are translatable too.
 *
 * What the author must get right, all reported in one run, each at its line:
 * - every map gives every declared language (a missing one is named);
 * - in a survey of several languages, a text (the keys `isTextKey` accepts, and choices)
 *   is a map, not a plain string; text without letters ("0–10", "AB-1234") needs none, and
 *   a choice that reads the same everywhere is written `{ value: iOS }`;
 * - ids, choice values, types and conditions are never translated: `structuralDifferences`
 *   compares each language's normalised survey with the default's, which must be the same
 *   apart from text, because the Worker validates every language's answers against the
 *   default's definition.
 * Emails (`invitation`, `reminders`) are sent in each contact's language (the contact
 * list's `language` column, worker/invitations/compose.ts): maps translate them there, and a
 * plain string (then sent as written in every language) is not reported.
 *
 * No zod here: it runs before the schema, on plain data.
 *
 * @example
 *   const { versions, issues } = localizeSurvey({ languages: ["en", "de"], title: { en: "Hi", de: "Hallo" }, questions: [] }, "yaml");
 *   versions[1] // { language: "de", data: { languages: ["en", "de"], language: "de", title: "Hallo", questions: [] } }
 */
import type { FieldPath, LocatedIssue } from "../parse/source.ts";
import { stringsFor } from "./strings.ts";

/** A language tag as the schema accepts it (core/model.ts `language`). */
const TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** Keys whose string values are words respondents read. */
const TEXT_KEYS = new Set([
  "title", "description", "thanks", "label", "labels", "help", "text", "placeholder", "other_label", "message",
  "low_label", "high_label", "subject", "html", "next", "back", "submit", "button",
]);

/** True for a key holding respondent-facing text: one of `TEXT_KEYS`, or any `*_label` / `*_text` key. */
export function isTextKey(key: string): boolean {
  return TEXT_KEYS.has(key) || key.endsWith("_label") || key.endsWith("_text");
}

/** Lists whose plain-string items are both the stored value and the label. */
const CHOICE_LISTS = new Set(["choices", "rows", "columns"]);
/** Subtrees sent in the default language only. */
const DEFAULT_ONLY = new Set(["invitation", "reminders"]);

/** One language's copy of the file data, ready for the schema. */
export type LanguageVersion = { language: string; data: unknown };
export type Localized = {
  /** The declared languages, default first; undefined for a survey that declares none. */
  languages: string[] | undefined;
  /** The default language's copy first; a single copy for a survey without `languages`. */
  versions: LanguageVersion[];
  issues: LocatedIssue[];
};

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const hasLetters = (s: string) => /\p{L}/u.test(s);
const lastKey = (path: FieldPath) => path.findLast((seg): seg is string => typeof seg === "string");

/** The declared `languages`, when they are a list of tags (anything else is left to the schema to refuse). */
function declared(data: Obj): string[] | undefined {
  const list = data.languages;
  if (!Array.isArray(list) || list.length === 0 || !list.every((l) => typeof l === "string" && TAG.test(l))) return undefined;
  return list as string[];
}

/** A translation map: a non-empty object whose keys are all declared languages. */
function isMap(value: unknown, languages: ReadonlySet<string>): value is Obj {
  return isObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => languages.has(k));
}

/** Every map and every untranslated text, as issues; walks the file data once. */
function translationIssues(data: unknown, languages: string[]): LocatedIssue[] {
  const set = new Set(languages);
  const issues: LocatedIssue[] = [];
  const example = `{ ${languages.map((l) => `${l}: ...`).join(", ")} }`;
  const walk = (node: unknown, path: FieldPath, defaultOnly: boolean) => {
    const key = lastKey(path);
    const inList = typeof path.at(-1) === "number" && CHOICE_LISTS.has(String(path.at(-2)));
    if (isMap(node, set)) {
      const missing = languages.filter((l) => !Object.hasOwn(node, l));
      if (inList) issues.push({ path, message: `a choice's value is stored with the answers, so it is the same in every language: write { value: ..., label: ${example} }` });
      else if (missing.length) issues.push({ path, message: `no ${missing.join(", ")} translation: give every language of languages: [${languages.join(", ")}]` });
      for (const [lang, text] of Object.entries(node))
        if (typeof text !== "string") issues.push({ path: [...path, lang], message: `a translation is text, not ${Array.isArray(text) ? "a list" : typeof text}` });
      return;
    }
    if (typeof node === "string") {
      if (defaultOnly || languages.length < 2 || !hasLetters(node)) return;
      if (inList) issues.push({ path, message: `the choice "${node}" is not translated: write { value: ${node}, label: ${example} }, or { value: ${node} } for a name that reads the same in every language` });
      else if (key !== undefined && isTextKey(key)) issues.push({ path, message: `not translated: write it as ${example} (languages: [${languages.join(", ")}])` });
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i], defaultOnly));
    else if (isObject(node)) for (const [k, v] of Object.entries(node)) walk(v, [...path, k], defaultOnly || (path.length === 0 && DEFAULT_ONLY.has(k)));
  };
  walk(data, [], false);
  return issues;
}

/** A copy of `node` with every map replaced by its `language` text (the default's, or any, when that one is missing). */
function pick(node: unknown, language: string, languages: string[], set: ReadonlySet<string>): unknown {
  if (isMap(node, set)) {
    const found = [language, ...languages].find((l) => typeof node[l] === "string");
    return found === undefined ? Object.values(node)[0] : node[found];
  }
  if (Array.isArray(node)) return node.map((item) => pick(item, language, languages, set));
  if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, pick(v, language, languages, set)]));
  return node;
}

/**
 * The interface's defaults that are author text in the schema (the thank-you text, an nps
 * question's end labels), in the survey's language where the author left them out: zod's
 * own defaults are English.
 */
export function fillLanguageDefaults(data: unknown, language: string | undefined): void {
  const t = stringsFor(language);
  if (!isObject(data) || t === stringsFor("en")) return;
  data.thanks ??= t.thanksDefault;
  const lists = Array.isArray(data.pages) ? data.pages.map((p) => (isObject(p) ? p.questions : undefined)) : [data.questions];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const q of list) {
      if (!isObject(q) || q.type !== "nps") continue;
      q.low_label ??= t.npsLow;
      q.high_label ??= t.npsHigh;
    }
  }
}

/**
 * The pre-pass: one copy of the data per declared language (default first), with the
 * issues of the translations. A file without `languages` passes as it is, with its
 * `language:`'s interface defaults filled in.
 */
export function localizeSurvey(data: unknown, format: "yaml" | "markdown"): Localized {
  const languages = isObject(data) ? declared(data) : undefined;
  if (!isObject(data) || !languages) {
    const copy = structuredClone(data);
    const language = isObject(data) && typeof data.language === "string" ? data.language : undefined;
    fillLanguageDefaults(copy, language);
    return { languages: undefined, versions: [{ language: language ?? "en", data: copy }], issues: [] };
  }
  const issues: LocatedIssue[] = [];
  if (typeof data.language === "string" && data.language !== languages[0])
    issues.push({ path: ["language"], message: `language (${data.language}) differs from the first of languages (${languages[0]}), which is the default: remove language` });
  if (format === "markdown" && languages.length > 1)
    issues.push({ path: ["languages"], message: "a survey in several languages is written in YAML, where each text can be a map like { en: ..., de: ... }; a Markdown heading holds one language" });
  issues.push(...translationIssues(data, languages));
  const set = new Set(languages);
  const versions = [...new Set(languages)].map((language) => {
    const copy = pick(data, language, languages, set) as Obj;
    copy.language = language;
    fillLanguageDefaults(copy, language);
    return { language, data: copy };
  });
  return { languages, versions, issues };
}

/**
 * Where a translation's normalised survey differs from the default's other than in text:
 * the paths (normalised, as compile issues are) and what differs. Both are schema output,
 * so they have the same shape unless a map sat where text does not belong.
 */
export function structuralDifferences(base: unknown, other: unknown, language: string, path: FieldPath = []): { path: FieldPath; message: string }[] {
  if (Array.isArray(base) && Array.isArray(other)) {
    if (base.length !== other.length) return [{ path, message: `the ${language} version has ${other.length} items here, the default ${base.length}: only text may differ between languages` }];
    return base.flatMap((item, i) => structuralDifferences(item, other[i], language, [...path, i]));
  }
  if (isObject(base) && isObject(other)) {
    const keys = new Set([...Object.keys(base), ...Object.keys(other)]);
    return [...keys].flatMap((k) => structuralDifferences(base[k], other[k], language, [...path, k]));
  }
  if (Object.is(base, other) || path[0] === "language") return [];
  const key = lastKey(path);
  if (typeof base === "string" && typeof other === "string" && key !== undefined && isTextKey(key)) return [];
  if (key === "value" && CHOICE_LISTS.has(String(path.at(-3))))
    return [{ path: path.slice(0, -1), message: `this choice's value is "${String(base)}" in the default language but "${String(other)}" in ${language}: a value is stored with the answers, so write { value: ${String(base)}, label: { ... } }` }];
  return [{ path, message: `this is ${JSON.stringify(base)} in the default language but ${JSON.stringify(other)} in ${language}: only text may be translated (ids, values, types, conditions and numbers are the same in every language)` }];
}
