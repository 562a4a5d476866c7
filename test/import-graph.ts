/**
 * The import graph of the repository's own code, for tests that keep its parts apart
 * (test/architecture.test.ts). Lists each file's imports with the TypeScript parser:
 * static `import` and `export … from`, dynamic `import("…")` with a literal, and
 * side-effect imports, each marked type-only when it is `import type` / `export type`
 * (those vanish from the running code). `import { type A }` counts as a value import:
 * under `verbatimModuleSyntax` the module is still loaded. In `.astro` files it reads
 * the frontmatter and every `<script>`.
 *
 * @example
 *   const graph = importGraph(ROOT, ["core", "site"]);
 *   const reached = reachable(ROOT, graph, ["site/scripts/survey.ts"], { values: true });
 *   for (const file of reached) for (const i of graph.get(file) ?? []) if (i.target === "zod") console.log(file, i.line);
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export type Import = {
  /** The text between the quotes. */
  specifier: string;
  /** A repository file relative to the root (`core/model.ts`), or the package name (`zod`, `node:fs`, `astro:content`). */
  target: string;
  /** True when the target is a file of the repository, false for a package or built-in. */
  local: boolean;
  /** `import type` / `export type`: erased, never loaded at run time. */
  typeOnly: boolean;
  dynamic: boolean;
  /** 1-based line in the importing file. */
  line: number;
};

/** The files of the graph (relative to the root) and what each imports. */
export type ImportGraph = Map<string, Import[]>;

const SOURCE = /\.(?:ts|mts|js|mjs|astro)$/;

type Found = Omit<Import, "target" | "local">;

/** The imports written in one piece of TypeScript or JavaScript; `lineOffset` places it in its file. */
function importsInCode(code: string, lineOffset = 0): Found[] {
  const source = ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Found[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean, dynamic: boolean) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 + lineOffset;
    found.push({ specifier: spec.text, typeOnly, dynamic, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false, false);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly, false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false, true);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal as ts.Expression, true, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The frontmatter and the `<script>` bodies of an `.astro` file, with the line each starts on (0-based). */
function astroCode(text: string): { code: string; line: number }[] {
  const lineAt = (index: number) => text.slice(0, index).split("\n").length - 1;
  const parts: { code: string; line: number }[] = [];
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) parts.push({ code: front[1]!, line: 1 });
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) parts.push({ code: m[1]!, line: lineAt(m.index + m[0].indexOf(">") + 1) });
  return parts;
}

/** A relative specifier as a repository file: as written, or with `.ts`, `.js` or `/index.ts` added. */
function resolveLocal(root: string, fromFile: string, specifier: string): string {
  const base = resolve(root, dirname(fromFile), specifier);
  const hit = [base, `${base}.ts`, `${base}.js`, join(base, "index.ts")].find((p) => existsSync(p) && statSync(p).isFile());
  return relative(root, hit ?? base);
}

/** The package a bare specifier names: `zod` for `zod/mini`, `@scope/name` for `@scope/name/x`. */
const packageName = (specifier: string) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2) : specifier.split("/").slice(0, 1)).join("/");

/** Every import in `file` (relative to `root`), resolved. */
export function importsOf(root: string, file: string): Import[] {
  if (!SOURCE.test(file)) return []; // a PDF, an SVG, JSON: imports nothing
  const text = readFileSync(join(root, file), "utf8");
  const found = file.endsWith(".astro") ? astroCode(text).flatMap((p) => importsInCode(p.code, p.line)) : importsInCode(text);
  return found.map((i) => {
    const local = i.specifier.startsWith("./") || i.specifier.startsWith("../");
    return { ...i, local, target: local ? resolveLocal(root, file, i.specifier) : packageName(i.specifier) };
  });
}

/** Source files (`.ts`, `.mts`, `.js`, `.mjs`, `.astro`) under each of `paths` (folders or single files), relative to `root`. */
export function sourceFiles(root: string, paths: string[]): string[] {
  return paths.flatMap((path) => {
    const abs = join(root, path);
    if (!existsSync(abs)) return [];
    if (statSync(abs).isFile()) return [path];
    return readdirSync(abs, { recursive: true, encoding: "utf8" })
      .filter((f) => SOURCE.test(f) && !f.split("/").includes("node_modules"))
      .map((f) => join(path, f))
      .sort();
  });
}

/** The graph of every source file under `paths`. */
export function importGraph(root: string, paths: string[]): ImportGraph {
  return new Map(sourceFiles(root, paths).map((file) => [file, importsOf(root, file)]));
}

/**
 * The repository files reachable from `entries` by following local imports (`values`:
 * value imports only, as the running code loads them). Files outside the graph are
 * read on demand, so the walk follows an import wherever it leads in the repository.
 */
export function reachable(root: string, graph: ImportGraph, entries: string[], opts: { values?: boolean } = {}): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    if (!graph.has(file)) graph.set(file, importsOf(root, file));
    for (const i of graph.get(file)!) if (i.local && !(opts.values && i.typeOnly)) todo.push(i.target);
  }
  return seen;
}
