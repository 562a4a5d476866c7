/**
 * Visitor counts in D1 (migrations/0003_visitor_stats.sql, 0008_keyed_hashes_and_visitor_caps.sql).
 *
 * `visitor_stats`: one counter row per (UTC day, dimension, value), with `views` and
 * `visitors` (unique visitors, each counted at their first view of the day). `visitor_seen`:
 * today's seen-set of salted visitor hashes, each with its address's salted hash (`source`),
 * deleted when the day is over, with its salt. `visitor_sources`: today's views per address
 * hash, deleted with the day too.
 *
 * Caps per address and day (core/stats/dimensions.ts): `grantViews` keeps a batch's hits
 * within the views an address may still count, and the claim of new visitors takes at most
 * the visitors an address may still count, so one machine with a new User-Agent per request
 * stays a handful of visitors and a few hundred views.
 *
 * A batch of hits is recorded in one D1 batch (one transaction): the day's new visitors
 * are claimed in the seen-set first, then every counter is upserted in a few statements
 * that credit a visitor only where this batch's claim succeeded. Being one transaction,
 * concurrent consumer runs can never both count the same visitor, and a failed batch
 * counts nothing (the queue retries it whole).
 *
 * Why the seen-set is here and not in KV, decided in the fetch handler: a visitor's views
 * come seconds apart, and KV caches reads, including "no such key", for at least 60 s, so
 * a read-then-write seen-set in KV would count many visitors twice; and a D1 write per
 * view in the fetch handler is what the queue is there to avoid. So the queue message
 * carries the salted daily hash (never the IP or User-Agent), and uniqueness is decided
 * here, exactly, in the same transaction as the counters.
 */
import type { Fold } from "../../core/stats/fold.ts";
import type { Hit, StatsCount } from "../../core/stats/model.ts";
import {
  DAILY_CAPS, MAX_VIEWS_PER_SOURCE, MAX_VISITORS_PER_DAY, MAX_VISITORS_PER_SOURCE, OTHER, type Dimension,
} from "../../core/stats/dimensions.ts";

export type Limits = { caps: Record<Dimension, number>; maxVisitorsPerDay: number; maxVisitorsPerSource: number; maxViewsPerSource: number };
export const LIMITS: Limits = {
  caps: DAILY_CAPS,
  maxVisitorsPerDay: MAX_VISITORS_PER_DAY,
  maxVisitorsPerSource: MAX_VISITORS_PER_SOURCE,
  maxViewsPerSource: MAX_VIEWS_PER_SOURCE,
};

/** Rows per upsert statement: keeps each statement's JSON parameter well under D1's limits. */
const ROWS_PER_STATEMENT = 100;

// ?3: JSON [[visitor, source or null], …] in batch order. Past the day's cap (`?4`, visitors
// already counted today) new visitors count as views only, and so do those past the cap per
// address (`?5`): the address's visitors already seen today plus this batch's new ones before
// it. SQLite evaluates the whole SELECT before inserting, so the counts are those before it.
const CLAIM_VISITORS = `
INSERT INTO visitor_seen (day, visitor, source, claimed_by)
SELECT ?1, c.visitor, c.source, ?2 FROM (
  SELECT n.*, row_number() OVER (PARTITION BY n.source ORDER BY n.ord) AS place FROM (
    SELECT json_extract(h.value, '$[0]') AS visitor, json_extract(h.value, '$[1]') AS source, h.key AS ord
    FROM json_each(?3) h
    WHERE NOT EXISTS (SELECT 1 FROM visitor_seen s WHERE s.day = ?1 AND s.visitor = json_extract(h.value, '$[0]'))
  ) n
) c
WHERE (SELECT coalesce(sum(visitors), 0) FROM visitor_stats WHERE day = ?1 AND dimension = 'total') < ?4
  AND (c.source IS NULL OR (SELECT count(*) FROM visitor_seen s WHERE s.day = ?1 AND s.source = c.source) + c.place <= ?5)
ON CONFLICT (day, visitor) DO NOTHING`;

// ?1: JSON [[day, source, views asked for], …]; ?2: the cap. `granted` is how many of them fit under it.
// In an UPDATE every right-hand side reads the row as it was, so both use the old `views`.
const GRANT_VIEWS = `
INSERT INTO visitor_sources (day, source, views, granted)
SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), min(json_extract(value, '$[2]'), ?2), min(json_extract(value, '$[2]'), ?2)
FROM json_each(?1) WHERE true
ON CONFLICT (day, source) DO UPDATE SET
  granted = min(?2, visitor_sources.views + excluded.views) - visitor_sources.views,
  views = min(?2, visitor_sources.views + excluded.views)
RETURNING day, source, granted`;

// ?1: JSON rows [day, dimension, value, views, [candidate hashes]]; ?2: this batch's claim; ?3: caps by dimension.
// A value already stored that day keeps its row; new values take the free places in order of
// views, and the rest fold into OTHER, so no day ever holds more than cap + 1 rows per dimension.
// The counts are read before the statement writes (SQLite evaluates the whole SELECT first).
const UPSERT_COUNTS = `
WITH incoming AS (
  SELECT json_extract(j.value, '$[0]') AS day, json_extract(j.value, '$[1]') AS dimension,
         json_extract(j.value, '$[2]') AS value, json_extract(j.value, '$[3]') AS views,
         (SELECT count(*) FROM json_each(j.value, '$[4]') h
            JOIN visitor_seen s ON s.day = json_extract(j.value, '$[0]') AND s.visitor = h.value
           WHERE s.claimed_by = ?2) AS visitors
  FROM json_each(?1) j
), marked AS (
  SELECT i.*,
    EXISTS (SELECT 1 FROM visitor_stats s WHERE s.day = i.day AND s.dimension = i.dimension AND s.value = i.value) AS known,
    (SELECT count(*) FROM visitor_stats s WHERE s.day = i.day AND s.dimension = i.dimension AND s.value <> '${OTHER}') AS stored
  FROM incoming i
), ranked AS (
  SELECT m.*, sum(1 - m.known) OVER (PARTITION BY m.day, m.dimension ORDER BY m.known DESC, m.views DESC, m.value ROWS UNBOUNDED PRECEDING) AS fresh
  FROM marked m
)
INSERT INTO visitor_stats (day, dimension, value, views, visitors)
SELECT day, dimension,
       CASE WHEN known OR stored + fresh <= json_extract(?3, '$.' || dimension) THEN value ELSE '${OTHER}' END,
       views, visitors
FROM ranked WHERE true
ON CONFLICT (day, dimension, value) DO UPDATE SET views = views + excluded.views, visitors = visitors + excluded.visitors`;

/**
 * The hits of a batch that fit under the daily view cap of their address (`source`), in
 * order; the rest are dropped. One statement counts and answers at once, so concurrent
 * consumer runs can never both grant the last views. It runs before the batch's
 * transaction: if that transaction then fails and the queue retries, the retried views
 * were already granted once, so a failure can make an address count less that day, never more.
 */
export async function grantViews(db: D1Database, hits: readonly Hit[], today: string, limits: Limits = LIMITS): Promise<Hit[]> {
  const asked = new Map<string, [string, string, number]>();
  for (const h of hits) {
    if (!h.source) continue;
    const key = `${h.day}\n${h.source}`;
    const entry = asked.get(key) ?? [h.day, h.source, 0];
    entry[2]++;
    asked.set(key, entry);
  }
  if (asked.size === 0) return [...hits];
  const [, granted] = await db.batch<{ day: string; source: string; granted: number }>([
    db.prepare("DELETE FROM visitor_sources WHERE day < ?1").bind(today),
    db.prepare(GRANT_VIEWS).bind(JSON.stringify([...asked.values()]), limits.maxViewsPerSource),
  ]);
  const left = new Map(granted!.results.map((r) => [`${r.day}\n${r.source}`, r.granted]));
  return hits.filter((h) => {
    if (!h.source) return true;
    const key = `${h.day}\n${h.source}`;
    const n = left.get(key) ?? 0;
    left.set(key, n - 1);
    return n > 0;
  });
}

/** Folds one batch into the counters; `today` is the consumer's UTC day, whose seen-set is the only one kept. */
export async function recordFold(db: D1Database, fold: Fold, today: string, limits: Limits = LIMITS): Promise<void> {
  const claim = crypto.randomUUID();
  const statements = [db.prepare("DELETE FROM visitor_seen WHERE day < ?1").bind(today), db.prepare("DELETE FROM visitor_sources WHERE day < ?1").bind(today)];
  if (fold.candidates.length) {
    const candidates = JSON.stringify(fold.candidates.map((v) => [v, fold.sources[v] ?? null]));
    statements.push(db.prepare(CLAIM_VISITORS).bind(today, claim, candidates, limits.maxVisitorsPerDay, limits.maxVisitorsPerSource));
  }
  const caps = JSON.stringify(limits.caps);
  for (let i = 0; i < fold.rows.length; i += ROWS_PER_STATEMENT) {
    const rows = fold.rows.slice(i, i + ROWS_PER_STATEMENT).map((r) => [r.day, r.dimension, r.value, r.views, r.candidates]);
    statements.push(db.prepare(UPSERT_COUNTS).bind(JSON.stringify(rows), claim, caps));
  }
  // The claim only marks this batch's new visitors while the transaction runs; it is not kept.
  if (fold.candidates.length) statements.push(db.prepare("UPDATE visitor_seen SET claimed_by = NULL WHERE claimed_by = ?1").bind(claim));
  await db.batch(statements);
}

/** The daily purge: past days' seen-sets, and counts older than the retention period (all of them when there is none). */
export async function purgeVisitorData(db: D1Database, today: string, keepFrom: string | undefined): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM visitor_seen WHERE day < ?1").bind(today),
    db.prepare("DELETE FROM visitor_sources WHERE day < ?1").bind(today),
    keepFrom ? db.prepare("DELETE FROM visitor_stats WHERE day < ?1").bind(keepFrom) : db.prepare("DELETE FROM visitor_stats"),
  ]);
}

export type Count = StatsCount;

export async function dailyTotals(db: D1Database, from: string, to: string): Promise<Map<string, { views: number; visitors: number }>> {
  const { results } = await db
    .prepare("SELECT day, views, visitors FROM visitor_stats WHERE dimension = 'total' AND day BETWEEN ?1 AND ?2")
    .bind(from, to)
    .all<{ day: string; views: number; visitors: number }>();
  return new Map(results.map((r) => [r.day, { views: r.views, visitors: r.visitors }]));
}

/** The `limit` values with most views in each dimension over the days from `from` to `to`. */
export async function topValues(db: D1Database, from: string, to: string, limit: number): Promise<Map<Dimension, Count[]>> {
  const { results } = await db
    .prepare(
      `SELECT dimension, value, views, visitors FROM (
         SELECT dimension, value, sum(views) AS views, sum(visitors) AS visitors,
                row_number() OVER (PARTITION BY dimension ORDER BY sum(views) DESC, value) AS place
         FROM visitor_stats WHERE dimension <> 'total' AND day BETWEEN ?1 AND ?2 GROUP BY dimension, value)
       WHERE place <= ?3 ORDER BY dimension, place`,
    )
    .bind(from, to, limit)
    .all<Count & { dimension: Dimension }>();
  const out = new Map<Dimension, Count[]>();
  for (const { dimension, value, views, visitors } of results) {
    if (!out.has(dimension)) out.set(dimension, []);
    out.get(dimension)!.push({ value, views, visitors });
  }
  return out;
}

/**
 * The path rows under these prefixes (`/s/<id>`, `/papers/<slug>`): the path itself, or
 * it followed by `/` or `?`, so `/s/poll` never matches `/s/poll-2/`.
 */
const UNDER_PREFIXES = `v.dimension = 'path' AND v.day BETWEEN ?1 AND ?2 AND EXISTS (SELECT 1 FROM json_each(?3) p
  WHERE v.value = p.value OR substr(v.value, 1, length(p.value) + 1) IN (p.value || '/', p.value || '?'))`;

/** Views and visitors per day over the paths under `prefixes` only (a client token's totals). */
export async function pathDailyTotals(db: D1Database, from: string, to: string, prefixes: string[]): Promise<Map<string, { views: number; visitors: number }>> {
  const { results } = await db
    .prepare(`SELECT v.day, sum(v.views) AS views, sum(v.visitors) AS visitors FROM visitor_stats v WHERE ${UNDER_PREFIXES} GROUP BY v.day`)
    .bind(from, to, JSON.stringify(prefixes))
    .all<{ day: string; views: number; visitors: number }>();
  return new Map(results.map((r) => [r.day, { views: r.views, visitors: r.visitors }]));
}

/** The `limit` paths under `prefixes` with most views over the days from `from` to `to`. */
export async function topPathsUnder(db: D1Database, from: string, to: string, prefixes: string[], limit: number): Promise<Count[]> {
  const { results } = await db
    .prepare(`SELECT v.value, sum(v.views) AS views, sum(v.visitors) AS visitors FROM visitor_stats v WHERE ${UNDER_PREFIXES} GROUP BY v.value ORDER BY views DESC, v.value LIMIT ?4`)
    .bind(from, to, JSON.stringify(prefixes), limit)
    .all<Count>();
  return results;
}
