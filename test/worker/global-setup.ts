import { readdir, readFile, rm } from "node:fs/promises";
import { parse } from "yaml";
import { SurveyDefinition } from "../../core/model.ts";
import { compileSurvey, type PublishedSurvey } from "../../core/compile.ts";
import { writeCatalog } from "../../scripts/lib/catalog.ts";
export default async function setup() {
  const dir = "test/fixtures/surveys";
  const published: PublishedSurvey[] = [];
  for (const f of (await readdir(dir)).filter((f) => f.endsWith(".yaml"))) {
    const r = await compileSurvey(f.replace(/\.yaml$/, ""), SurveyDefinition.parse(parse(await readFile(`${dir}/${f}`, "utf8"))));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    published.push(r.published);
  }
  await rm(".canvass/test-assets", { recursive: true, force: true });
  await writeCatalog(published, ".canvass/test-assets");
}
