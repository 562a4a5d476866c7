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
 * @example
 *   npm run bench -- submission
 */
import { compare, failures, loopbackClient, rate, withBenchStack } from "./load.ts";
import type { BenchResult } from "./run.ts";

const REQUESTS = 2000;
const CONCURRENCY = 16;
const WARM_UP = 200;
const MIN_RATIO = 0.8;
const SURVEY = "customer-feedback";
const REQUEST_TIMEOUT_MS = 10_000;

/** A complete, valid set of answers to the example survey (its required questions and a few more). */
export const ANSWERS = { satisfaction: 4, recommend: 9, channel: "web", tools: ["Website"], comments: "Quick and friendly." };

export default async function submissionThroughput(): Promise<BenchResult> {
  return withBenchStack("submit", async ({ worker, token }) => {
    const client = loopbackClient(worker.url, CONCURRENCY, REQUEST_TIMEOUT_MS);
    const health = () => client.get("/api/health");
    const submit = () =>
      client.post(`/api/responses/${SURVEY}`, { "content-type": "application/json" }, JSON.stringify({ submission_id: crypto.randomUUID(), answers: ANSWERS }));
    const { floor, measured } = await compare({ requests: REQUESTS, concurrency: CONCURRENCY, warmUp: WARM_UP }, health, submit);
    client.close();

    const list = await fetch(`${worker.url}/api/admin/surveys`, { headers: { authorization: `Bearer ${token}` } });
    if (!list.ok) throw new Error(`GET /api/admin/surveys answered ${list.status}`);
    const stored = ((await list.json()) as { surveys: { id: string; responses: number }[] }).surveys.find((s) => s.id === SURVEY)?.responses ?? 0;
    const accepted = (measured.statuses[201] ?? 0) + WARM_UP;

    const ratio = rate(measured) / rate(floor);
    const lost = failures(measured) + failures(floor);
    const within_budget = ratio >= MIN_RATIO && lost === 0 && measured.statuses[201] === REQUESTS && stored === accepted;
    return {
      name: "submission-throughput",
      summary: `POST /api/responses ${rate(measured).toFixed(0)} req/s vs GET /api/health ${rate(floor).toFixed(0)} req/s: ratio ${ratio.toFixed(2)} (budget ≥ ${MIN_RATIO}); ${stored}/${accepted} accepted responses stored, ${lost} failed requests`,
      within_budget,
      measure: { label: "submission ÷ empty-route throughput", value: Number(ratio.toFixed(3)), budget: MIN_RATIO, unit: "×", better: "higher" },
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
    };
  });
}
