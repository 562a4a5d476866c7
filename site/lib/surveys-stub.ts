// TEMPORARY stand-in for scripts/lib/surveys.ts (YAML only) until it lands.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { compileSurvey, type PublishedSurvey } from "../../core/compile.ts";
import { SurveyDefinition } from "../../core/model.ts";

export type SourceIssue = { file: string; line?: number; path: string; message: string };

export async function loadSurveys(dir = "surveys"): Promise<{ published: PublishedSurvey[]; issues: SourceIssue[] }> {
  const published: PublishedSurvey[] = [];
  const issues: SourceIssue[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith(".yaml")) continue;
    const file = join(dir, name);
    const parsed = SurveyDefinition.safeParse(parse(await readFile(file, "utf8")));
    if (!parsed.success) {
      for (const i of parsed.error.issues) issues.push({ file, path: i.path.join("."), message: i.message });
      continue;
    }
    const r = await compileSurvey(name.replace(/\.yaml$/, ""), parsed.data);
    if (r.ok) published.push(r.published);
    else for (const i of r.issues) issues.push({ file, path: i.path.join("."), message: i.message });
  }
  return { published, issues };
}
