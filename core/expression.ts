/**
 * `show_if` expressions and computed values: parsed once at build time into a small
 * JSON tree that the page script and the Worker evaluate with the same `evaluate` and
 * `calculate` below, so skip logic and computed scores can never disagree between what
 * a respondent saw and what is stored.
 *
 * Grammar (lowest precedence first):
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | compare
 *   compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=" | "includes") sum)?
 *   sum     := product (("+" | "-") product)*
 *   product := unary (("*" | "/") unary)*
 *   unary   := "-" unary | atom
 *   atom    := number | "string" | true | false | id | answered(id)
 *            | function "(" or ("," or)* ")" | "(" or ")"
 *   function := sum | mean | count | min | max | round
 *
 * Arithmetic never invents a number: an unanswered (or non-numeric) value, a division by
 * zero or an overflow gives no value (`undefined`), and so does any arithmetic on it;
 * `sum`, `mean`, `count`, `min` and `max` skip missing values instead (`count` counts
 * the answered ones, and the selections of a multiple choice). Source text is capped at
 * `MAX_EXPRESSION_LENGTH` characters and nesting at `MAX_EXPRESSION_DEPTH`, so the
 * parser and both evaluators are bounded whatever an author writes.
 *
 * No zod here: the page script bundles `evaluate`. The schema that checks a published
 * tree, `ExprSchema`, is in core/compile.ts beside the rest of the published definition;
 * what each question type may be compared or added with is checked in core/conditions.ts.
 *
 * @example
 *   const e = parseExpression('satisfaction <= 3 and tools includes "App"');
 *   evaluate(e, { satisfaction: 2, tools: ["App"] }) // true
 *   calculate(parseExpression("round(mean(a, b), 1)"), { a: 4, b: 5 }) // 4.5
 */
export type Literal = number | string | boolean;
export type Comparison = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type Arithmetic = "+" | "-" | "*" | "/";
/** The functions an expression may call (besides `answered`). */
export const FUNCTIONS = ["sum", "mean", "count", "min", "max", "round"] as const;
export type FunctionName = (typeof FUNCTIONS)[number];
export type Expr =
  | { lit: Literal }
  | { ref: string }
  | { answered: string }
  | { not: Expr }
  | { and: [Expr, Expr] }
  | { or: [Expr, Expr] }
  | { cmp: Comparison; left: Expr; right: Expr }
  | { includes: [Expr, Expr] }
  | { arith: Arithmetic; left: Expr; right: Expr }
  | { neg: Expr }
  | { call: FunctionName; args: Expr[] };

/** Longest expression source, in characters. */
export const MAX_EXPRESSION_LENGTH = 2000;
/** Deepest nesting of an expression tree (parentheses, function calls, chains of operators). */
export const MAX_EXPRESSION_DEPTH = 40;

/** A syntax error with the character offset where it was found. */
export class ExpressionError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "ExpressionError";
    this.offset = offset;
  }
}

type Token = { kind: "num" | "str" | "id" | "op" | "arith" | "punct" | "end"; text: string; value?: Literal; at: number };

const OPERATORS = ["==", "!=", "<=", ">=", "<", ">"] as const;
const ARITHMETIC = "+-*/";

function tokenize(src: string): Token[] {
  if (src.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionError(`the expression is ${src.length} characters long; keep it under ${MAX_EXPRESSION_LENGTH} (split it into computed values)`, MAX_EXPRESSION_LENGTH);
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) { tokens.push({ kind: "op", text: op, at: i }); i += op.length; continue; }
    if (ARITHMETIC.includes(ch)) { tokens.push({ kind: "arith", text: ch, at: i }); i++; continue; }
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
    // No sign here: a minus is an operator (a - 1), and `-1` is folded back into a literal by the parser.
    const num = /^\d+(?:\.\d+)?/.exec(src.slice(i));
    if (num) { tokens.push({ kind: "num", text: num[0], value: Number(num[0]), at: i }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (word) { tokens.push({ kind: "id", text: word[0], at: i }); i += word[0].length; continue; }
    if (ch === "=") throw new ExpressionError('use == to compare, not =', i);
    throw new ExpressionError(`unexpected character "${ch}"`, i);
  }
  tokens.push({ kind: "end", text: "end of expression", at: src.length });
  return tokens;
}

const KEYWORDS = ["and", "or", "not", "includes"];
const isFunction = (name: string): name is FunctionName => (FUNCTIONS as readonly string[]).includes(name);
const TOO_DEEP = `the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep; simplify it or split it into computed values`;

/** Depth of a tree, stopping once it passes the cap (so a long chain costs no more than the cap). */
function depthOf(expr: Expr, limit = MAX_EXPRESSION_DEPTH + 1): number {
  if (limit <= 0) return 1;
  const children = childrenOf(expr);
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, depthOf(child, limit - 1));
  return 1 + deepest;
}

/** The sub-expressions directly under a node. */
export function childrenOf(expr: Expr): Expr[] {
  if ("not" in expr) return [expr.not];
  if ("neg" in expr) return [expr.neg];
  if ("and" in expr) return expr.and;
  if ("or" in expr) return expr.or;
  if ("includes" in expr) return expr.includes;
  if ("cmp" in expr || "arith" in expr) return [expr.left, expr.right];
  if ("call" in expr) return expr.args;
  return [];
}

/** Parses a `show_if` or computed expression; throws `ExpressionError` naming what is wrong and where. */
export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const isWord = (w: string) => peek().kind === "id" && peek().text === w;
  const isArith = (...ops: string[]) => peek().kind === "arith" && ops.includes(peek().text);
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text) throw new ExpressionError(`expected "${text}" but found "${t.text}"`, t.at);
  };
  // Every recursion that does not consume a binary operator goes through here, so nesting is capped while parsing.
  const nested = <T>(parse: () => T): T => {
    if (++depth > MAX_EXPRESSION_DEPTH) throw new ExpressionError(TOO_DEEP, peek().at);
    const result = parse();
    depth--;
    return result;
  };

  const parseOr = (): Expr => nested(() => {
    let left = parseAnd();
    while (isWord("or")) { next(); left = { or: [left, parseAnd()] }; }
    return left;
  });
  const parseAnd = (): Expr => {
    let left = parseNot();
    while (isWord("and")) { next(); left = { and: [left, parseNot()] }; }
    return left;
  };
  const parseNot = (): Expr => {
    if (isWord("not")) { next(); return nested(() => ({ not: parseNot() })); }
    return parseCompare();
  };
  const parseCompare = (): Expr => {
    const left = parseSum();
    const t = peek();
    if (t.kind === "op") { next(); return { cmp: t.text as Comparison, left, right: parseSum() }; }
    if (isWord("includes")) { next(); return { includes: [left, parseSum()] }; }
    return left;
  };
  const parseSum = (): Expr => {
    let left = parseProduct();
    while (isArith("+", "-")) { const op = next().text as Arithmetic; left = { arith: op, left, right: parseProduct() }; }
    return left;
  };
  const parseProduct = (): Expr => {
    let left = parseUnary();
    while (isArith("*", "/")) { const op = next().text as Arithmetic; left = { arith: op, left, right: parseUnary() }; }
    return left;
  };
  const parseUnary = (): Expr => {
    if (!isArith("-")) return parseAtom();
    next();
    // A negative number stays a literal, so `t > -1.5` compares with a value as it always has.
    if (peek().kind === "num") return { lit: -(next().value as number) };
    return nested(() => ({ neg: parseUnary() }));
  };
  const parseCall = (name: FunctionName): Expr => {
    expect("(");
    const args: Expr[] = [];
    if (peek().text !== ")") {
      args.push(parseOr());
      while (peek().text === ",") { next(); args.push(parseOr()); }
    }
    expect(")");
    return { call: name, args };
  };
  const parseAtom = (): Expr => {
    const t = next();
    if (t.kind === "num" || t.kind === "str") return { lit: t.value! };
    if (t.kind === "punct" && t.text === "(") { const e = parseOr(); expect(")"); return e; }
    if (t.kind === "id") {
      if (t.text === "true" || t.text === "false") return { lit: t.text === "true" };
      if (KEYWORDS.includes(t.text)) throw new ExpressionError(`"${t.text}" needs something before it`, t.at);
      if (t.text === "answered") {
        expect("(");
        const id = next();
        if (id.kind !== "id") throw new ExpressionError("answered() takes a question id", id.at);
        expect(")");
        return { answered: id.text };
      }
      if (peek().text === "(") {
        if (!isFunction(t.text)) throw new ExpressionError(`unknown function "${t.text}"; use one of: answered, ${FUNCTIONS.join(", ")}`, t.at);
        return parseCall(t.text);
      }
      return { ref: t.text };
    }
    throw new ExpressionError(t.kind === "end" ? "the expression ends too early" : `unexpected "${t.text}"`, t.at);
  };

  const expr = parseOr();
  if (peek().kind !== "end") throw new ExpressionError(`unexpected "${peek().text}" after a complete expression`, peek().at);
  // Chains (a + b + c …) deepen the tree without nesting in the source: capped here.
  if (depthOf(expr) > MAX_EXPRESSION_DEPTH) throw new ExpressionError(TOO_DEEP, 0);
  return expr;
}

/** Question ids an expression reads, in order of appearance. */
export function references(expr: Expr): string[] {
  if ("ref" in expr) return [expr.ref];
  if ("answered" in expr) return [expr.answered];
  return childrenOf(expr).flatMap(references);
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
  if ("arith" in expr || "neg" in expr || "call" in expr) return calculate(expr, answers);
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
  // A number on its own, as in `show_if: count(tools)`, holds when it has a value other than 0.
  const n = calculate(expr, answers);
  return n !== undefined && n !== 0;
}

const finite = (n: number): number | undefined => (Number.isFinite(n) ? n : undefined);

/** `x` rounded half away from zero to `digits` decimals (0 to 10), without binary noise (1.005 → 1.01). */
export function roundTo(x: number, digits: number): number {
  const shifted = Math.round(Number(`${Math.abs(x)}e${digits}`));
  const exact = Number(`${shifted}e-${digits}`);
  // Tiny and huge numbers print in exponent form, where the string shift does not apply.
  const r = Number.isFinite(exact) ? exact : Math.round(Math.abs(x) * 10 ** digits) / 10 ** digits;
  return x < 0 ? -r : r;
}

function arithmetic(op: Arithmetic, a: number, b: number): number | undefined {
  if (op === "+") return finite(a + b);
  if (op === "-") return finite(a - b);
  if (op === "*") return finite(a * b);
  return b === 0 ? undefined : finite(a / b);
}

/** `count`: answered arguments, each selection of a multiple choice counting once. */
function countAnswered(args: Expr[], answers: AnswerLookup): number {
  let n = 0;
  for (const arg of args) {
    const v = value(arg, answers);
    if (Array.isArray(v)) n += v.length;
    else if (isAnswered(v) && !(typeof v === "number" && !Number.isFinite(v))) n++;
  }
  return n;
}

function callFunction(name: FunctionName, args: Expr[], answers: AnswerLookup): number | undefined {
  if (name === "count") return countAnswered(args, answers);
  if (name === "round") {
    const [x, digits] = [calculate(args[0], answers), args[1] ? calculate(args[1], answers) : 0];
    return x === undefined || digits === undefined || !Number.isInteger(digits) || digits < 0 || digits > 10 ? undefined : roundTo(x, digits);
  }
  const present = args.map((a) => calculate(a, answers)).filter((n): n is number => n !== undefined);
  if (present.length === 0) return undefined;
  if (name === "min") return Math.min(...present);
  if (name === "max") return Math.max(...present);
  const total = finite(present.reduce((s, n) => s + n, 0));
  return name === "sum" || total === undefined ? total : total / present.length;
}

/**
 * The number an expression gives for these answers, or `undefined` when it has none:
 * a missing or non-numeric answer, a division by zero, an overflow. Conditions and
 * texts give none either; core/conditions.ts refuses them where a number is needed.
 */
export function calculate(expr: Expr | undefined, answers: AnswerLookup): number | undefined {
  if (expr === undefined) return undefined;
  if ("lit" in expr || "ref" in expr) {
    const v = value(expr, answers);
    return typeof v === "number" ? finite(v) : undefined;
  }
  if ("neg" in expr) {
    const v = calculate(expr.neg, answers);
    return v === undefined ? undefined : -v;
  }
  if ("arith" in expr) {
    const [a, b] = [calculate(expr.left, answers), calculate(expr.right, answers)];
    return a === undefined || b === undefined ? undefined : arithmetic(expr.arith, a, b);
  }
  if ("call" in expr) return callFunction(expr.call, expr.args, answers);
  return undefined;
}
