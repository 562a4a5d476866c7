/**
 * Writes the published catalog (see core/catalog.ts) into a static output folder: one
 * entry per survey, then the survey index the Worker lists surveys from. Returns the
 * entries' files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { catalogEntry, catalogPath, SURVEY_INDEX_PATH, surveyIndex } from "../core/catalog.ts";
import type { PublishedSurvey } from "../core/compile.ts";
import { inPool } from "./pool.ts";

export async function writeCatalog(published: PublishedSurvey[], outDir: string): Promise<string[]> {
  const files = published.map((p) => ({ file: join(outDir, catalogPath(p.id)), text: JSON.stringify(catalogEntry(p)) }));
  for (const dir of new Set(files.map((f) => dirname(f.file)))) await mkdir(dir, { recursive: true });
  const written = await inPool(files, async ({ file, text }) => {
    await writeFile(file, text);
    return file;
  }, 16);
  const index = join(outDir, SURVEY_INDEX_PATH);
  await mkdir(dirname(index), { recursive: true });
  await writeFile(index, JSON.stringify(surveyIndex(published)));
  return written;
}
