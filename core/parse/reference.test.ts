/**
 * The format reference is complete (issue 11: "document every key in the README's format
 * reference, with a complete example survey that uses each one"): every key the survey
 * schema (core/model.ts) accepts, at every depth and for every question type, is used in
 * surveys/format-reference.yaml, or, where one survey cannot show it alongside the rest, in
 * the example named below for it; and every key is named in README.md. The keys are read
 * from the schema itself, so a key added later without an example or a line in the README
 * fails here.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { SurveyDefinition } from "../model.ts";

const read = (path: string) => readFile(new URL(`../../${path}`, import.meta.url), "utf8");

/** Keys a schema accepts, as paths: `pages[].questions[](slider).min`, `endings[].button.url`. */
function schemaKeys(schema: z.ZodType, path = "", out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case "object":
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const at = path ? `${path}.${k}` : k;
        out.add(at);
        schemaKeys(v, at, out);
      }
      break;
    case "optional": case "nullable": case "default": case "prefault": case "readonly": case "catch":
      schemaKeys(inner("innerType"), path, out);
      break;
    case "pipe":
      schemaKeys(inner("in"), path, out);
      break;
    case "array":
      schemaKeys(inner("element"), `${path}[]`, out);
      break;
    case "union": {
      const tag = def.discriminator as string | undefined;
      for (const option of def.options as z.ZodType[]) {
        const shape = (option as unknown as { _zod: { def: { shape?: Record<string, { _zod: { def: { values?: unknown[] } } }> } } })._zod.def.shape;
        const value = tag ? shape?.[tag]?._zod.def.values?.[0] : undefined;
        schemaKeys(option, value === undefined ? path : `${path}(${String(value)})`, out);
      }
      break;
    }
  }
  return out;
}

/** The same paths for what a YAML survey writes (a question's type tags its keys). */
function usedKeys(value: unknown, path = "", out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) usedKeys(v, `${path}[]`, out);
  else if (value && typeof value === "object") {
    const typed = path.endsWith("questions[]") && "type" in value ? `${path}(${String(value.type)})` : path;
    for (const [k, v] of Object.entries(value)) {
      const at = typed ? `${typed}.${k}` : k;
      out.add(at);
      usedKeys(v, at, out);
    }
  }
  return out;
}

/** A one-page survey's `questions:` holds what a page's `questions:` holds. */
const asPage = (key: string) => key.replace(/^questions\[\]/, "pages[].questions[]");

/**
 * Keys one example survey cannot show with the rest, each where it is shown instead: a
 * multilingual survey writes every text as a map, a pop-up asks only single controls (no
 * ranking, slider or hidden field), the one-page shorthand excludes `pages:`, a client's
 * survey is another owner's.
 */
const ELSEWHERE: Record<string, string> = {
  languages: "surveys/multilingual.yaml",
  questions: "surveys/customer-feedback.yaml",
  client: "surveys/2025-pricing.yaml",
};
const ELSEWHERE_PREFIX: Record<string, string> = {
  intercept: "surveys/quick-pulse.yaml",
};
/** A pop-up's trigger is one of three, and its paths default to every page: the README's example shows the others. */
const IN_README = ["intercept.paths", "intercept.trigger.exit_intent", "intercept.trigger.scroll_percent", "redirect"];

const keys = [...new Set([...schemaKeys(SurveyDefinition as unknown as z.ZodType)].map(asPage))].sort();

/** `pages[].questions[](slider).min` → ["slider", "min"]. */
const questionKey = (key: string) => /^pages\[\]\.questions\[\]\((\w+)\)\.(.+)$/.exec(key)?.slice(1) as [string, string] | undefined;
const types = new Set(keys.flatMap((k) => questionKey(k)?.[0] ?? []));
/** What every answered question takes (`id`, `label`, `help`, `show_if`…; notes and computed values differ), and how a choice, row or column is written as an object. */
const answered = [...types].filter((t) => t !== "note" && t !== "computed");
const everyType = (rest: string) => answered.every((t) => keys.includes(`pages[].questions[](${t}).${rest}`)) || /^(choices|rows|columns)\[\]\./.test(rest);

/**
 * A key every question type takes is shown once, on any type; the rest on their own type
 * (a slider's `min` is not a number's). Each type is shown, as its `type` key says.
 */
function usedOnAnyType(key: string, used: ReadonlySet<string>): boolean {
  const q = questionKey(key);
  if (!q || q[1] === "type" || !everyType(q[1])) return false;
  return [...types].some((t) => used.has(`pages[].questions[](${t}).${q[1]}`));
}

/** The names README.md gives in code: every identifier in its code blocks and backtick spans (`labels: { next, back, submit }`). */
function namedInCode(readme: string): Set<string> {
  const blocks = [...readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  const spans = [...readme.replace(/^```[a-z]*\n[\s\S]*?^```/gm, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return new Set([...blocks, ...spans].flatMap((code) => code.match(/[a-z_][a-z0-9_]*/gi) ?? []));
}

/** The last name of a key: `endings[].button.url` → `url`. */
const leafOf = (key: string) => key.split(".").at(-1)!.replace(/\W.*$/, "");

describe("the format reference", () => {

  it("reads the keys from the schema: the survey's, a page's, every question type's and the nested ones", () => {
    expect(keys).toEqual(expect.arrayContaining(["title", "pages[].randomize", "pages[].questions[](slider).step", "endings[].button.url", "intercept.origins", "labels.submit"]));
    expect(keys.length).toBeGreaterThan(150);
  });

  it("surveys/format-reference.yaml uses every key of the format, or the example named for it does", async () => {
    const used = new Set([...usedKeys(parse(await read("surveys/format-reference.yaml")))].map(asPage));
    const missing: string[] = [];
    for (const key of keys) {
      if (used.has(key) || usedOnAnyType(key, used)) continue;
      const top = key.split(/[.[(]/)[0]!;
      const other = IN_README.includes(key) ? "README.md" : ELSEWHERE[key] ?? ELSEWHERE_PREFIX[top];
      if (other) {
        const text = await read(other);
        const leaf = leafOf(key);
        if (other === "README.md" ? namedInCode(text).has(leaf) : new RegExp(`^[\\s-]*\\{?\\s*${leaf}:|[{,]\\s*${leaf}:`, "m").test(text)) continue;
      }
      missing.push(key);
    }
    expect(missing).toEqual([]);
  });

  it("README.md names every key", async () => {
    const named = namedInCode(await read("README.md"));
    expect([...new Set(keys.map(leafOf))].filter((leaf) => !named.has(leaf))).toEqual([]);
  });
});
