/**
 * The benchmarks API's shape, `GET /api/admin/benchmarks/<metric>[?client=<id>]`
 * (worker/benchmarks/admin.ts): the caller's own score beside its industry's aggregate.
 * Nothing in it names or counts another client's answers, contacts or identity: the
 * aggregate is a median and quartiles across at least 5 clients (core/results/benchmarks.ts).
 *
 * @example
 *   {"metric": "nps", "client": "northwind", "industry": "retail",
 *    "own": {"score": 42.5, "responses": 120},
 *    "aggregate": {"week": "2026-11-30", "clients": 6, "responses": 640, "median": 31.2, "q1": 12.5, "q3": 48}}
 */

/** The caller's own score over all of its answers so far (null with none). */
export type OwnScore = { score: number | null; responses: number };

/** A published industry aggregate, computed from the answers before `week` (a Monday, UTC) began. */
export type IndustryAggregate = { week: string; clients: number; responses: number; median: number; q1: number; q3: number };

export type BenchmarkReport = {
  metric: string;
  client: string;
  industry: string;
  own: OwnScore;
} & ({ aggregate: IndustryAggregate } | { aggregate: null; reason: string });
