import { readdir, readFile, rm } from "node:fs/promises";
import { parse } from "yaml";
import { SurveyDefinition } from "../../core/model.ts";
import { compileSurvey, type PublishedSurvey } from "../../core/compile.ts";
import { writeCatalog } from "../../scripts/lib/catalog.ts";
export default async function setup() {
  const fixtures = "test/fixtures/surveys";
  const published: PublishedSurvey[] = [];
  for (const f of (await readdir(fixtures)).filter((f) => f.endsWith(".yaml"))) {
    const r = await compileSurvey(f.replace(/\.yaml$/, ""), SurveyDefinition.parse(parse(await readFile(`${fixtures}/${f}`, "utf8"))));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    published.push(r.published);
  }
  const dir = process.env.CANVASS_TEST_ASSETS ?? ".canvass/test-assets";
  await rm(dir, { recursive: true, force: true });
  await writeCatalog(published, dir);
  return () => rm(dir, { recursive: true, force: true });
}
