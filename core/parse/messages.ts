/**
 * Schema problems in words a survey author understands. zod's defaults ("Invalid
 * input") name the rule, not the fix; here each one says what was found, what is
 * allowed, and for typos the near miss ("did you mean label?").
 *
 * The schema's own messages (`a choice list cannot be empty`) take precedence:
 * `friendlyError` is passed per parse, which zod consults only where the schema
 * has none.
 */
import type { z } from "zod";
import { Block, ButtonLabels, Page, SurveyDefinition } from "../model.ts";
import { BLOCK_TYPES } from "../survey.ts";
import type { FieldPath, LocatedIssue, SourceDocument } from "./source.ts";

type Format = SourceDocument["format"];
const LIST_KEYS = ["choices", "rows", "columns"];

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts as one slip. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/** The candidate a typo most likely meant, if any is close enough to be worth suggesting. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c);
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return bestDistance <= limit ? best : undefined;
}

const didYouMean = (word: string, candidates: readonly string[]) => {
  const near = closest(word, candidates);
  return near ? ` (did you mean "${near}"?)` : "";
};

function describeValue(input: unknown): string {
  if (input === undefined || input === null) return "nothing";
  if (typeof input === "string") return `text "${input.length > 40 ? `${input.slice(0, 37)}...` : input}"`;
  if (typeof input === "number" || typeof input === "boolean") return String(input);
  if (Array.isArray(input)) return "a list";
  return "a set of key: value pairs";
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a set of key: value pairs",
};

function missingMessage(key: string | number | undefined, format: Format): string {
  const md = format === "markdown";
  switch (key) {
    case "title": return "a survey needs a title";
    case "id": return md ? "a question needs an id: add {#some_id ...} to its heading" : "a question needs an id";
    case "label": return "a question needs a label";
    case "choices": return md ? "this question needs choices: list them under the heading as - items" : "this question needs a list of choices";
    case "rows": return md ? "a matrix question needs rows: list them under the heading as - items" : "a matrix question needs rows";
    case "columns": return md ? 'a matrix question needs columns: add columns="Poor, Fair, Good" to its heading' : "a matrix question needs columns";
    case "questions": return "a page needs questions";
    case "value": return "a choice needs a value";
    default: return key === undefined ? "a value is required here" : `"${key}" is required`;
  }
}

/**
 * Per-parse zod error map: consulted only where the schema gives no message of its own.
 * @example SurveyDefinition.safeParse(data, { error: friendlyError("yaml") })
 */
export function friendlyError(format: Format) {
  return (iss: z.core.$ZodRawIssue): string | undefined => {
    const path = (iss.path ?? []) as FieldPath;
    const key = path.at(-1);
    switch (iss.code) {
      case "invalid_type": {
        if (iss.input === undefined) return missingMessage(key, format);
        let message = `expected ${EXPECTED[iss.expected] ?? iss.expected}, got ${describeValue(iss.input)}`;
        if (iss.expected === "number" && typeof iss.input === "string" && iss.input.trim() !== "" && !Number.isNaN(Number(iss.input)))
          message += " (write numbers without quotes)";
        if (iss.expected === "boolean" && typeof iss.input === "string") message += " (use true or false, without quotes)";
        if (iss.expected === "string" && typeof iss.input === "object" && iss.input !== null)
          message += '; text that starts with "{" or "[" must be in quotes';
        return message;
      }
      case "invalid_value": {
        const allowed = iss.values.map(String);
        const near = typeof iss.input === "string" ? didYouMean(iss.input, allowed) : "";
        return `${describeValue(iss.input)} is not allowed${near}; use one of: ${allowed.join(", ")}`;
      }
      case "too_small": {
        const min = String(iss.minimum);
        if (iss.origin === "string") return Number(iss.minimum) <= 1 ? "cannot be empty" : `must be at least ${min} characters long`;
        if (iss.origin === "array") return `needs at least ${min} ${Number(iss.minimum) === 1 ? "item" : "items"}`;
        return `must be ${iss.inclusive ? "at least" : "more than"} ${min}, not ${String(iss.input)}`;
      }
      case "too_big": {
        const max = String(iss.maximum);
        if (iss.origin === "string") return `must be at most ${max} characters long`;
        if (iss.origin === "array") return `may have at most ${max} items`;
        return `must be ${iss.inclusive ? "at most" : "less than"} ${max}, not ${String(iss.input)}`;
      }
      case "invalid_union":
        if (typeof path.at(-2) === "string" && LIST_KEYS.includes(path.at(-2) as string))
          return format === "markdown" ? "a choice is a line of text" : "a choice is text, or a pair like { value: uk, label: United Kingdom }";
        return `${describeValue(iss.input)} is not allowed here`;
      case "invalid_format":
        return `${describeValue(iss.input)} is not in the expected format`;
      case "not_multiple_of":
        return `must be a multiple of ${String(iss.divisor)}`;
      default:
        return undefined;
    }
  };
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

const questionKeys = (type: unknown): string[] => {
  const schema = Block.options.find((o) => o.shape.type.value === type);
  return schema ? Object.keys(schema.shape) : [...new Set(Block.options.flatMap((o) => Object.keys(o.shape)))];
};

/** Why `key` is not allowed on the object at `at`, with the likeliest intended key. */
function unknownKeyMessage(key: string, at: FieldPath, data: unknown, format: Format): string {
  const parent = at.at(-2);
  const word = format === "markdown" && (parent === "questions" || parent === "pages") ? "attribute" : "key";
  let allowed: string[] = [];
  if (at.length === 0) allowed = Object.keys(SurveyDefinition.in.shape);
  else if (at.length === 1 && at[0] === "labels") allowed = Object.keys(ButtonLabels.shape);
  else if (parent === "pages") allowed = Object.keys(Page.shape);
  else if (parent === "questions") {
    const type = valueAt(data, [...at, "type"]);
    allowed = questionKeys(type);
    const owners = Block.options.filter((o) => key in o.shape).map((o) => o.shape.type.value);
    if (owners.length && typeof type === "string")
      return `${word} "${key}" does not apply to ${type} questions (only to ${owners.join(", ")})`;
  } else if (typeof parent === "string" && LIST_KEYS.includes(parent)) allowed = ["value", "label"];
  return `unknown ${word} "${key}"${didYouMean(key, allowed)}`;
}

/** Turns a failed schema parse into issues with author paths and lines. */
export function schemaIssues(error: z.ZodError, doc: SourceDocument): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const seen = new Set<string>();
  // One message per field: a bad date would otherwise be "not YYYY-MM-DD" and "not a real date" at once.
  const add = (path: FieldPath, message: string) => {
    const key = JSON.stringify(path);
    if (!seen.has(key)) issues.push({ path, line: doc.lineOf(path), message });
    seen.add(key);
  };
  for (const issue of error.issues) {
    const path = issue.path as FieldPath;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add([...path, key], unknownKeyMessage(key, path, doc.data, doc.format));
    } else if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator === "type") {
      const type = valueAt(doc.data, path);
      const list = `use one of: ${BLOCK_TYPES.join(", ")}`;
      if (type === undefined) add(path, `a question needs a type; ${list}`);
      else add(path, `unknown question type ${JSON.stringify(type)}${typeof type === "string" ? didYouMean(type, BLOCK_TYPES) : ""}; ${list}`);
    } else add(path, issue.message);
  }
  return issues;
}
