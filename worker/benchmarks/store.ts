/**
 * Industry benchmarks in D1: all of the feature's SQL. Answers are counted in SQL (one
 * statement for every survey question that carries the metric), so no response leaves
 * the database; what comes back is a tally per question. Snapshots
 * (migrations/0007_benchmarks.sql) keep each week's decision, so every request of a week
 * serves the same figures.
 */
import type { Tally, Thresholds } from "../../core/results/benchmarks.ts";

/** One survey question carrying the metric, with what to count of its answers. */
export type TallySource = { survey: string; question: string } & Thresholds;

/**
 * The tally of each source's numeric answers submitted before `before` (ISO time), in
 * the order of `sources`. A question a respondent never saw has no answer and is not counted.
 */
export async function tallies(db: D1Database, sources: readonly TallySource[], before: string): Promise<Tally[]> {
  if (sources.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT i, count(v) AS n, total(v) AS sum, coalesce(sum(v >= high), 0) AS high, coalesce(sum(v <= low), 0) AS low FROM (
         SELECT src.key AS i, json_extract(src.value, '$.high') AS high, json_extract(src.value, '$.low') AS low,
                CASE WHEN json_type(r.answers, '$.' || json_extract(src.value, '$.question')) IN ('integer', 'real')
                     THEN json_extract(r.answers, '$.' || json_extract(src.value, '$.question')) END AS v
         FROM json_each(?1) src JOIN responses r ON r.survey_id = json_extract(src.value, '$.survey') AND r.submitted_at < ?2
       ) GROUP BY i`,
    )
    .bind(JSON.stringify(sources), before)
    .all<{ i: number; n: number; sum: number; high: number; low: number }>();
  const byIndex = new Map(results.map((r) => [r.i, r]));
  return sources.map((_, i) => {
    const r = byIndex.get(i);
    return r ? { n: r.n, sum: r.sum, high: r.high, low: r.low } : { n: 0, sum: 0, high: 0, low: 0 };
  });
}

export type Snapshot = {
  metric: string;
  industry: string;
  week: string;
  contributors: string[];
  responses: number;
  published: boolean;
  stats: { clients: number; median: number; q1: number; q3: number } | null;
};

type SnapshotRow = { metric: string; industry: string; week: string; contributors: string; responses: number; published: number; clients: number | null; median: number | null; q1: number | null; q3: number | null };

function toSnapshot(r: SnapshotRow): Snapshot {
  const stats = r.published === 1 && r.clients !== null && r.median !== null && r.q1 !== null && r.q3 !== null ? { clients: r.clients, median: r.median, q1: r.q1, q3: r.q3 } : null;
  return { metric: r.metric, industry: r.industry, week: r.week, contributors: JSON.parse(r.contributors) as string[], responses: r.responses, published: r.published === 1, stats };
}

/** The snapshot of that week, if it has been computed. */
export async function weekSnapshot(db: D1Database, metric: string, industry: string, week: string): Promise<Snapshot | null> {
  const row = await db.prepare("SELECT * FROM benchmark_snapshots WHERE metric = ?1 AND industry = ?2 AND week = ?3").bind(metric, industry, week).first<SnapshotRow>();
  return row ? toSnapshot(row) : null;
}

/** The newest published snapshot of a week before or equal to `week`. */
export async function lastPublished(db: D1Database, metric: string, industry: string, week: string): Promise<Snapshot | null> {
  const row = await db
    .prepare("SELECT * FROM benchmark_snapshots WHERE metric = ?1 AND industry = ?2 AND week <= ?3 AND published = 1 ORDER BY week DESC LIMIT 1")
    .bind(metric, industry, week)
    .first<SnapshotRow>();
  return row ? toSnapshot(row) : null;
}

/** Stores a week's snapshot once: the first computation of a week wins, so two requests racing agree. */
export async function saveSnapshot(db: D1Database, s: Snapshot, now: Date): Promise<void> {
  await db
    .prepare(
      `INSERT INTO benchmark_snapshots (metric, industry, week, contributors, responses, published, clients, median, q1, q3, computed_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING`,
    )
    .bind(s.metric, s.industry, s.week, JSON.stringify(s.contributors), s.responses, s.published ? 1 : 0, s.stats?.clients ?? null, s.stats?.median ?? null, s.stats?.q1 ?? null, s.stats?.q3 ?? null, now.toISOString())
    .run();
}
