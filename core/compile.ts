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
import { conditionProblems } from "./conditions.ts";
import { RESERVED_FIELDS, STANDARD_FIELDS } from "./contacts.ts";
import { sha256Hex } from "./hash.ts";
import { ExpressionError, parseExpression, references, type Expr } from "./expression.ts";
import { ClientId, SurveyDefinition, SurveyId, type Choice, type Question, type Survey } from "./model.ts";
import { patternProblem } from "./pattern.ts";
import { parseTemplate } from "./piping.ts";
import { isQuestion, OTHER_SUFFIX, OTHER_VALUE } from "./survey.ts";

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
  if ("choices" in q) {
    issues.push(...duplicateValues(q.choices, [...at, "choices"], "choice"));
    if (q.other && q.choices.some((c) => c.value === OTHER_VALUE))
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
  const check = (text: string | undefined, path: (string | number)[], allowed: Set<string>) => {
    for (const part of parseTemplate(text ?? "")) {
      if (typeof part === "string" || allowed.has(part.field)) continue;
      const why = questionIds.has(part.field)
        ? `{{${part.field}}} names a question: showing earlier answers in text is not supported yet, so it would always show its fallback`
        : `{{${part.field}}} is not an invitation field: use ${[...allowed].map((f) => `{{${f}}}`).join(", ")}, or declare a custom contact-list column in fields: [${part.field}]`;
      issues.push({ path, message: why });
    }
  };
  for (const key of ["title", "description", "thanks"] as const) check(survey[key], [key], page);
  for (const key of ["subject", "text", "html"] as const) {
    check(survey.invitation?.[key], ["invitation", key], email);
    check(survey.reminders?.[key], ["reminders", key], email);
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
 * Parses one `show_if` and checks that it reads only questions answered before it, and
 * compares each with what its answers can be (core/conditions.ts).
 * `earlier` holds the ids a respondent has seen by then.
 */
function compileCondition(src: string, at: (string | number)[], earlier: Set<string>, known: Map<string, Question>, issues: SurveyIssue[]): Expr | undefined {
  let expr: Expr;
  try {
    expr = parseExpression(src);
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    issues.push({ path: at, message: `${e.message} (at character ${e.offset + 1} of "${src}")` });
    return undefined;
  }
  for (const id of new Set(references(expr))) {
    if (!known.has(id)) issues.push({ path: at, message: `refers to unknown question "${id}"` });
    else if (!earlier.has(id)) issues.push({ path: at, message: `refers to "${id}", which is not asked before this point; show_if may only use earlier answers` });
  }
  for (const message of conditionProblems(expr, known)) issues.push({ path: at, message });
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
  const known = new Map<string, Question>();
  const firstAt = new Map<string, (string | number)[]>();
  const otherKeys = new Map<string, string>();
  for (const { q, path } of blocks) {
    if (q.type === "note" && q.label === undefined && q.text === undefined) issues.push({ path, message: "a note needs a text (or a label): it is shown, never answered" });
    if (q.id === undefined) continue;
    const first = firstAt.get(q.id);
    if (first) issues.push({ path: [...path, "id"], message: `duplicate question id "${q.id}"; ids must be unique`, also: [...first, "id"] });
    else firstAt.set(q.id, path);
    if (isQuestion(q)) known.set(q.id, known.get(q.id) ?? q);
    if ("other" in q && q.other) otherKeys.set(q.id + OTHER_SUFFIX, q.id);
  }
  for (const q of all) {
    const owner = otherKeys.get(q.id);
    if (owner) issues.push({ path: [...q.path, "id"], message: `"${q.id}" is where the "other" text of "${owner}" is stored; choose another id` });
    issues.push(...questionRangeIssues(q, q.path));
  }
  issues.push(...benchmarkIssues(all));

  const conditions: Record<string, Expr> = {};
  const earlier = new Set<string>();
  survey.pages.forEach((page, pi) => {
    if (page.show_if) {
      const expr = compileCondition(page.show_if, ["pages", pi, "show_if"], earlier, known, issues);
      if (expr) conditions[pageKey(pi)] = expr;
    }
    page.questions.forEach((q, qi) => {
      if (!isQuestion(q)) return;
      if (q.show_if) {
        const expr = compileCondition(q.show_if, ["pages", pi, "questions", qi, "show_if"], earlier, known, issues);
        if (expr) conditions[q.id] = expr;
      }
      earlier.add(q.id);
    });
  });

  issues.push(...placeholderIssues(survey, new Set(firstAt.keys())));
  if (issues.length) return { ok: false, issues };
  const hash = await sha256Hex(JSON.stringify({ id, survey, conditions, ...(translations ? { translations } : {}) }));
  const published: PublishedSurvey = { format: 1, id, hash, survey, conditions };
  if (survey.client) published.client = survey.client;
  if (translations) published.translations = translations;
  return { ok: true, published };
}
