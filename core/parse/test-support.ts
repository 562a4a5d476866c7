/**
 * What the survey-format tests share: a file's text from its lines, and a file parsed into
 * its published definition or its issues, failing the test when it goes the other way.
 * Test support only (the *.test.ts files beside it import it); nothing else does.
 *
 * @example
 *   const p = await published("surveys/x.yaml", lines("title: T", "questions:", "  - { id: ok, type: yesno, label: OK? }"));
 */
import { formatIssue, parseSurvey, type SourceIssue } from "./index.ts";

/** A file's text: the lines joined, with the final newline an editor writes. */
export const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** The published definition of a file that must pass. */
export async function published(file: string, text: string) {
  const result = await parseSurvey(file, text);
  if (!result.ok) throw new Error(`expected ${file} to pass:\n${result.issues.map(formatIssue).join("\n")}`);
  return result.published;
}

/** The issues of a file that must fail. */
export async function issues(file: string, text: string): Promise<SourceIssue[]> {
  const result = await parseSurvey(file, text);
  if (result.ok) throw new Error(`expected ${file} to fail`);
  return result.issues;
}
