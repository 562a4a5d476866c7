/**
 * `GET /api/admin/benchmarks/<metric>[?client=<id>]` (behind the admin bearer check,
 * worker/app.ts): the caller's own score for a metric beside its industry's aggregate
 * (core/results/benchmarks.ts has the arithmetic and the differencing rule). A client's
 * token compares its own client (`?client=` may name only itself); the owner's token
 * names the client with `?client=`. Another client's id is answered like an unknown one.
 *
 * The aggregate of a week is computed on the first request of that week from the answers
 * before it began, stored (store.ts), and served to everyone until the next week; when
 * the guard holds a week back, the last published week is served, or "not enough data".
 * Never in the answer: another client's name, id, score or answers.
 *
 * @example
 *   curl -H "Authorization: Bearer $NORTHWIND_TOKEN" :8787/api/admin/benchmarks/nps
 *   // {"metric": "nps", "client": "northwind", "industry": "retail", "own": {"score": 42.5, "responses": 120},
 *   //  "aggregate": null, "reason": "not enough data: ..."}
 */
import { Hono, type Context } from "hono";
import type { BenchmarkReport, IndustryAggregate, OwnScore } from "../../core/api/benchmarks.ts";
import {
  addTallies, EMPTY_TALLY, industryAggregate, isMetricName, NOT_ENOUGH_DATA, publishDecision, round1, score, thresholds, weekOf, type Tally,
} from "../../core/results/benchmarks.ts";
import type { AdminEnv } from "../http/auth.ts";
import { Problem } from "../http/problems.ts";
import { catalogDirectory, type BenchmarkDirectory, type BenchmarkQuestion } from "./directory.ts";
import { lastPublished, saveSnapshot, tallies, weekSnapshot, type Snapshot } from "./store.ts";

type Industry = { metric: string; industry: string; questions: BenchmarkQuestion[] };

/** The client the caller compares: its own for a client token, `?client=` for the owner; another client's is unknown. */
function comparedClient(c: Context<AdminEnv>, directory: BenchmarkDirectory) {
  const caller = c.get("caller");
  const asked = c.req.query("client");
  if (caller.kind === "owner" && asked === undefined) throw new Problem(422, "Name the client to compare with ?client=<id>: the owner's token sees every client.");
  const id = asked ?? (caller.kind === "client" ? caller.client : "");
  const client = directory.clients.find((x) => x.id === id);
  if (!client || (caller.kind === "client" && caller.client !== id)) throw new Problem(404, `There is no client "${id.slice(0, 40)}".`);
  return client;
}

async function tallyByClient(db: D1Database, metric: string, questions: BenchmarkQuestion[], before: string): Promise<Map<string, Tally>> {
  const counted = await tallies(db, questions.map((q) => ({ survey: q.survey, question: q.question, ...thresholds(metric, q) })), before);
  const byClient = new Map<string, Tally>();
  questions.forEach((q, i) => byClient.set(q.client, addTallies(byClient.get(q.client) ?? EMPTY_TALLY, counted[i]!)));
  return byClient;
}

/** This week's snapshot, computed and stored on the week's first request. */
async function thisWeek(db: D1Database, x: Industry, now: Date): Promise<Snapshot> {
  const week = weekOf(now);
  const stored = await weekSnapshot(db, x.metric, x.industry, week);
  if (stored) return stored;
  const byClient = await tallyByClient(db, x.metric, x.questions, `${week}T00:00:00.000Z`);
  const computed = industryAggregate([...byClient].map(([client, t]) => ({ client, score: score(x.metric, t), responses: t.n })));
  const decision = publishDecision(computed, await lastPublished(db, x.metric, x.industry, week));
  const { aggregate } = computed;
  const snapshot: Snapshot = {
    metric: x.metric, industry: x.industry, week, contributors: computed.contributors, responses: computed.responses, published: decision.publish,
    stats: decision.publish && aggregate ? { clients: aggregate.clients, median: aggregate.median, q1: aggregate.q1, q3: aggregate.q3 } : null,
  };
  await saveSnapshot(db, snapshot, now);
  // Another request may have stored the week first: serve what is stored, so both agree.
  return (await weekSnapshot(db, x.metric, x.industry, week)) ?? snapshot;
}

async function servedAggregate(db: D1Database, x: Industry, now: Date): Promise<IndustryAggregate | null> {
  const week = await thisWeek(db, x, now);
  const served = week.published ? week : await lastPublished(db, x.metric, x.industry, week.week);
  if (!served?.stats) return null;
  return { week: served.week, clients: served.stats.clients, responses: served.responses, median: served.stats.median, q1: served.stats.q1, q3: served.stats.q3 };
}

async function ownScore(db: D1Database, metric: string, questions: BenchmarkQuestion[], now: Date): Promise<OwnScore> {
  const tally = [...(await tallyByClient(db, metric, questions, now.toISOString())).values()].reduce(addTallies, EMPTY_TALLY);
  const own = score(metric, tally);
  return { score: own === null ? null : round1(own), responses: tally.n };
}

/** The routes with their sources of clients and questions, and a clock (tests stand in their own). */
export function benchmarksAdminWith(directory: BenchmarkDirectory, clock: () => Date = () => new Date()) {
  const routes = new Hono<AdminEnv>();
  routes.get("/:metric", async (c) => {
    const metric = c.req.param("metric");
    if (!isMetricName(metric)) throw new Problem(404, `There is no benchmark called "${metric.slice(0, 40)}": benchmarks are nps, csat or a metric name in lowercase letters, digits and dashes.`);
    const client = comparedClient(c, directory);
    const now = clock();
    const peers = new Set(directory.clients.filter((x) => x.industry === client.industry).map((x) => x.id));
    const questions = await directory.questions(c.env, metric, peers);
    const [own, aggregate] = await Promise.all([
      ownScore(c.env.DB, metric, questions.filter((q) => q.client === client.id), now),
      servedAggregate(c.env.DB, { metric, industry: client.industry, questions }, now),
    ]);
    const head = { metric, client: client.id, industry: client.industry, own };
    c.header("cache-control", "no-store");
    return c.json((aggregate ? { ...head, aggregate } : { ...head, aggregate: null, reason: NOT_ENOUGH_DATA }) satisfies BenchmarkReport);
  });
  return routes;
}

export const benchmarksAdmin = benchmarksAdminWith(catalogDirectory);
