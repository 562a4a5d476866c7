/**
 * Industry benchmarks: the arithmetic, pure. A question carrying `benchmark: <metric>`
 * (core/model.ts; core/compile.ts checks its type) counts towards that metric for the
 * survey's client. Each client gets one score per metric, from all of its answers:
 *
 * - `nps`: % promoters (9–10) − % detractors (0–6), from −100 to 100;
 * - `csat`: % of ratings in the top two boxes (`scale − 1` or `scale`);
 * - any other name: the mean answer.
 *
 * The industry aggregate is the median and quartiles of the client scores of one industry
 * (each client counts once, however many answers it has), published only when at least
 * `MIN_CLIENTS` clients and `MIN_RESPONSES` answers contribute.
 *
 * Differencing guard (publishDecision): an aggregate is computed once per calendar week
 * (UTC, Monday to Sunday) from the answers before that week began, and stored with the
 * set of clients behind it. A week's aggregate is published only when it meets the minimum
 * and its client set is the last published one's, or differs from it by at least
 * `MIN_SET_CHANGE` clients, or has at least `MIN_CLIENTS + CLIENT_MARGIN` clients;
 * otherwise the last published aggregate (or none) is served. So no two published
 * aggregates of a small set differ by one client, and subtracting one from the other
 * never isolates a single client's score.
 *
 * @example
 *   score("nps", { n: 10, sum: 80, high: 5, low: 2 })                   // 30
 *   industryAggregate([{ client: "a", score: 30, responses: 40 }, ...]) // { clients: 5, responses: 200, median, q1, q3 }
 *   publishDecision({ clients: ["a","b","c","d","e"], responses: 200 }, { clients: ["a","b","c","d","e","f"] }) // { publish: false, ... }
 */

/** Fewest distinct clients an industry aggregate is published for. */
export const MIN_CLIENTS = 5;
/** Fewest answers, across those clients, an industry aggregate is published for. */
export const MIN_RESPONSES = 100;
/** A new week's client set that differs from the last published one by fewer clients than this (but not zero) is held back… */
export const MIN_SET_CHANGE = 2;
/** …unless it has at least MIN_CLIENTS + CLIENT_MARGIN clients, where one client moves the quartiles too little to be read off. */
export const CLIENT_MARGIN = 3;
/** The NPS groups, here and in the survey summary (core/results/summary.ts). */
export const NPS_PROMOTER_MIN = 9;
export const NPS_DETRACTOR_MAX = 6;

export type MetricKind = "nps" | "csat" | "custom";
export const metricKind = (metric: string): MetricKind => (metric === "nps" ? "nps" : metric === "csat" ? "csat" : "custom");

/** A metric's name: `nps`, `csat` or a name of your own (the same rule as core/model.ts `benchmark`). */
export const isMetricName = (name: string): boolean => /^[a-z][a-z0-9-]{0,39}$/.test(name);

/** The answers one store query counts: how many, their sum, how many are ≥ `high` and how many ≤ `low` (null: none counted). */
export type Thresholds = { high: number | null; low: number | null };
export type Tally = { n: number; sum: number; high: number; low: number };
export const EMPTY_TALLY: Tally = { n: 0, sum: 0, high: 0, low: 0 };

/** What the store should count for a question carrying `metric` (a rating's `scale` decides csat's top two boxes). */
export function thresholds(metric: string, question: { scale?: number | undefined }): Thresholds {
  const kind = metricKind(metric);
  if (kind === "nps") return { high: NPS_PROMOTER_MIN, low: NPS_DETRACTOR_MAX };
  if (kind === "csat") return { high: (question.scale ?? 5) - 1, low: null };
  return { high: null, low: null };
}

export function addTallies(a: Tally, b: Tally): Tally {
  return { n: a.n + b.n, sum: a.sum + b.sum, high: a.high + b.high, low: a.low + b.low };
}

/** A client's score from its tally; null without answers. */
export function score(metric: string, t: Tally): number | null {
  if (t.n === 0) return null;
  const kind = metricKind(metric);
  if (kind === "nps") return (100 * (t.high - t.low)) / t.n;
  if (kind === "csat") return (100 * t.high) / t.n;
  return t.sum / t.n;
}

/** The `p` quantile of sorted values, interpolating linearly between neighbours (Hyndman and Fan's type 7, R's and numpy's default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const at = (sorted.length - 1) * p;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

/** One decimal, for what is shown: a score is an estimate, and more digits would only help differencing. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

export type ClientScore = { client: string; score: number | null; responses: number };
export type Aggregate = { clients: number; responses: number; median: number; q1: number; q3: number };
/** What a week's computation found: the clients behind it (sorted) and, when the minimum is met, the aggregate. */
export type Computed = { contributors: string[]; responses: number; aggregate: Aggregate | null };

/** The industry aggregate of these client scores; `aggregate` is null below the minimum. */
export function industryAggregate(scores: readonly ClientScore[]): Computed {
  const counted = scores.filter((s): s is ClientScore & { score: number } => s.score !== null && s.responses > 0);
  const contributors = counted.map((s) => s.client).sort();
  const responses = counted.reduce((n, s) => n + s.responses, 0);
  if (counted.length < MIN_CLIENTS || responses < MIN_RESPONSES) return { contributors, responses, aggregate: null };
  const sorted = counted.map((s) => s.score).sort((a, b) => a - b);
  const aggregate = { clients: counted.length, responses, median: round1(quantile(sorted, 0.5)), q1: round1(quantile(sorted, 0.25)), q3: round1(quantile(sorted, 0.75)) };
  return { contributors, responses, aggregate };
}

/** How many clients are in one set and not the other. */
export function setChange(a: readonly string[], b: readonly string[]): number {
  const [sa, sb] = [new Set(a), new Set(b)];
  return [...sa].filter((c) => !sb.has(c)).length + [...sb].filter((c) => !sa.has(c)).length;
}

export type Decision = { publish: true } | { publish: false; reason: "minimum" | "one-client-change" };

/** The differencing guard (module comment): may this week's aggregate replace the last published one? */
export function publishDecision(computed: Computed, lastPublished: { contributors: readonly string[] } | null): Decision {
  if (!computed.aggregate) return { publish: false, reason: "minimum" };
  if (!lastPublished) return { publish: true };
  const change = setChange(computed.contributors, lastPublished.contributors);
  if (change === 0 || change >= MIN_SET_CHANGE || computed.contributors.length >= MIN_CLIENTS + CLIENT_MARGIN) return { publish: true };
  return { publish: false, reason: "one-client-change" };
}

/** The Monday (UTC, `YYYY-MM-DD`) that starts the calendar week of `at`: a week's aggregate counts the answers before it. */
export function weekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** Why there is no aggregate to show; never a count, which would say how close a small industry is. */
export const NOT_ENOUGH_DATA = `not enough data: an industry aggregate needs answers from at least ${MIN_CLIENTS} clients and ${MIN_RESPONSES} responses, and this industry has fewer so far`;

/** The privacy page's sentence on benchmarks, from the same constants the code uses. */
export const BENCHMARK_PRIVACY_SENTENCE =
  `Industry benchmarks compare a client's score only with a figure aggregated across at least ${MIN_CLIENTS} clients and ${MIN_RESPONSES} responses; ` +
  "no response, contact or client is identifiable in it, and a client sees only its own score beside it.";
