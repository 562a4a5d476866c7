/**
 * Publishes the fixture surveys into a throwaway static folder that the Worker under
 * test serves as its ASSETS, exactly as `npm run build` publishes the real ones.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { loadSurveys } from "../../build/surveys.ts";
import { writeCatalog } from "../../build/catalog.ts";
import { loadPapers } from "../../build/papers.ts";
import { formatIssue } from "../../core/parse/index.ts";

export default async function setup() {
  const { published, issues } = await loadSurveys("test/fixtures/surveys");
  if (issues.length) throw new Error(`fixture surveys are broken:\n${issues.map(formatIssue).join("\n")}`);
  const dir = process.env.CANVASS_TEST_ASSETS ?? ".canvass/test-assets";
  await rm(dir, { recursive: true, force: true });
  await writeCatalog(published, dir);
  // A stand-in for each paper's landing page: just the form field the Worker stamps.
  for (const paper of (await loadPapers()).papers) {
    await mkdir(`${dir}/papers/${paper.slug}`, { recursive: true });
    await writeFile(`${dir}/papers/${paper.slug}/index.html`, `<!doctype html><title>${paper.slug}</title><form><input type="hidden" name="_ticket" value=""></form>`);
  }
  return () => rm(dir, { recursive: true, force: true });
}
