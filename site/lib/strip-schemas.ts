/**
 * Keeps zod out of the respondents' page script.
 *
 * The script imports core/ for skip logic and validation, and core/ modules also
 * define the zod schemas the build and the Worker use. Building a schema has no side
 * effects, but a bundler cannot know that, and one kept schema keeps all of zod —
 * about 30 KB gzip, twice the page's whole budget. So, for the browser bundle only,
 * every top-level statement of a core module that depends on zod (directly, or
 * through another such statement) is removed before bundling.
 *
 * Failure is loud, never silent: if browser code imports something that needs zod,
 * the bundle fails with a missing export instead of quietly shipping zod.
 * `npm run bench:page-weight` checks the result.
 *
 * @example
 *   stripSchemas('import { z } from "zod";\nexport const A = z.string();\nexport const B = "b";')
 *   // 'import { z } from "zod";\n\nexport const B = "b";'
 */
import { parseSync, type Plugin } from "vite";

type Node = { type: string; start: number; end: number; [key: string]: unknown };

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && typeof (v as Node).type === "string";

/** Identifiers a pattern binds (`a`, `{ a, b: c }`, `[a, ...b]`). */
function bound(pattern: unknown): string[] {
  if (!isNode(pattern)) return [];
  switch (pattern.type) {
    case "Identifier": return [pattern.name as string];
    case "ObjectPattern": return (pattern.properties as Node[]).flatMap((p) => bound(p.type === "RestElement" ? p.argument : p.value));
    case "ArrayPattern": return (pattern.elements as Node[]).flatMap(bound);
    case "RestElement": return bound(pattern.argument);
    case "AssignmentPattern": return bound(pattern.left);
    default: return [];
  }
}

/** Names a top-level statement declares. */
function declares(statement: Node): string[] {
  const d = (statement.type.startsWith("Export") && isNode(statement.declaration) ? statement.declaration : statement) as Node;
  if (d.type === "VariableDeclaration") return (d.declarations as Node[]).flatMap((v) => bound(v.id));
  if (d.type === "ImportDeclaration") return (d.specifiers as Node[]).map((s) => (s.local as Node).name as string);
  return isNode(d.id) ? bound(d.id) : [];
}

/** TypeScript-only parts: erased before bundling, so what they mention costs nothing. */
const TYPE_KEYS = new Set(["typeAnnotation", "returnType", "typeParameters", "typeArguments", "superTypeArguments", "implements"]);
const isTypeOnly = (s: Node) =>
  s.exportKind === "type" || s.declare === true || /^TS(TypeAlias|Interface|Module)Declaration$/.test(((s.declaration as Node | null) ?? s).type);

/** Identifiers a node uses as values, leaving out property names (`a.b`, `{ b: 1 }`) and types. */
function uses(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) { for (const n of node) uses(n, out); return out; }
  if (!isNode(node)) return out;
  if (node.type === "Identifier") { out.add(node.name as string); return out; }
  for (const [key, value] of Object.entries(node)) {
    if (TYPE_KEYS.has(key) || (!node.computed && (key === "key" || (key === "property" && node.type === "MemberExpression")))) continue;
    if (typeof value === "object") uses(value, out);
  }
  return out;
}

const fromZod = (s: Node) => s.type === "ImportDeclaration" && /^zod(\/|$)/.test((s.source as Node).value as string);

/** The module's code without the statements that depend on zod. */
export function stripSchemas(code: string, filename = "module.ts"): string {
  const { program, errors } = parseSync(filename, code, { lang: filename.endsWith(".ts") ? "ts" : "js", sourceType: "module" });
  if (errors.length) return code; // not ours to judge; the bundler reports it
  const body = program.body as unknown as Node[];
  const tainted = new Set(body.filter(fromZod).flatMap(declares));
  if (!tainted.size) return code;

  const dropped = new Set<Node>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of body) {
      if (dropped.has(s) || isTypeOnly(s) || s.type === "ImportDeclaration" || (s.type === "ExportNamedDeclaration" && !s.declaration)) continue;
      if (![...uses(s)].some((name) => tainted.has(name))) continue;
      dropped.add(s);
      for (const name of declares(s)) tainted.add(name);
      grew = true;
    }
  }

  let out = "";
  let at = 0;
  for (const s of body) {
    const isList = s.type === "ExportNamedDeclaration" && !s.declaration && !s.source;
    if (!dropped.has(s) && !isList) continue;
    out += code.slice(at, s.start);
    if (isList) {
      const kept = (s.specifiers as Node[]).filter((sp) => !tainted.has((sp.local as Node).name as string));
      if (kept.length) out += `export { ${kept.map((sp) => code.slice(sp.start, sp.end)).join(", ")} };`;
    }
    at = s.end;
  }
  return out + code.slice(at);
}

/** The Vite plugin: applies `stripSchemas` to modules under `dir` in the browser build. */
export function stripSchemasPlugin(dir: string): Plugin {
  return {
    name: "canvass:strip-schemas",
    apply: "build",
    enforce: "pre",
    applyToEnvironment: (environment) => environment.name === "client",
    transform(code, id) {
      const file = id.split("?")[0]!;
      if (!file.startsWith(dir) || !/\.[mc]?[jt]s$/.test(file) || !code.includes("zod")) return null;
      return { code: stripSchemas(code, file), map: null };
    },
  };
}
