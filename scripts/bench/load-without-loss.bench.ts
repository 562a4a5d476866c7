/**
 * Load without loss: thousands of concurrent submissions to the real local stack, each
 * distinct submission sent several times (as a phone on a bad connection resends), as
 * JSON and as a plain HTML form, the copies of one submission in flight at the same
 * time. Afterwards the Worker's own export is read: exactly one row per distinct
 * submission id, none missing, none extra, and no request answered with a 5xx or not at all.
 *
 * Not a speed budget: the figures (requests, concurrency, statuses, rate) go to the results
 * file so a regression in correctness under load shows, and so does the rate.
 *
 * @example
 *   npm run bench -- load-without-loss
 */
import { failures, hammer, loopbackClient, rate, withBenchStack } from "./load.ts";
import type { BenchResult } from "./run.ts";
import { ANSWERS } from "./submission-throughput.bench.ts";

const DISTINCT = 1000;
const COPIES = 4;
const CONCURRENCY = 64;
const SURVEY = "customer-feedback";
const REQUEST_TIMEOUT_MS = 30_000;

/** The same answers as a plain HTML form sends them (core/form.ts reads them back). */
function formBody(id: string): string {
  const form = new URLSearchParams({ _submission: id, satisfaction: String(ANSWERS.satisfaction), recommend: String(ANSWERS.recommend), channel: ANSWERS.channel, comments: ANSWERS.comments });
  for (const tool of ANSWERS.tools) form.append("tools", tool);
  return form.toString();
}

export default async function loadWithoutLoss(): Promise<BenchResult> {
  return withBenchStack("load", async ({ worker, token }) => {
    const ids = Array.from({ length: DISTINCT }, () => crypto.randomUUID());
    const client = loopbackClient(worker.url, CONCURRENCY, REQUEST_TIMEOUT_MS);
    // Request i sends submission i % DISTINCT, so the copies of one submission are DISTINCT
    // requests apart: with CONCURRENCY in flight, copies overlap in time once the run wraps.
    // Even ids go as JSON, odd ones as a form.
    const send = (i: number) => {
      const n = i % DISTINCT;
      const id = ids[n]!;
      return n % 2 === 0
        ? client.post(`/api/responses/${SURVEY}`, { "content-type": "application/json" }, JSON.stringify({ submission_id: id, answers: ANSWERS }))
        : client.post(`/api/responses/${SURVEY}`, { "content-type": "application/x-www-form-urlencoded" }, formBody(id));
    };
    await client.get("/api/health"); // the Worker is up and its isolate warm
    const round = await hammer(DISTINCT * COPIES, CONCURRENCY, send);
    client.close();

    const exported = await fetch(`${worker.url}/api/admin/surveys/${SURVEY}/responses?format=ndjson`, { headers: { authorization: `Bearer ${token}` } });
    if (!exported.ok) throw new Error(`the export answered ${exported.status}`);
    const rows = (await exported.text()).split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id);
    const counts = new Map<string, number>();
    for (const id of rows) counts.set(id, (counts.get(id) ?? 0) + 1);
    const missing = ids.filter((id) => !counts.has(id)).length;
    const doubled = [...counts.values()].filter((n) => n > 1).length;
    const extra = rows.length - (DISTINCT - missing);
    const failed = failures(round);
    const within_budget = failed === 0 && missing === 0 && doubled === 0 && extra === 0;
    return {
      name: "load-without-loss",
      summary: `${DISTINCT * COPIES} submissions (${DISTINCT} distinct, each sent ${COPIES} times, ${CONCURRENCY} at a time) at ${rate(round).toFixed(0)} req/s: ${failed} failed or 5xx, ${missing} missing, ${doubled} stored twice, ${extra} extra rows`,
      within_budget,
      requests: DISTINCT * COPIES,
      distinct_submissions: DISTINCT,
      copies_each: COPIES,
      concurrency: CONCURRENCY,
      requests_per_second: Math.round(rate(round)),
      statuses: round.statuses,
      rows_exported: rows.length,
      missing,
      stored_twice: doubled,
      extra_rows: extra,
    };
  });
}
