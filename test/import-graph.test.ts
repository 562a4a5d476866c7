import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importGraph, importsOf, reachable } from "./import-graph.ts";

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "canvass-graph-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe("the import walker", () => {
  it("lists static, re-exported, side-effect and dynamic imports, and tells `import type` apart", () => {
    const root = project({
      "a/x.ts": [
        'import { z } from "zod";',
        'import type { T } from "../b/t.ts";',
        'import { type U } from "../b/u.ts";',
        'export { v } from "./v";',
        'export type { W } from "./w.ts";',
        'import "./side.ts";',
        'const lazy = () => import("node:fs");',
        "// import { fake } from \"./in-a-comment.ts\";",
      ].join("\n"),
      "a/v.ts": "",
    });
    expect(importsOf(root, "a/x.ts").map((i) => [i.target, i.typeOnly, i.dynamic, i.line])).toEqual([
      ["zod", false, false, 1],
      ["b/t.ts", true, false, 2],
      ["b/u.ts", false, false, 3], // the module is still loaded under verbatimModuleSyntax
      ["a/v.ts", false, false, 4],
      ["a/w.ts", true, false, 5],
      ["a/side.ts", false, false, 6],
      ["node:fs", false, true, 7],
    ]);
  });

  it("reads an .astro file's frontmatter and scripts, with their lines", () => {
    const root = project({ "p.astro": '---\nimport A from "./a.ts";\n---\n<p>hi</p>\n<script>\nimport "./b.ts";\n</script>\n' });
    expect(importsOf(root, "p.astro").map((i) => [i.target, i.line])).toEqual([["a.ts", 2], ["b.ts", 6]]);
  });

  it("walks what is reachable, by value imports only when asked", () => {
    const root = project({
      "entry.ts": 'import type { T } from "./types.ts";\nimport { f } from "./f.ts";',
      "types.ts": 'import { z } from "zod";\nexport type T = z.infer<typeof z.string>;',
      "f.ts": 'import { g } from "./outside/g.ts";',
      "outside/g.ts": "",
    });
    const graph = importGraph(root, ["entry.ts"]);
    expect([...reachable(root, graph, ["entry.ts"])].sort()).toEqual(["entry.ts", "f.ts", "outside/g.ts", "types.ts"]);
    expect([...reachable(root, graph, ["entry.ts"], { values: true })].sort()).toEqual(["entry.ts", "f.ts", "outside/g.ts"]);
  });
});
