import { describe, expect, it } from "vitest";
import { ExprSchema } from "./compile.ts";
import { evaluate, ExpressionError, parseExpression, references } from "./expression.ts";

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
