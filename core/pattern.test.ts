/** The pattern analyser: what it accepts and what it refuses, and the whole-value match. */
import { describe, expect, it } from "vitest";
import { MAX_PATTERN_LENGTH, matchesPattern, patternProblem } from "./pattern.ts";

describe("patternProblem", () => {
  it.each([
    "[A-Z]{2}-\\d{4}",
    "(\\d{1,3}\\.){3}\\d{1,3}",
    "(foo|bar)+",
    "[a-z]+@[a-z]+\\.[a-z]{2,}",
    "\\d{5}(-\\d{4})?",
    "(?:https?://)?\\S+",
    "[^<>]*",
    "(?=.*\\d).{8,64}",
  ])("accepts %s", (p) => expect(patternProblem(p)).toBeUndefined());

  it.each([
    ["(a+)+", "repeated group holds a repetition"],
    ["(a*)*", "repeated group holds a repetition"],
    ["(?:ab+)*", "repeated group holds a repetition"],
    ["(\\w+\\s?)*", "repeated group holds a repetition"],
    ["((a+))+", "repeated group holds a repetition"],
    ["(a+){2,}", "repeated group holds a repetition"],
    ["(a|a)*", "alternatives inside a repeated group"],
    ["(a|ab)+", "alternatives inside a repeated group"],
    ["(\\w|-)+", "alternatives inside a repeated group"],
    ["(a)\\1", "backreferences"],
    ["(?<x>a)\\k<x>", "backreferences"],
  ])("refuses %s, which can backtrack catastrophically", (p, why) => expect(patternProblem(p)).toContain(why));

  it("refuses what a browser's pattern attribute would not compile, with the fix for the v flag", () => {
    expect(patternProblem("[")).toMatch(/^not a valid regular expression/);
    expect(patternProblem("[a-z-]+")).toContain("inside [...] write - ( ) [ ] { } / | as \\- \\(");
  });

  it(`refuses a pattern over ${MAX_PATTERN_LENGTH} characters`, () => {
    expect(patternProblem("a".repeat(MAX_PATTERN_LENGTH + 1))).toContain(`at most ${MAX_PATTERN_LENGTH} characters`);
    expect(patternProblem("a".repeat(MAX_PATTERN_LENGTH))).toBeUndefined();
  });
});

describe("matchesPattern", () => {
  it("matches the whole value, as the pattern attribute does", () => {
    expect(matchesPattern("[A-Z]{2}-\\d{4}", "AB-1234")).toBe(true);
    expect(matchesPattern("[A-Z]{2}-\\d{4}", "xAB-1234")).toBe(false);
    expect(matchesPattern("[A-Z]{2}-\\d{4}", "AB-12345")).toBe(false);
    expect(matchesPattern("a|b", "ab")).toBe(false);
  });
  it("a pattern the engine cannot compile never throws: the answer is left to the Worker's check", () => {
    expect(matchesPattern("[", "anything")).toBe(true);
  });
});
