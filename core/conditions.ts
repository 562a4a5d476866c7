/**
 * Type-checks a parsed `show_if` against the questions it reads, so a condition that
 * can never be true (or is always true) is refused by `canvass check` instead of
 * silently hiding a question from everyone. `evaluate` (core/expression.ts) is lenient
 * by design, it must never throw on a respondent's answers; this is where the author
 * hears about a comparison that cannot mean what it says.
 *
 * What each question type's answer can be compared with:
 *   single, dropdown   == != one of its choice values (a "string")
 *   multiple           includes one of its choice values, "None" too with none: true (never == or ordering)
 *   text, textarea, email   == != a "string"
 *   number, rating, nps     any comparison with a number (rating 1..scale, nps 0..10 for ==)
 *   yesno              == != "yes" or "no"
 *   date               any comparison with a "YYYY-MM-DD" string
 *   consent            == != true or false
 *   matrix, ranking    nothing but answered(id) or the bare id
 *   slider             any comparison with a number (between its min and max for ==)
 *   hidden             == != a "string" (one of its choices when it lists them)
 *   computed           like a number question (no range)
 * A bare id (`show_if: agree`) or `answered(id)` is fine for every type.
 *
 * Arithmetic (`+ - * /`, unary minus) and the functions sum, mean, min, max and round
 * take numbers: number literals, numeric questions (number, rating, nps, slider) and
 * computed values; `count` counts any answered question (a multiple choice's
 * selections). A computed value's expression must give a number (`computedProblems`).
 *
 * @example
 *   conditionProblems(parseExpression('tools == "App"'), byId)
 *   // ['`tools` is multiple choice: use `tools includes "App"`']
 */
import type { Expr, FunctionName, Literal } from "./expression.ts";
import type { Computed, Question } from "./model.ts";
import { optionValues } from "./survey.ts";

/** What a condition or an expression may read: a question, or an earlier computed value. */
export type Readable = Question | Computed;

const show = (lit: Literal) => (typeof lit === "string" ? JSON.stringify(lit) : String(lit));
const ORDERING = new Set(["<", "<=", ">", ">="]);

const choiceValues = (q: Readable): string[] => (q.type === "computed" ? [] : optionValues(q));

const listChoices = (q: Readable) => choiceValues(q).map((v) => JSON.stringify(v)).join(", ");

/** What is wrong with `<id> <op> <lit>` for this question, if anything. */
function comparisonProblem(q: Readable, op: string, lit: Literal): string | undefined {
  const id = `\`${q.id}\``;
  const ordering = ORDERING.has(op);
  switch (q.type) {
    case "single":
    case "dropdown":
      if (ordering) return `${id} is a choice question, whose answers have no order: compare with == or != and one of its choices (${listChoices(q)})`;
      if (typeof lit !== "string") return `${id} is a choice question: its answers are texts, never ${show(lit)}; compare with one of its choices in quotes (${listChoices(q)})`;
      if (!choiceValues(q).includes(lit)) return `${show(lit)} is not a choice of ${id}; use one of: ${listChoices(q)}`;
      return undefined;
    case "multiple":
      return `${id} is multiple choice: use \`${q.id} includes ${typeof lit === "string" ? show(lit) : JSON.stringify(choiceValues(q)[0] ?? "...")}\``;
    case "text":
    case "textarea":
    case "email":
      if (ordering) return `${id} is a ${q.type} question: its answers cannot be ordered with ${op}; use == or != with a "text", or answered(${q.id})`;
      return typeof lit === "string" ? undefined : `${id} is a ${q.type} question: its answers are texts, never ${show(lit)}; compare with a "text" in quotes`;
    case "number":
    case "rating":
    case "nps": {
      if (typeof lit !== "number") return `${id} is a ${q.type} question: its answers are numbers, never ${show(lit)}; write the number without quotes (like ${q.id} >= 4)`;
      const [low, high] = q.type === "rating" ? [1, q.scale] : q.type === "nps" ? [0, 10] : [q.min, q.max];
      if ((op === "==" || op === "!=") && ((low !== undefined && lit < low) || (high !== undefined && lit > high)))
        return `${id} is never ${lit}: its answers run from ${low ?? "any number"} to ${high ?? "any number"}`;
      return undefined;
    }
    case "yesno":
      if (ordering) return `${id} is a yes/no question: use ${q.id} == "yes" or ${q.id} == "no"`;
      return lit === "yes" || lit === "no" ? undefined : `${id} is a yes/no question: its answers are "yes" and "no", never ${show(lit)}`;
    case "date":
      return typeof lit === "string" && /^\d{4}-\d{2}-\d{2}$/.test(lit) ? undefined : `${id} is a date question: compare it with a date in quotes, like ${q.id} >= "2026-01-31"`;
    case "consent":
      if (ordering) return `${id} is a consent question: use ${q.id} == true, or just ${q.id}`;
      return typeof lit === "boolean" ? undefined : `${id} is a consent question: its answer is true when ticked, never ${show(lit)}; use ${q.id} == true, or just ${q.id}`;
    case "matrix":
      return `${id} is a matrix question, whose answer is one choice per row and cannot be compared; use answered(${q.id})`;
    case "computed":
      return typeof lit === "number" ? undefined : `${id} is a computed value: it is a number, never ${show(lit)}; write the number without quotes (like ${q.id} >= 68)`;
    case "ranking":
      return `${id} is a ranking question, whose answer is an order of its choices and cannot be compared; use answered(${q.id})`;
    case "slider":
      if (typeof lit !== "number") return `${id} is a slider question: its answers are numbers, never ${show(lit)}; write the number without quotes (like ${q.id} >= ${q.min})`;
      if ((op === "==" || op === "!=") && (lit < q.min || lit > q.max)) return `${id} is never ${lit}: its answers run from ${q.min} to ${q.max}`;
      return undefined;
    case "hidden":
      if (ordering) return `${id} is a hidden field: its values are texts and cannot be ordered with ${op}; use == or != with a "text"`;
      if (typeof lit !== "string") return `${id} is a hidden field: its values are texts, never ${show(lit)}; compare with a "text" in quotes`;
      if (q.choices && !choiceValues(q).includes(lit)) return `${show(lit)} is not a value of ${id}; use one of: ${listChoices(q)}`;
      return undefined;
  }
}

/** Question types whose answers are numbers; a string set, so types added later (slider) need only a name here. */
const NUMERIC_TYPES = new Set<string>(["number", "rating", "nps", "slider", "computed"]);
const isNumeric = (q: Readable) => NUMERIC_TYPES.has(q.type);
const isArithmetic = (e: Expr) => "arith" in e || "neg" in e || "call" in e;

/** Fewest and most arguments of each function (round: the value and, optionally, its decimals). */
const ARITY: Record<FunctionName, [number, number]> = { sum: [1, Infinity], mean: [1, Infinity], count: [1, Infinity], min: [1, Infinity], max: [1, Infinity], round: [1, 2] };

/** Problems with an expression used as a number: every operand numeric, every call well formed. */
function numberProblems(e: Expr, byId: ReadonlyMap<string, Readable>, problems: string[]): void {
  if ("lit" in e) {
    if (typeof e.lit !== "number") problems.push(`${show(e.lit)} is not a number: arithmetic takes numbers, numeric answers and computed values`);
  } else if ("ref" in e) {
    const q = byId.get(e.ref);
    if (q && !isNumeric(q)) problems.push(`\`${q.id}\` is a ${q.type} question, whose answers are not numbers: arithmetic needs a number, rating, nps or slider question or a computed value${q.type === "multiple" ? ` (count(${q.id}) counts its selections)` : ""}`);
  } else if ("arith" in e) {
    numberProblems(e.left, byId, problems);
    numberProblems(e.right, byId, problems);
  } else if ("neg" in e) {
    numberProblems(e.neg, byId, problems);
  } else if ("call" in e) {
    callProblems(e.call, e.args, byId, problems);
  } else {
    problems.push(`a condition (${"answered" in e ? "answered()" : "a comparison, and, or, not or includes"}) is not a number; use numbers, numeric answers and computed values in arithmetic`);
  }
}

function callProblems(name: FunctionName, args: Expr[], byId: ReadonlyMap<string, Readable>, problems: string[]): void {
  const [fewest, most] = ARITY[name];
  if (args.length < fewest) return void problems.push(`${name}() needs at least one value, like ${name}(q1, q2)`);
  if (args.length > most) return void problems.push(`round() takes a value and the decimals to keep, like round(mean(q1, q2), 1); it was given ${args.length}`);
  if (name === "round" && args[1] && !("lit" in args[1] && Number.isInteger(args[1].lit) && (args[1].lit as number) >= 0 && (args[1].lit as number) <= 10))
    problems.push("round()'s second argument is the decimals to keep: a whole number from 0 to 10, like round(x, 1)");
  const values = name === "round" ? args.slice(0, 1) : args;
  // count() counts answered questions of any type; arithmetic inside it must still be numeric.
  for (const arg of values) if (!(name === "count" && "ref" in arg)) numberProblems(arg, byId, problems);
}

/** Problems with a computed value's expression: it must give a number. */
export function computedProblems(expr: Expr, byId: ReadonlyMap<string, Readable>): string[] {
  const problems: string[] = [];
  if (!("lit" in expr || "ref" in expr || isArithmetic(expr)))
    problems.push("a computed value is a number: write arithmetic like sum(q1, q2) / 2, not a condition (use that in a show_if)");
  else numberProblems(expr, byId, problems);
  return problems;
}

/**
 * Problems with the comparisons in `expr`; references to unknown questions are skipped
 * (core/compile.ts reports those already).
 */
export function conditionProblems(expr: Expr, byId: ReadonlyMap<string, Readable>): string[] {
  const problems: string[] = [];
  const ref = (e: Expr) => ("ref" in e ? byId.get(e.ref) : undefined);
  const walk = (e: Expr): void => {
    if ("not" in e) return walk(e.not);
    if ("and" in e) return e.and.forEach(walk);
    if ("or" in e) return e.or.forEach(walk);
    if ("cmp" in e) return cmp(e.cmp, e.left, e.right);
    if ("includes" in e) return includes(e.includes[0], e.includes[1]);
    if (isArithmetic(e)) numberProblems(e, byId, problems);
  };
  const cmp = (op: string, left: Expr, right: Expr) => {
    if (isArithmetic(left) || isArithmetic(right)) return arithmeticComparison(left, right);
    const [q, other] = ref(left) ? [ref(left)!, right] : [ref(right), left];
    if ("ref" in left && "ref" in right) {
      const [a, b] = [ref(left), ref(right)];
      if (a && b && kind(a) !== kind(b)) problems.push(`\`${a.id}\` (${a.type}) and \`${b.id}\` (${b.type}) have different kinds of answers and are never equal or ordered`);
      else if (a && b && (kind(a) === "list" || kind(a) === "grid")) problems.push(`\`${a.id}\` and \`${b.id}\` are ${a.type} questions, whose answers cannot be compared`);
      return;
    }
    if (!q) {
      if ("lit" in left && "lit" in right) problems.push(`${show(left.lit)} ${op} ${show(right.lit)} compares two fixed values, so it is always the same; compare a question's answer`);
      else if (!("ref" in left || "ref" in right)) problems.push(`${op} compares conditions, not answers; compare a question's answer with a value`);
      return;
    }
    if (!("lit" in other)) return void problems.push(`\`${q.id}\` is compared with a condition; compare it with a value`);
    const problem = comparisonProblem(q, op, other.lit);
    if (problem) problems.push(problem);
  };
  // `a + b > 5`: both sides must be numbers.
  const arithmeticComparison = (left: Expr, right: Expr) => {
    for (const side of [left, right]) {
      if ("lit" in side && typeof side.lit !== "number") problems.push(`a calculation is a number: compare it with a number, not ${show(side.lit)}`);
      else if (!("lit" in side)) numberProblems(side, byId, problems);
    }
  };
  const includes = (list: Expr, item: Expr) => {
    const q = ref(list);
    if (!q) {
      if (!("ref" in list && !byId.has(list.ref))) problems.push("includes needs a multiple-choice question on its left, like tools includes \"App\"");
      return;
    }
    if (q.type !== "multiple") {
      const fix = q.type === "single" || q.type === "dropdown" ? `: use \`${q.id} == ${"lit" in item ? show(item.lit) : '"..."'}\`` : "";
      problems.push(`\`${q.id}\` is a ${q.type} question; includes is only for multiple choice${fix}`);
      return;
    }
    if (!("lit" in item) || typeof item.lit !== "string") problems.push(`\`${q.id}\` includes a choice in quotes, one of: ${listChoices(q)}`);
    else if (!choiceValues(q).includes(item.lit)) problems.push(`${show(item.lit)} is not a choice of \`${q.id}\`; use one of: ${listChoices(q)}`);
  };
  walk(expr);
  return problems;
}

/** Which answers can be compared with each other. */
function kind(q: Readable): "number" | "text" | "list" | "grid" | "bool" {
  if (isNumeric(q)) return "number";
  if (q.type === "multiple" || q.type === "ranking") return "list";
  if (q.type === "matrix") return "grid";
  if (q.type === "consent") return "bool";
  return "text";
}
