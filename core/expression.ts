/**
 * `show_if` expressions: parsed once at build time into a small JSON tree that the
 * page script and the Worker evaluate with the same `evaluate` below, so skip
 * logic can never disagree between what a respondent saw and what is stored.
 *
 * Grammar (lowest precedence first):
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | compare
 *   compare := atom (("==" | "!=" | "<" | "<=" | ">" | ">=" | "includes") atom)?
 *   atom    := number | "string" | true | false | id | answered(id) | "(" or ")"
 *
 * No zod here: the page script bundles `evaluate`. The schema that checks a published
 * tree, `ExprSchema`, is in core/compile.ts beside the rest of the published definition.
 *
 * @example
 *   const e = parseExpression('satisfaction <= 3 and tools includes "App"');
 *   evaluate(e, { satisfaction: 2, tools: ["App"] }) // true
 */
export type Literal = number | string | boolean;
export type Comparison = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type Expr =
  | { lit: Literal }
  | { ref: string }
  | { answered: string }
  | { not: Expr }
  | { and: [Expr, Expr] }
  | { or: [Expr, Expr] }
  | { cmp: Comparison; left: Expr; right: Expr }
  | { includes: [Expr, Expr] };

/** A syntax error with the character offset where it was found. */
export class ExpressionError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "ExpressionError";
    this.offset = offset;
  }
}

type Token = { kind: "num" | "str" | "id" | "op" | "punct" | "end"; text: string; value?: Literal; at: number };

const OPERATORS = ["==", "!=", "<=", ">=", "<", ">"] as const;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) { tokens.push({ kind: "op", text: op, at: i }); i += op.length; continue; }
    if (ch === "(" || ch === ")" || ch === ",") { tokens.push({ kind: "punct", text: ch, at: i }); i++; continue; }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = "";
      while (j < src.length && src[j] !== ch) {
        if (src[j] === "\\" && j + 1 < src.length) j++;
        text += src[j];
        j++;
      }
      if (j >= src.length) throw new ExpressionError("a string is not closed", i);
      tokens.push({ kind: "str", text: src.slice(i, j + 1), value: text, at: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?/.exec(src.slice(i));
    if (num) { tokens.push({ kind: "num", text: num[0], value: Number(num[0]), at: i }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) { tokens.push({ kind: "id", text: word[0], at: i }); i += word[0].length; continue; }
    if (ch === "=") throw new ExpressionError('use == to compare, not =', i);
    throw new ExpressionError(`unexpected character "${ch}"`, i);
  }
  tokens.push({ kind: "end", text: "end of expression", at: src.length });
  return tokens;
}

/** Parses a `show_if` expression; throws `ExpressionError` naming what is wrong and where. */
export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const isWord = (w: string) => peek().kind === "id" && peek().text === w;
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text) throw new ExpressionError(`expected "${text}" but found "${t.text}"`, t.at);
  };

  const parseOr = (): Expr => {
    let left = parseAnd();
    while (isWord("or")) { next(); left = { or: [left, parseAnd()] }; }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseNot();
    while (isWord("and")) { next(); left = { and: [left, parseNot()] }; }
    return left;
  };
  const parseNot = (): Expr => {
    if (isWord("not")) { next(); return { not: parseNot() }; }
    return parseCompare();
  };
  const parseCompare = (): Expr => {
    const left = parseAtom();
    const t = peek();
    if (t.kind === "op") { next(); return { cmp: t.text as Comparison, left, right: parseAtom() }; }
    if (isWord("includes")) { next(); return { includes: [left, parseAtom()] }; }
    return left;
  };
  const parseAtom = (): Expr => {
    const t = next();
    if (t.kind === "num" || t.kind === "str") return { lit: t.value! };
    if (t.kind === "punct" && t.text === "(") { const e = parseOr(); expect(")"); return e; }
    if (t.kind === "id") {
      if (t.text === "true" || t.text === "false") return { lit: t.text === "true" };
      if (["and", "or", "not", "includes"].includes(t.text)) throw new ExpressionError(`"${t.text}" needs something before it`, t.at);
      if (t.text === "answered") {
        expect("(");
        const id = next();
        if (id.kind !== "id") throw new ExpressionError("answered() takes a question id", id.at);
        expect(")");
        return { answered: id.text };
      }
      return { ref: t.text };
    }
    throw new ExpressionError(t.kind === "end" ? "the expression ends too early" : `unexpected "${t.text}"`, t.at);
  };

  const expr = parseOr();
  if (peek().kind !== "end") throw new ExpressionError(`unexpected "${peek().text}" after a complete expression`, peek().at);
  return expr;
}

/** Question ids an expression reads, in order of appearance. */
export function references(expr: Expr): string[] {
  if ("ref" in expr) return [expr.ref];
  if ("answered" in expr) return [expr.answered];
  if ("not" in expr) return references(expr.not);
  if ("and" in expr) return expr.and.flatMap(references);
  if ("or" in expr) return expr.or.flatMap(references);
  if ("cmp" in expr) return [...references(expr.left), ...references(expr.right)];
  if ("includes" in expr) return expr.includes.flatMap(references);
  return [];
}

/** Answers as the evaluator sees them; an absent key is an unanswered (or hidden) question. */
export type AnswerLookup = Readonly<Record<string, unknown>>;

function isAnswered(v: unknown): boolean {
  if (v === undefined || v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

function value(expr: Expr, answers: AnswerLookup): unknown {
  if ("lit" in expr) return expr.lit;
  if ("ref" in expr) return Object.hasOwn(answers, expr.ref) ? answers[expr.ref] : undefined;
  return evaluate(expr, answers);
}

function compare(op: Comparison, a: unknown, b: unknown): boolean {
  if (op === "==") return a === b;
  if (op === "!=") return a !== b;
  // Ordering only means something between two numbers or two dates (YYYY-MM-DD strings sort correctly).
  const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
  return comparable && ordered(op, a as number | string, b as number | string);
}

function ordered(op: "<" | "<=" | ">" | ">=", x: number | string, y: number | string): boolean {
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
}

/** True when the expression holds for these answers. Unanswered values make comparisons false (but `!=` true). */
export function evaluate(expr: Expr, answers: AnswerLookup): boolean {
  if ("lit" in expr) return expr.lit === true;
  if ("ref" in expr) {
    const v = value(expr, answers);
    return isAnswered(v) && v !== false && v !== "no";
  }
  if ("answered" in expr) return isAnswered(value({ ref: expr.answered }, answers));
  if ("not" in expr) return !evaluate(expr.not, answers);
  if ("and" in expr) return evaluate(expr.and[0], answers) && evaluate(expr.and[1], answers);
  if ("or" in expr) return evaluate(expr.or[0], answers) || evaluate(expr.or[1], answers);
  if ("cmp" in expr) return compare(expr.cmp, value(expr.left, answers), value(expr.right, answers));
  if ("includes" in expr) {
    const haystack = value(expr.includes[0], answers);
    const needle = value(expr.includes[1], answers);
    return Array.isArray(haystack) ? haystack.includes(needle) : false;
  }
  return false;
}
