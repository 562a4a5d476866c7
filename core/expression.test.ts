import { describe, expect, it } from "vitest";
import { ExprSchema } from "./compile.ts";
import { calculate, evaluate, ExpressionError, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression, references, roundTo } from "./expression.ts";

const holds = (src: string, answers: Record<string, unknown>) => evaluate(parseExpression(src), answers);

describe("show_if precedence", () => {
  it("binds and tighter than or: a or b and c is a or (b and c)", () => {
    expect(parseExpression("a or b and c")).toEqual({ or: [{ ref: "a" }, { and: [{ ref: "b" }, { ref: "c" }] }] });
    expect(holds("a or b and c", { a: true, b: false, c: false })).toBe(true);
    expect(holds("a or b and c", { a: false, b: true, c: false })).toBe(false);
  });

  it("binds not tighter than and: not a and b is (not a) and b", () => {
    expect(parseExpression("not a and b")).toEqual({ and: [{ not: { ref: "a" } }, { ref: "b" }] });
    expect(holds("not a and b", { a: false, b: true })).toBe(true);
    expect(holds("not a and b", { a: true, b: true })).toBe(false);
  });

  it("lets parentheses override precedence", () => {
    expect(holds("(a or b) and c", { a: true, b: false, c: false })).toBe(false);
    expect(holds("(a or b) and c", { a: true, b: false, c: true })).toBe(true);
    expect(holds("not (x == 1 or x == 2)", { x: 3 })).toBe(true);
  });

  it("binds comparisons tighter than not", () => {
    expect(parseExpression("not x == 1")).toEqual({ not: { cmp: "==", left: { ref: "x" }, right: { lit: 1 } } });
  });

  it("reads a chain of or from left to right", () => {
    expect(parseExpression("a or b or c")).toEqual({ or: [{ or: [{ ref: "a" }, { ref: "b" }] }, { ref: "c" }] });
  });
});

describe("show_if values", () => {
  it("compares numbers with every operator", () => {
    const a = { n: 3 };
    expect([holds("n == 3", a), holds("n != 3", a), holds("n < 4", a), holds("n <= 3", a), holds("n > 2", a), holds("n >= 4", a)]).toEqual([true, false, true, true, true, false]);
  });

  it("reads negative and decimal numbers", () => {
    expect(holds("t > -1.5", { t: -1 })).toBe(true);
  });

  it("compares dates as YYYY-MM-DD text", () => {
    expect(holds('d >= "2026-01-01"', { d: "2026-03-05" })).toBe(true);
  });

  it("reads double- and single-quoted strings, and escaped quotes inside them", () => {
    expect(holds('reason == "Price"', { reason: "Price" })).toBe(true);
    expect(holds("reason == 'Price'", { reason: "Price" })).toBe(true);
    expect(parseExpression('q == "say \\"hi\\""')).toEqual({ cmp: "==", left: { ref: "q" }, right: { lit: 'say "hi"' } });
    expect(holds('q == "it\'s"', { q: "it's" })).toBe(true);
  });

  it("treats words inside a string as text, not as operators", () => {
    expect(holds('band == "rock and roll or not"', { band: "rock and roll or not" })).toBe(true);
  });

  it("compares with true and false", () => {
    expect(holds("agree == true", { agree: true })).toBe(true);
    expect(holds("agree == false", { agree: true })).toBe(false);
  });

  it("checks membership of a multiple-choice answer with includes", () => {
    expect(holds('tools includes "App"', { tools: ["App", "Website"] })).toBe(true);
    expect(holds('tools includes "Phone"', { tools: ["App"] })).toBe(false);
    expect(holds('tools includes "App"', { tools: "App" })).toBe(false);
    expect(holds('not (tools includes "App")', {})).toBe(true);
  });

  it("treats a bare id as true when it is answered, except no and false", () => {
    expect(holds("q", { q: "yes" })).toBe(true);
    expect(holds("q", { q: 0 })).toBe(true);
    expect(holds("q", { q: "no" })).toBe(false);
    expect(holds("q", { q: false })).toBe(false);
    expect(holds("q", {})).toBe(false);
  });
});

describe("unanswered questions", () => {
  it("make every ordering comparison false, so neither x <= 3 nor x > 3 holds", () => {
    expect(holds("x <= 3", {})).toBe(false);
    expect(holds("x > 3", {})).toBe(false);
    expect(holds("x == 3", {})).toBe(false);
  });

  it("make != true and a negated comparison true", () => {
    expect(holds("x != 3", {})).toBe(true);
    expect(holds("not (x <= 3)", {})).toBe(true);
  });

  it("never compare a number with text", () => {
    expect(holds('x < "5"', { x: 3 })).toBe(false);
  });

  it("are what answered() tests for: empty text, empty lists and empty matrices count as unanswered", () => {
    expect(holds("answered(q)", { q: "hello" })).toBe(true);
    expect(holds("answered(q)", { q: 0 })).toBe(true);
    for (const empty of [undefined, null, "", [], {}]) expect(holds("answered(q)", { q: empty })).toBe(false);
    expect(holds("not answered(q)", {})).toBe(true);
  });

  it("cannot be faked through the prototype: an inherited key is not an answer", () => {
    expect(holds("constructor", {})).toBe(false);
    expect(holds('toString == "x"', {})).toBe(false);
    // "constructor" is a valid question id; unanswered, it must not find Object.prototype.constructor.
    expect(holds("answered(constructor)", {})).toBe(false);
  });
});

describe("show_if syntax errors", () => {
  const error = (src: string) => {
    try {
      parseExpression(src);
    } catch (e) {
      if (e instanceof ExpressionError) return { message: e.message, offset: e.offset };
      throw e;
    }
    throw new Error(`"${src}" parsed`);
  };

  it("explain that = is not a comparison", () => expect(error("a = 1")).toEqual({ message: "use == to compare, not =", offset: 2 }));
  it("point at an unclosed string", () => expect(error('a == "x')).toEqual({ message: "a string is not closed", offset: 5 }));
  it("say when the expression ends too early", () => expect(error("a ==").message).toBe("the expression ends too early"));
  it("name what follows a complete expression", () => expect(error("a == 1 b")).toEqual({ message: 'unexpected "b" after a complete expression', offset: 7 }));
  it("catch a missing closing parenthesis", () => expect(error("(a or b").message).toBe('expected ")" but found "end of expression"'));
  it("catch an operator with nothing before it", () => expect(error("and b").message).toBe('"and" needs something before it'));
  it("require a question id inside answered()", () => expect(error("answered(3)").message).toBe("answered() takes a question id"));
  it("reject unknown characters", () => expect(error("a == 1 & b").message).toBe('unexpected character "&"'));
});

describe("parsed expressions", () => {
  it("list the question ids they read, in order", () => {
    expect(references(parseExpression('a > 1 and (b includes "x" or not answered(c))'))).toEqual(["a", "b", "c"]);
  });

  it("round-trip through the published schema", () => {
    const tree = parseExpression('not (a <= 2) or b includes "x" and answered(c)');
    expect(ExprSchema.parse(JSON.parse(JSON.stringify(tree)))).toEqual(tree);
  });
});

describe("arithmetic", () => {
  const calc = (src: string, answers: Record<string, unknown> = {}) => calculate(parseExpression(src), answers);

  it("binds * and / tighter than + and -, and reads each from left to right", () => {
    expect(calc("1 + 2 * 3")).toBe(7);
    expect(calc("10 - 4 - 3")).toBe(3);
    expect(calc("12 / 2 / 3")).toBe(2);
    expect(calc("2 * 3 + 4 * 5")).toBe(26);
  });

  it("lets parentheses override precedence", () => {
    expect(calc("(1 + 2) * 3")).toBe(9);
    expect(calc("2.5 * ((a - 1) + (5 - b))", { a: 4, b: 2 })).toBe(15);
  });

  it("reads a unary minus on numbers, answers and parentheses, and a - 1 as subtraction", () => {
    expect(parseExpression("-1.5")).toEqual({ lit: -1.5 });
    expect(calc("-a", { a: 3 })).toBe(-3);
    expect(calc("-(a + 1) * 2", { a: 3 })).toBe(-8);
    expect(calc("a -1", { a: 3 })).toBe(2);
    expect(calc("2 * -3")).toBe(-6);
  });

  it("compares arithmetic results in conditions, below the comparison in precedence", () => {
    expect(parseExpression("a + b > 5")).toEqual({ cmp: ">", left: { arith: "+", left: { ref: "a" }, right: { ref: "b" } }, right: { lit: 5 } });
    expect(holds("a + b > 5", { a: 3, b: 3 })).toBe(true);
    expect(holds("a + b > 5 and not c", { a: 1, b: 3 })).toBe(false);
  });

  it("uses earlier computed values like answers", () => {
    expect(holds("sus_score >= 68", { sus_score: 72.5 })).toBe(true);
    expect(holds("sus_score >= 68", {})).toBe(false);
  });
});

describe("functions", () => {
  const calc = (src: string, answers: Record<string, unknown> = {}) => calculate(parseExpression(src), answers);

  it("sum, mean, min and max take any number of arguments, each an expression", () => {
    const a = { a: 1, b: 4, c: 7 };
    expect([calc("sum(a, b, c)", a), calc("mean(a, b, c)", a), calc("min(a, b, c)", a), calc("max(a, b - 10, c)", a)]).toEqual([12, 4, 1, 7]);
    expect(calc("sum(a - 1, 5 - b)", a)).toBe(1);
  });

  it("sum, mean, min, max and count skip missing answers", () => {
    const a = { a: 2, c: 6 };
    expect([calc("sum(a, b, c)", a), calc("mean(a, b, c)", a), calc("min(a, b)", a), calc("max(b, c)", a), calc("count(a, b, c)", a)]).toEqual([8, 4, 2, 6, 2]);
  });

  it("give no value when nothing they read is answered, except count, which gives 0", () => {
    expect([calc("sum(a, b)"), calc("mean(a)"), calc("min(a)"), calc("max(a)")]).toEqual([undefined, undefined, undefined, undefined]);
    expect(calc("count(a, b)")).toBe(0);
  });

  it("count counts the selections of a multiple choice and any answered question", () => {
    expect(calc("count(tools)", { tools: ["App", "Phone"] })).toBe(2);
    expect(calc("count(tools, name, empty)", { tools: ["App"], name: "Ada", empty: "" })).toBe(2);
    expect(holds("count(tools) >= 2", { tools: ["App", "Web"] })).toBe(true);
  });

  it("round rounds half away from zero to the digits asked (0 by default), without binary noise", () => {
    expect([calc("round(2.5)"), calc("round(-2.5)"), calc("round(1.005, 2)"), calc("round(10 / 3, 1)"), calc("round(a, 0)", { a: 7.49 })]).toEqual([3, -3, 1.01, 3.3, 7]);
    expect(roundTo(1e-12, 2)).toBe(0);
    expect(roundTo(123.456, 10)).toBe(123.456);
  });

  it("round gives no value for digits that are not a whole number from 0 to 10", () => {
    expect([calc("round(1.5, 11)"), calc("round(1.5, -1)"), calc("round(1.5, 0.5)")]).toEqual([undefined, undefined, undefined]);
  });
});

describe("missing values and impossible arithmetic", () => {
  const calc = (src: string, answers: Record<string, unknown> = {}) => calculate(parseExpression(src), answers);

  it("plain arithmetic on an unanswered question gives no value, never 0 or NaN", () => {
    expect(calc("a + 1")).toBeUndefined();
    expect(calc("a * 0", {})).toBeUndefined();
    expect(calc("-a")).toBeUndefined();
  });

  it("a text, list or yes/no answer is not a number", () => {
    expect(calc("a + 1", { a: "3" })).toBeUndefined();
    expect(calc("a + 1", { a: ["3"] })).toBeUndefined();
    expect(calc("sum(a, b)", { a: "yes", b: 2 })).toBe(2);
  });

  it("division by zero gives no value, and so does anything built on it", () => {
    expect(calc("a / b", { a: 1, b: 0 })).toBeUndefined();
    expect(calc("(a / b) + 1", { a: 1, b: 0 })).toBeUndefined();
    expect(calc("sum(a / b, 2)", { a: 1, b: 0 })).toBe(2);
  });

  it("an overflow gives no value", () => {
    expect(calc("a * a", { a: 1e200 })).toBeUndefined();
    expect(calc("sum(a, a)", { a: Number.MAX_VALUE })).toBeUndefined();
  });

  it("a comparison with no value is false, and != true", () => {
    expect(holds("a / b > 0", { a: 1, b: 0 })).toBe(false);
    expect(holds("a + 1 != 3", {})).toBe(true);
  });

  it("a condition or a text is not a number", () => {
    expect(calc('"3"')).toBeUndefined();
    expect(calc("a > 1", { a: 3 })).toBeUndefined();
  });
});

describe("expression limits", () => {
  const error = (src: string) => {
    try {
      parseExpression(src);
    } catch (e) {
      if (e instanceof ExpressionError) return e.message;
      throw e;
    }
    throw new Error(`"${src}" parsed`);
  };

  it(`refuses an expression over ${MAX_EXPRESSION_LENGTH} characters, saying how long it is`, () => {
    expect(error("a + ".repeat(600) + "a")).toBe(`the expression is 2401 characters long; keep it under ${MAX_EXPRESSION_LENGTH} (split it into computed values)`);
  });

  it(`refuses nesting deeper than ${MAX_EXPRESSION_DEPTH} levels: parentheses, not, minus and chains alike`, () => {
    const deep = `the expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep; simplify it or split it into computed values`;
    expect(error("(".repeat(60) + "a" + ")".repeat(60))).toBe(deep);
    expect(error("not ".repeat(60) + "a")).toBe(deep);
    expect(error("-".repeat(60) + "a")).toBe(deep);
    expect(error(Array.from({ length: 60 }, (_, i) => `q${i}`).join(" + "))).toBe(deep);
    expect(error("sum(".repeat(45) + "a" + ")".repeat(45))).toBe(deep);
  });

  it("accepts what a real score needs: ten terms in a sum, a few levels of parentheses", () => {
    const sus = "2.5 * (sum(q1 - 1, q3 - 1, q5 - 1, q7 - 1, q9 - 1) + sum(5 - q2, 5 - q4, 5 - q6, 5 - q8, 5 - q10))";
    expect(calculate(parseExpression(sus), { q1: 3, q2: 3, q3: 3, q4: 3, q5: 3, q6: 3, q7: 3, q8: 3, q9: 3, q10: 3 })).toBe(50);
  });

  it("names an unknown function and lists the known ones", () => {
    expect(error("summ(a, b)")).toBe('unknown function "summ"; use one of: answered, sum, mean, count, min, max, round');
  });

  it("catches an operator with nothing after it and a missing argument", () => {
    expect(error("a +")).toBe("the expression ends too early");
    expect(error("sum(a,)")).toBe('unexpected ")"');
    expect(error("a * * b")).toBe('unexpected "*"');
  });
});

describe("parsed arithmetic", () => {
  it("lists the question ids it reads, inside functions too", () => {
    expect(references(parseExpression("round(mean(a, -b) / count(c), 1) > d"))).toEqual(["a", "b", "c", "d"]);
  });

  it("round-trips through the published schema", () => {
    const tree = parseExpression("round(2.5 * (sum(a - 1, 5 - b) + -c) / 3, 1) >= 68 or count(tools) > 1");
    expect(ExprSchema.parse(JSON.parse(JSON.stringify(tree)))).toEqual(tree);
  });

  it("the published schema refuses an unknown function or operator", () => {
    expect(ExprSchema.safeParse({ call: "eval", args: [] }).success).toBe(false);
    expect(ExprSchema.safeParse({ arith: "%", left: { lit: 1 }, right: { lit: 2 } }).success).toBe(false);
  });
});
