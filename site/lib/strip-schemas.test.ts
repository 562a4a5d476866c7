import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stripSchemas } from "./strip-schemas.ts";

describe("stripSchemas: zod stays out of the page script", () => {
  it("drops schemas, and whatever is built from them, and keeps the rest", () => {
    const out = stripSchemas(
      [
        'import { z } from "zod";',
        'export const Id = z.string().regex(/^[a-z]+$/);',
        "const Base = { id: Id, label: z.string() };",
        "export const Thing = z.strictObject({ ...Base });",
        "export const Maybe = Id.optional();",
        'export const SUFFIX = "_other";',
        "export function keep(s: Thing): string { return s.id + SUFFIX; }",
        "export type Thing = z.output<typeof Thing>;",
        "export function check(v: unknown) { return Thing.parse(v); }",
      ].join("\n"),
    );
    expect(out).toContain('import { z } from "zod";');
    expect(out).toContain('export const SUFFIX = "_other";');
    expect(out).toContain("export function keep(s: Thing)");
    expect(out).toContain("export type Thing");
    for (const gone of ["export const Id", "const Base", "export const Thing", "export const Maybe", "function check"]) expect(out).not.toContain(gone);
  });

  it("keeps a regex that merely contains the letter z", () => {
    const code = 'import { z } from "zod";\nexport const ID = /^[a-z]+$/;\nexport const S = z.string();';
    expect(stripSchemas(code)).toContain("export const ID = /^[a-z]+$/;");
  });

  it("trims export lists of the names it removed", () => {
    const out = stripSchemas('import { z } from "zod";\nconst A = z.string();\nconst b = 1;\nexport { A, b as c };');
    expect(out).toContain("export { b as c };");
    expect(out).not.toContain("const A");
  });

  it("leaves modules that do not use zod untouched", () => {
    const code = 'import { x } from "./x.ts";\nexport const y = x();';
    expect(stripSchemas(code)).toBe(code);
  });

  it("leaves the skip-logic evaluator of core/expression.ts in place and takes its schema out", () => {
    const out = stripSchemas(readFileSync(new URL("../../core/expression.ts", import.meta.url), "utf8"), "expression.ts");
    expect(out).toContain("export function evaluate(");
    expect(out).not.toContain("export const ExprSchema");
  });
});
