/**
 * The YAML form of a survey file. The `yaml` package keeps every node's source
 * range, so any problem found later — by the schema or by the cross-field checks —
 * can be traced back to the line the author wrote.
 *
 * YAML 1.2 (the package's default) is what we want: `2026-12-01` stays a string,
 * and `yes`/`no`/`on` are plain words, not booleans.
 *
 * @example
 *   const doc = parseYamlSurvey("title: Hi\nquestions:\n  - { id: ok, type: yesno, label: OK? }\n");
 *   doc.lineOf(["questions", 0, "label"]) // 3
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { FieldPath, LocatedIssue, SourceDocument } from "./source.ts";

/** Plain-language versions of the `yaml` package's error codes that authors meet most. */
const YAML_MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: "tabs are not allowed for indentation in YAML; indent with spaces",
  MULTIPLE_DOCS: "a survey file holds one YAML document; remove the second --- line",
  BLOCK_AS_IMPLICIT_KEY: 'a value cannot contain ": " unless it is quoted; put the text in quotes',
};

type YamlRead = { data: unknown; issues: LocatedIssue[]; lineOf(path: FieldPath): number | undefined };

/**
 * Reads YAML text; `firstLine` is the line the text starts on in its file (2 for
 * Markdown front matter), so reported lines are those of the file.
 */
export function readYaml(text: string, firstLine = 1): YamlRead {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => counter.linePos(offset).line + firstLine - 1;
  const lineOf = (path: FieldPath) => locate(doc, path, lineAt);
  const lines = text.split("\n");

  const issues: LocatedIssue[] = [...doc.errors, ...doc.warnings].map((e) => {
    const line = lineAt(e.pos[0]);
    if (e.code === "DUPLICATE_KEY") {
      const path = pathAtKey(doc, e.pos[0]) ?? [];
      const key = path.length ? String(path.at(-1)) : text.slice(e.pos[0], e.pos[1]);
      return { path, line, message: `duplicate key "${key}"; each key may appear only once here` };
    }
    let message = YAML_MESSAGES[e.code] ?? `YAML: ${lowerFirst(e.message)}`;
    // `thanks: {{name}}, welcome` reads as a YAML mapping; the fix is not obvious to most authors.
    if (/:\s*\{\{/.test(lines[line - firstLine] ?? "")) message += ' (text that starts with "{{" must be in quotes)';
    return { path: [], line, message };
  });
  if (issues.length) return { data: undefined, issues: dedupeByLine(issues), lineOf };

  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), issues, lineOf };
  } catch (e) {
    // Unresolved aliases and alias bombs surface only when converting.
    return { data: undefined, issues: [{ path: [], line: 1, message: `YAML: ${lowerFirst((e as Error).message)}` }], lineOf };
  }
}

/** Reads a `.yaml`/`.yml` survey file. */
export function parseYamlSurvey(text: string): SourceDocument {
  const read = readYaml(text);
  const issues = [...read.issues];
  if (!issues.length && (read.data === null || read.data === undefined))
    issues.push({ path: [], line: 1, message: "the file is empty; a survey needs at least a title and questions" });
  else if (!issues.length && (typeof read.data !== "object" || Array.isArray(read.data)))
    issues.push({ path: [], line: 1, message: "a survey file holds settings as key: value lines (title:, questions: ...), not a list or a single value" });
  return { data: read.data, issues, lineOf: (path) => read.lineOf(path) ?? 1, format: "yaml" };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** One syntax slip often yields several errors on one line; the first says it best. */
function dedupeByLine(issues: LocatedIssue[]): LocatedIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.line}:${i.path.join(".")}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function keyValue(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

/** Line of the value at `path`, or of the nearest enclosing value. Map entries are placed at their key. */
function locate(doc: Document, path: FieldPath, lineAt: (offset: number) => number): number | undefined {
  let node: unknown = doc.contents;
  let line = rangeStart(node, lineAt);
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyValue(p.key) === seg);
      if (!pair) break;
      line = rangeStart(pair.key, lineAt) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (item === undefined) break;
      line = rangeStart(item, lineAt) ?? line;
      node = item;
    } else break;
  }
  return line;
}

function rangeStart(node: unknown, lineAt: (offset: number) => number): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? lineAt(range[0]) : undefined;
}

/** The path of the map key that starts at `offset`, to name a duplicate key's place. */
function pathAtKey(doc: Document, offset: number): FieldPath | undefined {
  const walk = (node: unknown, path: FieldPath): FieldPath | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = keyValue(pair.key);
        const seg = typeof key === "number" ? String(key) : (key as string);
        if ((pair.key as Node | null)?.range?.[0] === offset) return [...path, seg];
        const found = walk(pair.value, [...path, seg]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) {
        const found = walk(item, [...path, i]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(doc.contents, []);
}
