/**
 * What the two file formats have in common once read: plain data for the one
 * survey schema, plus a way back from a field path to the line the author wrote
 * it on. Every problem an author sees is a `SourceIssue` with file, line and path.
 *
 * @example
 *   formatIssue({ file: "surveys/x.yaml", line: 12, path: "pages[0].questions[1].type", message: "unknown question type" })
 *   // "surveys/x.yaml:12: pages[0].questions[1].type: unknown question type"
 */

/** A field path as written in the file: keys and list indexes, e.g. `["pages", 1, "questions", 0, "show_if"]`. */
export type FieldPath = (string | number)[];

/** A problem found in one survey file, ready to show to its author. */
export type SourceIssue = {
  /** The file as it was named to the parser, e.g. `surveys/customer-feedback.yaml`. */
  file: string;
  /** 1-based line, when the problem can be placed. */
  line?: number;
  /** Field path as the author wrote it (`pages[1].questions[0].show_if`); empty for the file as a whole. */
  path: string;
  /** What is wrong, in the author's terms. */
  message: string;
};

/** A problem found while reading a file, before it is tied to a file name. */
export type LocatedIssue = { path: FieldPath; line?: number; message: string };

/** A survey file read into plain data, still unvalidated. */
export type SourceDocument = {
  /** The survey object as written, for `SurveyDefinition`; meaningless when `issues` is not empty. */
  data: unknown;
  /**
   * Problems that stop the file being read (YAML syntax, duplicate keys, a malformed
   * question heading). When there are any, the schema is not run: its complaints
   * about a half-read file would only confuse.
   */
  issues: LocatedIssue[];
  /** Line where the value at this path is written, or else the nearest enclosing value that is written. */
  lineOf(path: FieldPath): number | undefined;
  /** Which format the data came from; Markdown question settings are "attributes", YAML ones "keys". */
  format: "yaml" | "markdown";
};

/** `["pages", 1, "questions", 0, "show_if"]` → `pages[1].questions[0].show_if`. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** One line per issue, `file:line: path: message`, the shape editors and CI annotate. */
export function formatIssue(issue: SourceIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** Records the line of each path as a file is read; a path's line is that of its longest recorded prefix. */
export function lineTable() {
  const lines = new Map<string, number>();
  const key = (path: FieldPath) => JSON.stringify(path);
  return {
    set(path: FieldPath, line: number) {
      lines.set(key(path), line);
    },
    lineOf(path: FieldPath): number | undefined {
      for (let n = path.length; n >= 0; n--) {
        const line = lines.get(key(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return undefined;
    },
  };
}
