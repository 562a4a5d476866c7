/**
 * The aggregation fold: a batch of hits from the queue becomes one counter row per
 * (day, dimension, value), so a burst of traffic is a handful of upserts, not a write
 * per view. Unique visitors are decided later, against the day's seen-set in D1; the fold
 * only names, per row, the visitor hashes that could be new (each hash's first view in
 * the batch, and only for today: a past day's seen-set is already deleted).
 *
 * @example
 *   foldHits([{ day: "2026-11-30", path: "/", country: "GB", device: "mobile", browser: "Safari", visitor: "h1…" }], "2026-11-30")
 *   // rows: total "", path "/", referrer "", country "GB", device "mobile", browser "Safari": each { views: 1, candidates: ["h1…"] }
 */
import type { Dimension } from "./dimensions.ts";
import type { Hit } from "./model.ts";

export type FoldedRow = {
  day: string;
  dimension: Dimension;
  /** The path, domain, country, class or family; "" for `total` and for a visit with no referrer. */
  value: string;
  views: number;
  /** Visitor hashes whose first view in this batch this was; those not yet in the day's seen-set become unique visitors. */
  candidates: string[];
};

/** `sources`: the address hash each candidate came from, where the hit had one (the per-address visitor cap counts them). */
export type Fold = { rows: FoldedRow[]; candidates: string[]; sources: Record<string, string> };

function valuesOf(hit: Hit): [Dimension, string][] {
  return [["total", ""], ["path", hit.path], ["referrer", hit.referrer ?? ""], ["country", hit.country], ["device", hit.device], ["browser", hit.browser]];
}

export function foldHits(hits: readonly Hit[], today: string): Fold {
  const rows = new Map<string, FoldedRow>();
  const seen = new Set<string>();
  const sources: Record<string, string> = {};
  for (const hit of hits) {
    const first = hit.visitor !== undefined && hit.day === today && !seen.has(hit.visitor);
    if (first) {
      seen.add(hit.visitor!);
      if (hit.source) sources[hit.visitor!] = hit.source;
    }
    for (const [dimension, value] of valuesOf(hit)) {
      const key = JSON.stringify([hit.day, dimension, value]);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { day: hit.day, dimension, value, views: 0, candidates: [] }));
      row.views += 1;
      if (first) row.candidates.push(hit.visitor!);
    }
  }
  return { rows: [...rows.values()], candidates: [...seen], sources };
}
