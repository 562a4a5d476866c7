/**
 * A rebuild under the running local stack is what the Worker validates against next.
 * worker/catalog.ts keeps parsed definitions per isolate rather than reading them on every
 * submission; this is the promise that cache must keep for an author under `npm start`:
 * change a survey, and the Worker enforces the new definition, with no restart.
 *
 * The test runs its own `wrangler dev` (the shared stack serves dist/, which other files
 * rely on) on a copy of the built catalog, rewrites one definition there as a rebuild
 * would (build/catalog.ts writes each entry whole), and asks the Worker again.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogPath } from "../../core/catalog.ts";
import { applyMigrations, freePort, ROOT, startWorker, type RunningWorker } from "../../scripts/lib/stack.ts";

const SURVEY = "customer-feedback";
const ANSWERS = { satisfaction: 4, recommend: 9 };

let dir: string;
let worker: RunningWorker;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "canvass-catalog-reload-"));
  // global-setup.ts has built dist/; the Worker reads nothing of the site but the catalog.
  await cp(join(ROOT, "dist/_canvass"), join(dir, "site/_canvass"), { recursive: true });
  await applyMigrations(join(dir, "state"));
  worker = await startWorker({ port: await freePort(), persistTo: join(dir, "state"), assets: join(dir, "site"), quiet: true });
}, 300_000); // a hang guard: a second wrangler dev beside the shared one took minutes to start on a loaded two-core machine

afterAll(async () => {
  await worker?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const submit = async () => {
  const res = await fetch(`${worker.url}/api/responses/${SURVEY}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ submission_id: crypto.randomUUID(), answers: ANSWERS }),
  });
  return { status: res.status, body: (await res.json()) as { errors?: Record<string, string> } };
};

describe("the Worker's survey catalog under a running local stack", () => {
  it("a rebuilt definition is enforced without a restart: a question made required refuses answers that lack it", async () => {
    // Twice: the second answer comes from the cached definition.
    expect((await submit()).status).toBe(201);
    expect((await submit()).status).toBe(201);

    const file = join(dir, "site", catalogPath(SURVEY));
    const entry = JSON.parse(await readFile(file, "utf8")) as { hash: string; survey: { pages: { questions: { id: string; required?: boolean }[] }[] } };
    const comments = entry.survey.pages.flatMap((p) => p.questions).find((q) => q.id === "comments");
    if (!comments) throw new Error(`${SURVEY} has no "comments" question any more; pick another optional one`);
    comments.required = true;
    entry.hash = `${entry.hash.slice(0, -8)}00c0ffee`; // what a rebuild of a changed survey yields: another content hash
    await writeFile(file, JSON.stringify(entry));

    await expect.poll(async () => (await submit()).status, { timeout: 60_000, interval: 500 }).toBe(422);
    const refused = await submit();
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.comments).toBe("This question needs an answer.");
  }, 120_000);
});
