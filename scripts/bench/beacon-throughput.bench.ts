/**
 * Beacon throughput: `POST /api/hits` against the Worker's empty route (`GET /api/health`),
 * on the real local stack (`wrangler dev` with local D1, KV and Queues, as `npm start`
 * runs it), with the same concurrency and number of requests, in the same run. Figures
 * in requests per second depend on the machine; the ratio does not, much.
 *
 * Budget: beacons at no less than half the empty route's rate. A beacon does real work
 * on the request path (reading the day's salt, an HMAC, validating and reducing the body,
 * handing it to the queue without waiting); counting happens later in the queue consumer,
 * so a beacon that costs more than two empty requests would mean that work has crept
 * into the request path.
 *
 * Bounded: a fixed number of requests, loopback only, a deadline, a fresh database in a
 * temporary folder, and the Worker stopped at the end. Afterwards it waits for the queue
 * consumer and checks, through the admin API, that every accepted beacon was counted
 * (`wrangler d1 execute` from another process does not reliably see wrangler dev's latest
 * writes, so the Worker itself is asked).
 *
 * @example
 *   npm run bench -- beacon
 */
import { compare, loopbackClient, rate, withBenchStack } from "./load.ts";
import type { BenchResult } from "./run.ts";

const REQUESTS = 2000;
const CONCURRENCY = 16;
const WARM_UP = 200;
const MIN_RATIO = 0.5;
const REQUEST_TIMEOUT_MS = 10_000;
const DRAIN_TIMEOUT_MS = 60_000;

const UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const PATHS = ["/", "/s/customer-feedback/", "/s/onboarding/", "/privacy/", "/s/customer-feedback/thanks/"];

export default async function beaconThroughput(): Promise<BenchResult> {
  return withBenchStack("beacon", async ({ worker, token }) => {
    const client = loopbackClient(worker.url, CONCURRENCY, REQUEST_TIMEOUT_MS);
    const health = () => client.get("/api/health");
    // Visitors from many addresses (the header is what Cloudflare's edge sets), a few pages.
    const beacon = (i: number) =>
      client.post(
        "/api/hits",
        { "content-type": "text/plain;charset=UTF-8", "user-agent": UA, "cf-connecting-ip": `198.51.100.${Math.abs(i) % 250}`, origin: worker.url },
        JSON.stringify({ path: PATHS[Math.abs(i) % PATHS.length], referrer: i % 3 ? "" : "news.example" }),
      );
    // Alternating rounds, so that drift in the machine's load hits both alike (scripts/bench/load.ts).
    const { floor: empty, measured: hits } = await compare({ requests: REQUESTS, concurrency: CONCURRENCY, warmUp: WARM_UP }, health, beacon);
    client.close();

    const accepted = hits.statuses[202] ?? 0;
    const expected = accepted + WARM_UP;
    const report = async () => {
      const res = await fetch(`${worker.url}/api/admin/stats`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`GET /api/admin/stats answered ${res.status}`);
      return (await res.json()) as { totals: { views: number; visitors: number }; pages: unknown[]; referrers: unknown[] };
    };
    const drainStarted = performance.now();
    let totals = { views: 0, visitors: 0 };
    while (performance.now() - drainStarted < DRAIN_TIMEOUT_MS) {
      totals = (await report()).totals;
      if (totals.views >= expected) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const counted = totals.views;

    const emptyRps = rate(empty);
    const hitsRps = rate(hits);
    const ratio = hitsRps / emptyRps;
    const allAccepted = accepted === REQUESTS && (empty.statuses[200] ?? 0) === REQUESTS;
    const within_budget = ratio >= MIN_RATIO && allAccepted && counted === expected;
    // wrangler dev restarts the Worker when a source file changes; requests then get 503 and queued beacons are lost.
    const disturbed = (hits.statuses[503] ?? 0) + (empty.statuses[503] ?? 0) > 0 ? " (503s: the Worker restarted during the run; were files being edited?)" : "";
    return {
      name: "beacon-throughput",
      summary: `POST /api/hits ${hitsRps.toFixed(0)} req/s vs GET /api/health ${emptyRps.toFixed(0)} req/s: ratio ${ratio.toFixed(2)} (budget ≥ ${MIN_RATIO}); ${counted}/${expected} beacons counted ${drainSeconds.toFixed(1)} s after the last${disturbed}`,
      within_budget,
      measure: { label: "beacon ÷ empty-route throughput", value: Number(ratio.toFixed(3)), budget: MIN_RATIO, unit: "×", better: "higher" },
      requests_each: REQUESTS,
      concurrency: CONCURRENCY,
      beacon_rps: Math.round(hitsRps),
      empty_route_rps: Math.round(emptyRps),
      ratio: Number(ratio.toFixed(3)),
      min_ratio: MIN_RATIO,
      beacon_statuses: hits.statuses,
      empty_route_statuses: empty.statuses,
      beacons_counted: counted,
      beacons_expected: expected,
      unique_visitors_counted: totals.visitors,
      drain_seconds: Number(drainSeconds.toFixed(1)),
    };
  });
}
