/**
 * Turns a schema-valid survey into the published definition: the rules zod cannot
 * express (unique ids, skip logic that only looks back, sane ranges) are checked
 * here, `show_if` expressions are parsed once, and a content hash is taken so each
 * stored response records exactly which definition its respondent saw. The schema of
 * that published definition (`PublishedSurvey`, with `ExprSchema` for its parsed
 * `show_if` trees) is here too; the Worker checks what it loads against it.
 *
 * @example
 *   const result = await compileSurvey("feedback", survey);
 *   if (!result.ok) for (const issue of result.issues) console.log(issue.path.join("."), issue.message);
 */
import { z } from "zod";
import { endingKey } from "./endings.ts";
import { computedProblems, conditionProblems, type Readable } from "./conditions.ts";
import { RESERVED_FIELDS, STANDARD_FIELDS } from "./contacts.ts";
import { sha256Hex } from "./hash.ts";
import { ExpressionError, FUNCTIONS, parseExpression, references, type Expr } from "./expression.ts";
import { ClientId, SurveyDefinition, SurveyId, type Choice, type Question, type Survey } from "./model.ts";
import { patternProblem } from "./pattern.ts";
import { answerTexts, parseTemplate } from "./piping.ts";
import { isComputed, isQuestion, NONE_VALUE, OTHER_SUFFIX, OTHER_VALUE } from "./survey.ts";

/**
 * A problem found in a survey, located by its path in the normalised definition;
 * `also` is a second place the same problem is written (the first of two duplicate ids).
 */
export type SurveyIssue = { path: (string | number)[]; message: string; also?: (string | number)[] };

/** Key of a page's condition in `conditions`; questions use their own id. */
export const pageKey = (index: number) => `page:${index}`;

/** The published form of an expression tree, checked when the Worker loads a definition. */
export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.strictObject({ lit: z.union([z.number(), z.string(), z.boolean()]) }),
    z.strictObject({ ref: z.string() }),
    z.strictObject({ answered: z.string() }),
    z.strictObject({ not: ExprSchema }),
    z.strictObject({ and: z.tuple([ExprSchema, ExprSchema]) }),
    z.strictObject({ or: z.tuple([ExprSchema, ExprSchema]) }),
    z.strictObject({ cmp: z.enum(["==", "!=", "<", "<=", ">", ">="]), left: ExprSchema, right: ExprSchema }),
    z.strictObject({ includes: z.tuple([ExprSchema, ExprSchema]) }),
    z.strictObject({ arith: z.enum(["+", "-", "*", "/"]), left: ExprSchema, right: ExprSchema }),
    z.strictObject({ neg: ExprSchema }),
    z.strictObject({ call: z.enum(FUNCTIONS), args: z.array(ExprSchema) }),
  ]),
);

/** What the build publishes for one survey and the Worker validates answers against. */
export const PublishedSurvey = z.strictObject({
  /** Format of this published document, bumped only if it ever changes incompatibly. */
  format: z.literal(1),
  id: SurveyId,
  /** SHA-256 (hex) of the id, definition and conditions. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  survey: SurveyDefinition,
  /** Parsed `show_if` trees by question id or `page:<index>`. */
  conditions: z.record(z.string(), ExprSchema),
  /** Parsed expressions of the `type: computed` blocks by id; absent when the survey has none. */
  computed: z.record(z.string(), ExprSchema).optional(),
  /**
   * The client the survey belongs to, resolved by the build (its `client:`, else the
   * config's default; core/clients.ts). Outside the hash: it decides who may read the
   * answers, not what respondents saw. Absent only outside a build (unit tests); the
   * Worker then shows the survey to the owner alone.
   */
  client: ClientId.optional(),
  /**
   * A multilingual survey (`languages:`) in each of its other languages, by tag: the same
   * survey as `survey` apart from its texts (core/i18n/localize.ts checks that), so answers
   * in any language are validated against `survey`. Inside the hash.
   */
  translations: z.record(z.string(), SurveyDefinition).optional(),
});
export type PublishedSurvey = z.output<typeof PublishedSurvey>;

type Located = { path: (string | number)[] };

function duplicateValues(list: Choice[], path: (string | number)[], what: string): SurveyIssue[] {
  const seen = new Set<string>();
  const issues: SurveyIssue[] = [];
  list.forEach((c, i) => {
    if (seen.has(c.value)) issues.push({ path: [...path, i], message: `duplicate ${what} "${c.value}"` });
    seen.add(c.value);
  });
  return issues;
}

function questionRangeIssues(q: Question, at: (string | number)[]): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  if ("choices" in q && q.choices) {
    issues.push(...duplicateValues(q.choices, [...at, "choices"], "choice"));
    if ("other" in q && q.other && q.choices.some((c) => c.value === OTHER_VALUE))
      issues.push({ path: [...at, "choices"], message: `"${OTHER_VALUE}" is already added by other: true; remove it from choices` });
  }
  if (q.type === "multiple") {
    const count = q.choices.length + (q.other ? 1 : 0);
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) issues.push({ path: [...at, "min"], message: `min (${q.min}) is greater than max (${q.max})` });
    if (q.min !== undefined && q.min > count) issues.push({ path: [...at, "min"], message: `min (${q.min}) is more than the ${count} choices` });
  }
  if ((q.type === "number" || q.type === "date") && q.min !== undefined && q.max !== undefined && q.min > q.max)
    issues.push({ path: [...at, "min"], message: `min (${q.min}) is greater than max (${q.max})` });
  if (q.type === "matrix") {
    issues.push(...duplicateValues(q.rows, [...at, "rows"], "row"));
    issues.push(...duplicateValues(q.columns, [...at, "columns"], "column"));
  }
  if (q.type === "text" || q.type === "textarea" || q.type === "email") {
    const problem = q.pattern === undefined ? undefined : patternProblem(q.pattern);
    if (problem) issues.push({ path: [...at, "pattern"], message: problem });
    if (q.message !== undefined && q.pattern === undefined) issues.push({ path: [...at, "message"], message: "message is what respondents read when their answer does not match pattern; add a pattern, or remove message" });
  }
  return issues;
}

/** Most positions a slider may have: without JavaScript it is a list of them. */
export const SLIDER_MAX_STEPS = 200;
/** Most items a ranking may have: each is moved one place at a time, and without JavaScript has a list of positions. */
export const RANKING_MAX_CHOICES = 20;

/** The rules of format 1.1's ranking, slider, hidden field and exclusive "None" choice. */
function newTypeIssues(q: Question, at: (string | number)[]): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  const add = (key: string, message: string) => issues.push({ path: [...at, key], message });
  if (q.type === "multiple") {
    if (q.none && q.choices.some((c) => c.value === NONE_VALUE)) add("choices", `"${NONE_VALUE}" is already added by none: true; remove it from choices`);
    if (q.none_label !== undefined && !q.none) add("none_label", "none_label names the exclusive \"None\" choice: add none: true, or remove none_label");
    if (q.none && q.min !== undefined && q.min > 1) add("min", `min (${q.min}) cannot hold for a respondent who chooses "None"; remove min or none`);
  }
  if (q.type === "ranking") {
    if (q.choices.length < 2) add("choices", "a ranking needs at least 2 choices to put in order");
    if (q.choices.length > RANKING_MAX_CHOICES) add("choices", `a ranking has at most ${RANKING_MAX_CHOICES} choices (${q.choices.length} here): respondents move each one by one`);
  }
  if (q.type === "slider") {
    const steps = (q.max - q.min) / q.step;
    if (q.min >= q.max) add("max", `max (${q.max}) must be greater than min (${q.min})`);
    else if (Math.abs(steps - Math.round(steps)) > 1e-9) add("step", `step ${q.step} does not divide the range ${q.min} to ${q.max} into whole steps; choose a step that does (like ${(q.max - q.min) / Math.max(1, Math.round(steps))})`);
    else if (steps > SLIDER_MAX_STEPS) add("step", `a slider has at most ${SLIDER_MAX_STEPS} steps (this one has ${Math.round(steps)}): use a larger step, or a number question`);
  }
  if (q.type === "hidden") {
    if (q.required) add("required", "a hidden field cannot be required: respondents never see it, so they could not send the survey without the URL parameter; remove required");
    if (q.choices && q.pattern !== undefined) add("pattern", "a hidden field takes either choices or a pattern, not both");
    const problem = q.pattern === undefined ? undefined : patternProblem(q.pattern);
    if (problem) add("pattern", problem);
  }
  return issues;
}

/** A randomised page's questions come in any order, so none of them may depend on another of them. */
function randomizedPageIssues(survey: Survey): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  survey.pages.forEach((page, pi) => {
    if (!page.randomize) return;
    const here = new Set(page.questions.filter(isQuestion).map((q) => q.id));
    page.questions.forEach((q, qi) => {
      if (!isQuestion(q) || !q.show_if) return;
      let refs: string[] = [];
      try { refs = references(parseExpression(q.show_if)); } catch { return; } // reported by compileCondition
      const same = refs.find((id) => here.has(id));
      if (same) issues.push({ path: ["pages", pi, "questions", qi, "show_if"], message: `refers to "${same}" on the same randomised page, which may come after it; move one of them to another page or remove randomize` });
    });
  });
  return issues;
}

/** The pop-up (site/embed/popup.ts) shows single controls only: no ranking list, slider or URL-filled field. */
function interceptTypeIssues(survey: Survey, all: (Question & Located)[]): SurveyIssue[] {
  if (!survey.intercept) return [];
  return all
    .filter((q) => q.type === "ranking" || q.type === "slider" || q.type === "hidden")
    .map((q) => ({ path: [...q.path, "type"], message: `a pop-up survey (intercept:) cannot ask a ${q.type} question yet; use another type, or drop intercept` }));
}

/** Which question types may carry each benchmark (core/results/benchmarks.ts): nps on nps, csat on rating, a metric of your own on any numeric answer. */
function benchmarkIssues(all: (Question & Located)[]): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  const carriedBy = new Map<string, string>();
  for (const q of all) {
    if (!q.benchmark) continue;
    const at = [...q.path, "benchmark"];
    const fits = q.benchmark === "nps" ? q.type === "nps" : q.benchmark === "csat" ? q.type === "rating" : ["number", "rating", "nps"].includes(q.type);
    if (!fits) {
      const needs = q.benchmark === "nps" ? "an nps question" : q.benchmark === "csat" ? "a rating question" : "a number, rating or nps question";
      issues.push({ path: at, message: `benchmark ${q.benchmark} needs ${needs}; this is a ${q.type} question` });
    }
    const first = carriedBy.get(q.benchmark);
    if (first) issues.push({ path: at, message: `benchmark ${q.benchmark} is already on question "${first}"; a survey counts towards each benchmark once` });
    else carriedBy.set(q.benchmark, q.id);
  }
  return issues;
}

/**
 * Placeholders the survey's texts may use: the invitation's standard fields and the
 * survey's declared `fields`; in emails also Canvass's own (`{{link}}`, `{{survey_title}}`…).
 */
function placeholderIssues(survey: Survey, questionIds: ReadonlySet<string>): SurveyIssue[] {
  const page = new Set<string>([...STANDARD_FIELDS, ...(survey.fields ?? [])]);
  const email = new Set<string>([...page, ...RESERVED_FIELDS.filter((f) => f !== "email" && f !== "client")]);
  const issues: SurveyIssue[] = [];
  // `{{q:id}}` is checked where answers may be piped (answerPipeIssues); elsewhere no answer is known yet.
  const check = (text: string | undefined, path: (string | number)[], allowed: Set<string>, answers = true) => {
    for (const part of parseTemplate(text ?? "")) {
      if (typeof part === "string" || (!part.answer && allowed.has(part.field)) || (part.answer && answers)) continue;
      const why = part.answer
        ? `{{q:${part.field}}} pipes an answer, but nothing has been answered where this text is shown: use {{q:…}} in question labels and help, notes, page titles, thanks or endings`
        : questionIds.has(part.field)
        ? `{{${part.field}}} names a question: write {{q:${part.field}}} to show its earlier answer (with a fallback for when it is unanswered: {{q:${part.field}|…}})`
        : `{{${part.field}}} is not an invitation field: use ${[...allowed].map((f) => `{{${f}}}`).join(", ")}, or declare a custom contact-list column in fields: [${part.field}]`;
      issues.push({ path, message: why });
    }
  };
  for (const key of ["title", "description"] as const) check(survey[key], [key], page, false);
  check(survey.thanks, ["thanks"], page);
  survey.endings?.forEach((e, i) => check(e.text, ["endings", i, "text"], page));
  for (const key of ["subject", "text", "html"] as const) {
    check(survey.invitation?.[key], ["invitation", key], email, false);
    check(survey.reminders?.[key], ["reminders", key], email, false);
  }
  survey.pages.forEach((p, pi) => {
    check(p.title, ["pages", pi, "title"], page);
    p.questions.forEach((q, qi) => {
      for (const key of ["label", "help", "text"] as const) check(key in q ? (q as Record<string, string | undefined>)[key] : undefined, ["pages", pi, "questions", qi, key], page);
    });
  });
  return issues;
}

/**
 * `{{q:id}}` must name a question asked before the text is shown (earlier on the same page,
 * or on an earlier page; endings and thanks come after every question) whose answer reads
 * as text: a matrix or a consent box has none.
 */
function answerPipeIssues(survey: Survey, known: ReadonlyMap<string, Readable>): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  for (const { text, path, before } of answerTexts(survey)) {
    for (const part of parseTemplate(text)) {
      if (typeof part === "string" || !part.answer) continue;
      const q = known.get(part.field);
      const pipe = `{{q:${part.field}}}`;
      if (!q) issues.push({ path, message: `${pipe} names no question of this survey; use the id of an earlier question` });
      else if (q.type === "computed") issues.push({ path, message: `${pipe} is a computed value, which respondents are not shown; pipe a question they answered` });
      else if (q.type === "matrix" || q.type === "consent") issues.push({ path, message: `${pipe} is a ${q.type} question, whose answer cannot be shown as text; pipe another question` });
      else if (!before.has(q.id)) issues.push({ path, message: `${pipe} is not asked before this text; pipe a question from earlier on this page or from an earlier page` });
    }
  }
  return issues;
}

/**
 * Endings: each `show_if` may read any question; the first unconditional ending is the
 * default, so one after it could never be chosen, and without one a respondent whose
 * answers meet no condition would have no end screen.
 */
function endingIssues(survey: Survey, known: Map<string, Readable>, conditions: Record<string, Expr>): SurveyIssue[] {
  const issues: SurveyIssue[] = [];
  const all = new Set(known.keys());
  const ids = new Map<string, number>();
  let fallback: number | undefined;
  survey.endings?.forEach((e, i) => {
    const at = ["endings", i];
    if (fallback !== undefined)
      issues.push({ path: at, message: `this ending can never be shown: ending ${fallback + 1} before it has no show_if and is always chosen first; move this one above it, or remove it`, also: ["endings", fallback] });
    if (e.show_if) {
      const expr = compileCondition(e.show_if, [...at, "show_if"], all, known, issues);
      if (expr) conditions[endingKey(i)] = expr;
    } else fallback ??= i;
    const first = e.id === undefined ? undefined : ids.get(e.id);
    if (first !== undefined) issues.push({ path: [...at, "id"], message: `duplicate ending id "${e.id}"; each ending names its own page`, also: ["endings", first, "id"] });
    else if (e.id !== undefined) ids.set(e.id, i);
  });
  if (survey.endings?.length && fallback === undefined)
    issues.push({ path: ["endings", survey.endings.length - 1], message: "every ending has a show_if, so answers that meet none would have no end screen: add a last ending without show_if" });
  return issues;
}

/**
 * Parses one `show_if` and checks that it reads only questions answered before it, and
 * compares each with what its answers can be (core/conditions.ts).
 * `earlier` holds the ids a respondent has seen by then.
 * Parses one `show_if` (or, with `asNumber`, a computed value's expression) and checks
 * that it reads only questions answered before it, and compares each with what its
 * answers can be (core/conditions.ts). `earlier` holds the ids a respondent has seen by
 * then, and the computed values before it.
 */
function compileCondition(src: string, at: (string | number)[], earlier: Set<string>, known: Map<string, Readable>, issues: SurveyIssue[], asNumber = false): Expr | undefined {
  let expr: Expr;
  try {
    expr = parseExpression(src);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    const quoted = src.length > 120 ? `${src.slice(0, 120)}…` : src;
    issues.push({ path: at, message: `${e.message} (at character ${e.offset + 1} of "${quoted}")` });
    return undefined;
  }
  for (const id of new Set(references(expr))) {
    if (!known.has(id)) issues.push({ path: at, message: `refers to unknown question "${id}"` });
    else if (!earlier.has(id)) issues.push({ path: at, message: `refers to "${id}", which is not asked before this point; ${asNumber ? "a computed value" : "show_if"} may only use earlier answers${asNumber ? " (move it below the questions it reads)" : ""}` });
  }
  for (const message of (asNumber ? computedProblems : conditionProblems)(expr, known)) issues.push({ path: at, message });
  return expr;
}

/**
 * Checks the cross-field rules and builds the published definition. Paths are in the normalised (`pages`) form.
 * `translations`: the survey in its other languages (already checked against it), published beside it.
 */
export async function compileSurvey(id: string, survey: Survey, translations?: Record<string, Survey>): Promise<{ ok: true; published: PublishedSurvey } | { ok: false; issues: SurveyIssue[] }> {
  const issues: SurveyIssue[] = [];
  if (!SurveyId.safeParse(id).success) issues.push({ path: [], message: `"${id}" is not a valid survey id (file name): use lowercase letters, digits and dashes` });

  const blocks = survey.pages.flatMap((p, pi) => p.questions.map((q, qi) => ({ q, path: ["pages", pi, "questions", qi] })));
  const all: (Question & Located)[] = blocks.flatMap(({ q, path }) => (isQuestion(q) ? [{ ...q, path }] : []));
  const known = new Map<string, Readable>();
  const firstAt = new Map<string, (string | number)[]>();
  const otherKeys = new Map<string, string>();
  for (const { q, path } of blocks) {
    if (q.type === "note" && q.label === undefined && q.text === undefined) issues.push({ path, message: "a note needs a text (or a label): it is shown, never answered" });
    if (q.id === undefined) continue;
    const first = firstAt.get(q.id);
    if (first) issues.push({ path: [...path, "id"], message: `duplicate question id "${q.id}"; ids must be unique`, also: [...first, "id"] });
    else firstAt.set(q.id, path);
    if (isQuestion(q) || isComputed(q)) known.set(q.id, known.get(q.id) ?? q);
    if ("other" in q && q.other) otherKeys.set(q.id + OTHER_SUFFIX, q.id);
  }
  for (const { q, path } of blocks) {
    const owner = isComputed(q) && otherKeys.get(q.id);
    if (owner) issues.push({ path: [...path, "id"], message: `"${q.id}" is where the "other" text of "${owner}" is stored; choose another id` });
  }
  for (const q of all) {
    const owner = otherKeys.get(q.id);
    if (owner) issues.push({ path: [...q.path, "id"], message: `"${q.id}" is where the "other" text of "${owner}" is stored; choose another id` });
    issues.push(...questionRangeIssues(q, q.path), ...newTypeIssues(q, q.path));
  }
  issues.push(...benchmarkIssues(all), ...randomizedPageIssues(survey), ...interceptTypeIssues(survey, all));

  const conditions: Record<string, Expr> = {};
  const computed: Record<string, Expr> = {};
  const earlier = new Set<string>();
  survey.pages.forEach((page, pi) => {
    if (page.show_if) {
      const expr = compileCondition(page.show_if, ["pages", pi, "show_if"], earlier, known, issues);
      if (expr) conditions[pageKey(pi)] = expr;
    }
    page.questions.forEach((q, qi) => {
      if (isComputed(q)) {
        const expr = compileCondition(q.expression, ["pages", pi, "questions", qi, "expression"], earlier, known, issues, true);
        if (expr) computed[q.id] = expr;
        earlier.add(q.id);
        return;
      }
      if (!isQuestion(q)) return;
      if (q.show_if) {
        const expr = compileCondition(q.show_if, ["pages", pi, "questions", qi, "show_if"], earlier, known, issues);
        if (expr) conditions[q.id] = expr;
      }
      earlier.add(q.id);
    });
  });

  issues.push(...endingIssues(survey, known, conditions));
  issues.push(...placeholderIssues(survey, new Set(firstAt.keys())));
  issues.push(...answerPipeIssues(survey, known));
  if (issues.length) return { ok: false, issues };
  // A survey without computed values publishes (and hashes) exactly what it did before they existed.
  const values = Object.keys(computed).length ? { computed } : {};
  const hash = await sha256Hex(JSON.stringify({ id, survey, conditions, ...values, ...(translations ? { translations } : {}) }));
  const published: PublishedSurvey = { format: 1, id, hash, survey, conditions, ...values };
  if (survey.client) published.client = survey.client;
  if (translations) published.translations = translations;
  return { ok: true, published };
}
