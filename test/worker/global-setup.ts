/**
 * Publishes the fixture surveys into a throwaway static folder that the Worker under
 * test serves as its ASSETS, exactly as `npm run build` publishes the real ones.
 */
import { rm } from "node:fs/promises";
import { loadSurveys } from "../../scripts/lib/surveys.ts";
import { writeCatalog } from "../../scripts/lib/catalog.ts";
import { formatIssue } from "../../core/parse/index.ts";


export default async function setup() {
  const { published, issues } = await loadSurveys("test/fixtures/surveys");
  if (issues.length) throw new Error(`fixture surveys are broken:\n${issues.map(formatIssue).join("\n")}`);
  const dir = process.env.CANVASS_TEST_ASSETS ?? ".canvass/test-assets";
  await rm(dir, { recursive: true, force: true });
  await writeCatalog(published, dir);
  return () => rm(dir, { recursive: true, force: true });
}
