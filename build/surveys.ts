/**
 * Reads the survey folder: every `*.yaml`, `*.yml` and `*.md` file in it (not in
 * subfolders), in name order, through the one parser in core/. Used by
 * `canvass check`, the build and the Astro content loader, so all three accept
 * exactly the same files.
 *
 * Drafts are returned like any other survey; whoever publishes decides what to show.
 *
 * @example
 *   const { published, issues } = await loadSurveys("surveys");
 *   for (const issue of issues) console.error(formatIssue(issue));
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { contentDirs } from "./paths.ts";
import { inPool } from "./pool.ts";
import type { PublishedSurvey } from "../core/compile.ts";
import site from "../canvass.config.ts";
import type { ClientRules } from "../core/parse/clients.ts";
import { parseSurvey, SURVEY_EXTENSIONS, surveyIdFromFileName, type SourceIssue } from "../core/parse/index.ts";

export type LoadedSurveys = {
  /** Surveys that passed every check, in file-name order. */
  published: PublishedSurvey[];
  /** Every problem in every file; a file with any problem contributes nothing to `published`. */
  issues: SourceIssue[];
  /** The survey files read, as paths joined to `dir`. */
  files: string[];
};

const isSurveyFile = (name: string) => !name.startsWith(".") && Object.keys(SURVEY_EXTENSIONS).some((ext) => name.toLowerCase().endsWith(ext));

/** `clients`: whom surveys may belong to (canvass.config.ts by default; tests pass their own). */
export async function loadSurveys(dir = contentDirs().surveys, clients: ClientRules = site): Promise<LoadedSurveys> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && isSurveyFile(e.name)).map((e) => e.name).sort();
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such folder" : (e as Error).message;
    return { published: [], issues: [{ file: dir, path: "", message: `cannot read the survey folder: ${reason}` }], files: [] };
  }

  const files = names.map((name) => join(dir, name));
  // A few at a time: parsing is CPU work, and thousands of files in flight would all be in memory at once.
  const results = await inPool(files, async (file) => ({ file, result: await parseSurvey(file, await readFile(file, "utf8"), { clients }) }));

  // x.yaml and x.md would both claim /s/x/; rather than pick one silently, publish neither.
  const byId = new Map<string, string[]>();
  for (const file of files) byId.set(surveyIdFromFileName(file), [...(byId.get(surveyIdFromFileName(file)) ?? []), file]);
  const issues: SourceIssue[] = [];
  const published: PublishedSurvey[] = [];
  for (const { file, result } of results) {
    const sameId = byId.get(surveyIdFromFileName(file))!;
    if (sameId.length > 1)
      issues.push({ file, path: "", message: `survey id "${surveyIdFromFileName(file)}" is used by ${sameId.length} files (${sameId.join(", ")}); keep one` });
    if (!result.ok) issues.push(...result.issues);
    else if (sameId.length === 1) published.push(result.published);
  }
  return { published, issues, files };
}
