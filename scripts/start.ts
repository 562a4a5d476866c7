/**
 * `npm start` / `canvass dev`: the whole thing locally. Builds the site, makes
 * `.dev.vars` with an admin token if missing, applies migrations to the local D1,
 * serves site plus Worker on http://127.0.0.1:8787 (or $PORT), and seeds example
 * responses into an empty database through the real API. Then it rebuilds on every
 * change to the content (build/watch.ts); drafts get preview pages (build/preview.ts).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadContent } from "../build/content.ts";
import { PREVIEW_ENV } from "../build/preview.ts";
import { buildSite } from "../build/site.ts";
import { startDemoHost } from "./lib/demo-host.ts";
import { contentTargets, watchContent } from "../build/watch.ts";
import { sampleAnswers, seeded } from "./lib/sample-answers.ts";
import { applyMigrations, ensureDevVars, portProblem, ROOT, startWorker } from "./lib/stack.ts";

const PERSIST = join(ROOT, ".wrangler/state");

async function seedIfEmpty(url: string, token: string): Promise<number> {
  const { published } = (await loadContent()).surveys;
  const open = published.filter((p) => p.survey.status === "open");
  let seeded_ = 0;
  for (const p of open) {
    const res = await fetch(`${url}/api/admin/surveys/${p.id}/responses`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok || ((await res.json()) as { responses: unknown[] }).responses.length > 0) continue;
    const rnd = seeded([...p.id].reduce((h, c) => h * 31 + c.charCodeAt(0), 7));
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${url}/api/responses/${p.id}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ submission_id: crypto.randomUUID(), answers: sampleAnswers(p, rnd) }),
      });
      if (r.status === 201) seeded_++;
    }
  }
  return seeded_;
}

export async function start(): Promise<number> {
  const port = Number(process.env.PORT ?? 8787);
  // Checked before anything else, so a second `npm start` says why at once instead of building and then failing.
  const busy = await portProblem(port);
  if (busy) {
    console.error(busy);
    return 1;
  }
  process.env[PREVIEW_ENV] ??= "1"; // drafts are previewed locally, under a banner
  if ((await buildSite()) !== 0) return 1;
  const vars = await ensureDevVars();
  if (vars.created) console.log(`Created ${vars.file} with a new admin token (CANVASS_ADMIN_TOKEN).`);
  else console.log(`Using the admin token in ${vars.file} (CANVASS_ADMIN_TOKEN)${vars.added.length ? `; added the missing ${vars.added.join(", ")}` : ""}.`);
  console.log("Applying D1 migrations to the local database…");
  await applyMigrations(PERSIST);
  const worker = await startWorker({ port, persistTo: PERSIST, vars: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
  const seededCount = await seedIfEmpty(worker.url, vars.token);
  if (seededCount) console.log(`Seeded ${seededCount} example responses.`);
  console.log(`\nCanvass is running at ${worker.url}/  (admin token: see ${vars.file}; stop with Ctrl+C)`);
  // wrangler dev never fires cron triggers by itself; this is its endpoint for firing one.
  console.log(`Run the daily cron (reminders, purges, salts) now: curl "${worker.url}/cdn-cgi/local/scheduled"\n`);
  // A client's website on a second origin, with the pop-up survey that lists it (README "Pop-up surveys").
  const demoOrigin = `http://127.0.0.1:${port + 1}`;
  const demo = (await loadContent()).surveys.published.find((p) => p.survey.intercept?.origins.includes(demoOrigin));
  if (demo) await startDemoHost({ port: port + 1, canvassUrl: worker.url, survey: demo.id }).then((h) => console.log(`Pop-up demo (a client's site): ${h.url}\n`), (e: Error) => console.log(`No pop-up demo: ${e.message}\n`));
  const watcher = watchContent({ targets: contentTargets(), rebuild: async () => (await buildSite({ quiet: true })) === 0 });
  console.log("Watching surveys/, papers/ and canvass.config.ts: a change rebuilds the site.");
  const stop = () => void (watcher.close(), worker.stop().then(() => process.exit(0)));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await new Promise((r) => worker.process.once("exit", r));
  return worker.process.exitCode ?? 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = await start();
