/**
 * Response submission throughput: `POST /api/responses/customer-feedback` (JSON, a new
 * submission id each time) against the Worker's empty route (`GET /api/health`), on the
 * real local stack (`wrangler dev` with local D1, as `npm start` runs it), 16 connections,
 * the same number of requests, in alternating rounds of the same run (scripts/bench/load.ts).
 *
 * Budget (issue 14): submissions at no less than 0.8x the empty route's rate, with every
 * accepted response stored exactly once: afterwards the Worker itself is asked (through
 * the admin API) how many responses the survey holds.
 *
 * The same run measures a ceiling: a Worker that only reads the body and stores the
 * row with the same statement (scripts/bench/ceiling/), against its own empty route, on the
 * same stack, the two Workers' rounds alternating. That ratio is what the platform's part of
 * a submission (the request path and one D1 insert in miniflare's local D1) leaves of an
 * empty route's rate before Canvass does anything: the results show Canvass's ratio beside it.
 *
 * @example
 *   npm run bench -- submission
 */
import { join } from "node:path";
import { ROOT } from "../lib/stack.ts";
import { compareAll, failures, loopbackClient, rate, withBenchStack, type Reply, type Round } from "./load.ts";
import type { BenchMeasure } from "./chart.ts";
import type { BenchResult } from "./run.ts";

const REQUESTS = 2000;
const CONCURRENCY = 16;
const WARM_UP = 200;
const MIN_RATIO = 0.8;
const SURVEY = "customer-feedback";
const REQUEST_TIMEOUT_MS = 10_000;

/** A complete, valid set of answers to the example survey (its required questions and a few more). */
export const ANSWERS = { satisfaction: 4, recommend: 9, channel: "web", tools: ["Website"], comments: "Quick and friendly." };

/** The empty route and a submission (a new id each time) of the Worker at `url`. */
function routes(url: string) {
  const client = loopbackClient(url, CONCURRENCY, REQUEST_TIMEOUT_MS);
  const health = (): Promise<Reply> => client.get("/api/health");
  const submit = (): Promise<Reply> =>
    client.post(`/api/responses/${SURVEY}`, { "content-type": "application/json" }, JSON.stringify({ submission_id: crypto.randomUUID(), answers: ANSWERS }));
  return { health, submit, close: () => client.close() };
}

const CEILING_CONFIG = join(ROOT, "scripts/bench/ceiling/wrangler.toml");

export default async function submissionThroughput(): Promise<BenchResult> {
  // Both Workers run at once and their rounds alternate, so the machine's load meets all four routes alike.
  return withBenchStack("submit", ({ worker, token }) => withBenchStack("ceiling", async ({ worker: ceilingWorker }) => {
    const canvass = routes(worker.url);
    const bare = routes(ceilingWorker.url);
    const [floor, measured, bareFloor, bareInsert] = await compareAll({ requests: REQUESTS, concurrency: CONCURRENCY, warmUp: WARM_UP }, [canvass.health, canvass.submit, bare.health, bare.submit]) as [Round, Round, Round, Round];
    canvass.close();
    bare.close();

    const list = await fetch(`${worker.url}/api/admin/surveys`, { headers: { authorization: `Bearer ${token}` } });
    if (!list.ok) throw new Error(`GET /api/admin/surveys answered ${list.status}`);
    const stored = ((await list.json()) as { surveys: { id: string; responses: number }[] }).surveys.find((s) => s.id === SURVEY)?.responses ?? 0;
    const accepted = (measured.statuses[201] ?? 0) + WARM_UP;
    if (bareInsert.statuses[201] !== REQUESTS) throw new Error(`the ceiling Worker answered ${JSON.stringify(bareInsert.statuses)}`);

    const ratio = rate(measured) / rate(floor);
    const ceiling = rate(bareInsert) / rate(bareFloor);
    const lost = failures(measured) + failures(floor);
    const within_budget = ratio >= MIN_RATIO && lost === 0 && measured.statuses[201] === REQUESTS && stored === accepted;
    const measure: BenchMeasure = { label: "submission ÷ empty-route throughput", value: Number(ratio.toFixed(3)), budget: MIN_RATIO, unit: "×", better: "higher", limit: { label: "ceiling (only the D1 insert)", value: Number(ceiling.toFixed(3)) } };
    return {
      name: "submission-throughput",
      summary:
        `POST /api/responses ${rate(measured).toFixed(0)} req/s vs GET /api/health ${rate(floor).toFixed(0)} req/s: ratio ${ratio.toFixed(2)} (budget ≥ ${MIN_RATIO}); ` +
        `${stored}/${accepted} accepted responses stored, ${lost} failed requests; on this stack a Worker that does nothing but store the row reaches ${ceiling.toFixed(2)} of its own empty route`,
      within_budget,
      measure,
      requests_each: REQUESTS,
      concurrency: CONCURRENCY,
      submission_rps: Math.round(rate(measured)),
      empty_route_rps: Math.round(rate(floor)),
      ratio: Number(ratio.toFixed(3)),
      min_ratio: MIN_RATIO,
      submission_statuses: measured.statuses,
      empty_route_statuses: floor.statuses,
      responses_stored: stored,
      responses_accepted: accepted,
      ceiling: { insert_rps: Math.round(rate(bareInsert)), empty_route_rps: Math.round(rate(bareFloor)), ratio: Number(ceiling.toFixed(3)) },
      share_of_ceiling: Number((ratio / ceiling).toFixed(3)),
    };
  }, CEILING_CONFIG));
}
