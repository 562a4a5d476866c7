/**
 * Reads a paper file (`papers/<slug>.md`): YAML front matter validated by the one
 * `PaperFrontMatter` schema (core/papers.ts), then an optional Markdown body. Every
 * problem is a `SourceIssue` with the file, the line and the key, like survey files.
 *
 * Checks that need the file system (does the gated file exist, the cover image) are
 * the loader's (build/papers.ts): this module runs anywhere.
 *
 * @example
 *   const r = parsePaper("papers/short-surveys-guide.md", text);
 *   if (!r.ok) r.issues.map(formatIssue)
 */
import type { z } from "zod";
import { PaperFrontMatter, PaperSlug } from "../papers.ts";
import { checkClient, type ClientRules } from "./clients.ts";
import { closest } from "./messages.ts";
import { formatPath, type SourceIssue } from "./source.ts";
import { readYaml } from "./yaml.ts";

/** `client`: the resolved client (core/clients.ts) when the parse was given the config's clients. */
export type PaperSource = { slug: string; front: PaperFrontMatter; body: string; client?: string };
export type PaperParseResult = { ok: true; paper: PaperSource } | { ok: false; issues: SourceIssue[] };

const KEYS = Object.keys(PaperFrontMatter.shape);

/** The slug a file defines: its name without folder and `.md`. */
export function paperSlugFromFileName(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\")) + 1);
  return base.replace(/\.md$/i, "");
}

function schemaIssues(file: string, error: z.ZodError, lineOf: (path: (string | number)[]) => number | undefined): SourceIssue[] {
  const issues: SourceIssue[] = [];
  const seen = new Set<string>();
  const add = (path: (string | number)[], message: string) => {
    // One message per field: the first rule broken says it best ("YYYY-MM-DD" before "not a real date").
    if (seen.has(formatPath(path))) return;
    seen.add(formatPath(path));
    const line = lineOf(path);
    issues.push(line === undefined ? { file, path: formatPath(path), message } : { file, line, path: formatPath(path), message });
  };
  for (const issue of error.issues) {
    const path = issue.path as (string | number)[];
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys) {
        const near = closest(key, KEYS);
        add([...path, key], `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ""}; a paper's keys are ${KEYS.join(", ")}`);
      }
    else if (issue.code === "invalid_type" && issue.input === undefined) add(path, `${formatPath(path)} is required`);
    else add(path, issue.message);
  }
  return issues;
}

/** `options.clients`: the config's clients, so `client:` is checked and resolved (as for surveys). */
export function parsePaper(fileName: string, text: string, options: { clients?: ClientRules } = {}): PaperParseResult {
  const slug = paperSlugFromFileName(fileName);
  const issues: SourceIssue[] = [];
  const slugCheck = PaperSlug.safeParse(slug);
  if (!slugCheck.success) issues.push({ file: fileName, path: "", message: `the file name is the paper's slug and URL: ${slugCheck.error.issues[0]!.message}` });

  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const end = lines[0]?.trim() === "---" ? lines.findIndex((l, i) => i > 0 && (l.trim() === "---" || l.trim() === "...")) : -1;
  if (end < 0) {
    issues.push({ file: fileName, line: 1, path: "", message: "a paper file starts with front matter between two --- lines (title:, summary:, file: ...)" });
    return { ok: false, issues };
  }
  const read = readYaml(lines.slice(1, end).join("\n"), 2);
  for (const i of read.issues) issues.push({ file: fileName, line: i.line ?? 2, path: formatPath(i.path), message: i.message });
  if (read.issues.length) return { ok: false, issues };

  const parsed = PaperFrontMatter.safeParse(read.data ?? {});
  if (!parsed.success) issues.push(...schemaIssues(fileName, parsed.error, read.lineOf));
  const client = parsed.success && options.clients ? checkClient(options.clients, parsed.data.client) : undefined;
  if (client && !client.ok) issues.push({ file: fileName, line: read.lineOf(["client"]) ?? 2, path: "client", message: client.message });
  if (issues.length || !parsed.success) return { ok: false, issues };
  const paper: PaperSource = { slug, front: parsed.data, body: lines.slice(end + 1).join("\n").trim() };
  if (client?.ok) paper.client = client.client;
  return { ok: true, paper };
}
