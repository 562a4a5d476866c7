/**
 * Writes the published catalog (see core/catalog.ts) into a static output folder: one
 * entry per survey, then the survey index. Returns the entries' files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { catalogEntry, catalogPath, SURVEY_INDEX_PATH, surveyIndex } from "../../core/catalog.ts";
import type { PublishedSurvey } from "../../core/compile.ts";

export async function writeCatalog(published: PublishedSurvey[], outDir: string): Promise<string[]> {
  const written: string[] = [];
  for (const p of published) {
    const file = join(outDir, catalogPath(p.id));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(catalogEntry(p)));
    written.push(file);
  }
  const index = join(outDir, SURVEY_INDEX_PATH);
  await mkdir(dirname(index), { recursive: true });
  await writeFile(index, JSON.stringify(surveyIndex(published)));
  return written;
}
