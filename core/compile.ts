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
import { sha256Hex } from "./hash.ts";
import { ExpressionError, parseExpression, references, type Expr } from "./expression.ts";
import { ClientId, SurveyDefinition, SurveyId, type Choice, type Question, type Survey } from "./model.ts";
import { OTHER_SUFFIX, OTHER_VALUE } from "./survey.ts";

/** A problem found in a survey, located by its path in the normalised definition. */
export type SurveyIssue = { path: (string | number)[]; message: string };

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
 * Parses one `show_if` and checks that it reads only questions answered before it.
 * `earlier` holds the ids a respondent has seen by then.
 */
function compileCondition(src: string, at: (string | number)[], earlier: Set<string>, known: Set<string>, issues: SurveyIssue[]): Expr | undefined {
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
  return expr;
}

/** Checks the cross-field rules and builds the published definition. Paths are in the normalised (`pages`) form. */
export async function compileSurvey(id: string, survey: Survey): Promise<{ ok: true; published: PublishedSurvey } | { ok: false; issues: SurveyIssue[] }> {
  const issues: SurveyIssue[] = [];
  if (!SurveyId.safeParse(id).success) issues.push({ path: [], message: `"${id}" is not a valid survey id (file name): use lowercase letters, digits and dashes` });

  const all: (Question & Located)[] = survey.pages.flatMap((p, pi) => p.questions.map((q, qi) => ({ ...q, path: ["pages", pi, "questions", qi] })));
  const known = new Set<string>();
  const otherKeys = new Map<string, string>();
  for (const q of all) {
    if (known.has(q.id)) issues.push({ path: [...q.path, "id"], message: `duplicate question id "${q.id}"` });
    known.add(q.id);
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
      if (q.show_if) {
        const expr = compileCondition(q.show_if, ["pages", pi, "questions", qi, "show_if"], earlier, known, issues);
        if (expr) conditions[q.id] = expr;
      }
      earlier.add(q.id);
    });
  });

  if (issues.length) return { ok: false, issues };
  const hash = await sha256Hex(JSON.stringify({ id, survey, conditions }));
  const published: PublishedSurvey = { format: 1, id, hash, survey, conditions };
  if (survey.client) published.client = survey.client;
  return { ok: true, published };
}
