import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// These modules will run in the admin page's browser script and in the Worker: they may
// import zod's types (erased) but never zod itself, and no Node built-in.
const DIR = new URL("./", import.meta.url);
const modules = readdirSync(DIR).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
const valueImports = (source: string) =>
  [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);

describe("core/results imports", () => {
  it.each(modules)("%s imports no zod and no Node built-in", (file) => {
    const source = readFileSync(new URL(file, DIR), "utf8");
    for (const from of valueImports(source)) {
      expect(from, `${file} imports ${from}`).not.toMatch(/^(zod|node:|fs$|path$|os$|crypto$)/);
    }
    expect(source).not.toMatch(/from\s+"zod"/);
  });
});
