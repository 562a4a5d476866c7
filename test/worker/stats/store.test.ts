/**
 * The D1 side of visitor counting, driven directly with folds: uniqueness against the
 * seen-set, the daily caps on distinct values, and the retention purge. Small limits stand
 * in for the real ones so that a cap is reached in a few rows.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { foldHits } from "../../../core/stats/fold.ts";
import type { Hit } from "../../../core/stats/model.ts";
import { LIMITS, purgeVisitorData, recordFold, type Limits } from "../../../worker/stats/store.ts";

const TODAY = "2026-11-30";
const hit = (over: Partial<Hit> = {}): Hit => ({ day: TODAY, path: "/", country: "GB", device: "desktop", browser: "Firefox", ...over });
const visitor = (n: number) => `visitor-hash-${String(n).padStart(9, "0")}`;
const record = (hits: Hit[], limits: Limits = LIMITS) => recordFold(env.DB, foldHits(hits, TODAY), TODAY, limits);

async function counts(dimension: string, day = TODAY) {
  const { results } = await env.DB.prepare("SELECT value, views, visitors FROM visitor_stats WHERE day = ?1 AND dimension = ?2 ORDER BY value").bind(day, dimension).all<{ value: string; views: number; visitors: number }>();
  return results;
}

describe("recording folded hits", () => {
  it("counts a visitor once a day, however many batches their views arrive in", async () => {
    await record([hit({ visitor: visitor(1) }), hit({ path: "/a/", visitor: visitor(1) })]);
    await record([hit({ path: "/a/", visitor: visitor(1) }), hit({ visitor: visitor(2) })]);
    expect(await counts("total")).toEqual([{ value: "", views: 4, visitors: 2 }]);
    expect(await counts("path")).toEqual([{ value: "/", views: 2, visitors: 2 }, { value: "/a/", views: 2, visitors: 0 }]);
    const seen = await env.DB.prepare("SELECT claimed_by FROM visitor_seen").all<{ claimed_by: string | null }>();
    expect(seen.results).toEqual([{ claimed_by: null }, { claimed_by: null }]);
  });

  it("keeps at most the cap of distinct values a day and counts the rest as (other)", async () => {
    const limits: Limits = { ...LIMITS, caps: { ...LIMITS.caps, path: 3, referrer: 2 } };
    await record([hit({ path: "/1/" }), hit({ path: "/2/" }), hit({ path: "/2/" })], limits);
    await record([hit({ path: "/3/" }), hit({ path: "/4/" }), hit({ path: "/4/" }), hit({ path: "/5/" }), hit({ path: "/1/" })], limits);
    await record(Array.from({ length: 40 }, (_, i) => hit({ path: `/flood/${i}/`, referrer: `spam${i}.example` })), limits);
    const paths = await counts("path");
    expect(paths.map((r) => r.value)).toEqual(["(other)", "/1/", "/2/", "/4/"]);
    expect(paths.find((r) => r.value === "/1/")!.views).toBe(2);
    expect(paths.find((r) => r.value === "(other)")!.views).toBe(42);
    expect(paths.reduce((n, r) => n + r.views, 0)).toBe(48);
    expect((await counts("referrer")).length).toBe(3); // "", one spam domain, (other)
    // Another day has its own places.
    await record([hit({ day: "2026-11-29", path: "/new/" })], limits);
    expect((await counts("path", "2026-11-29")).map((r) => r.value)).toEqual(["/new/"]);
  });

  it("stops adding to the seen-set past the daily visitor limit; views still count", async () => {
    const limits: Limits = { ...LIMITS, maxVisitorsPerDay: 3 };
    await record([1, 2, 3].map((n) => hit({ visitor: visitor(n) })), limits);
    await record([4, 5].map((n) => hit({ visitor: visitor(n) })), limits);
    expect(await counts("total")).toEqual([{ value: "", views: 5, visitors: 3 }]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM visitor_seen").first<{ n: number }>())!.n).toBe(3);
  });

  it("forgets past days' seen-sets at the next batch", async () => {
    await recordFold(env.DB, foldHits([hit({ day: "2026-11-29", visitor: visitor(1) })], "2026-11-29"), "2026-11-29");
    await record([hit({ visitor: visitor(2) })]);
    const { results } = await env.DB.prepare("SELECT day FROM visitor_seen").all<{ day: string }>();
    expect(results).toEqual([{ day: TODAY }]);
  });

  it("the purge deletes counts older than the kept period, and all of them when none is kept", async () => {
    await record([hit({ day: "2025-01-01" }), hit({ day: "2026-11-01" }), hit()]);
    await purgeVisitorData(env.DB, TODAY, "2026-10-31");
    expect((await env.DB.prepare("SELECT DISTINCT day FROM visitor_stats ORDER BY day").all<{ day: string }>()).results.map((r) => r.day)).toEqual(["2026-11-01", TODAY]);
    await purgeVisitorData(env.DB, TODAY, undefined);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM visitor_stats").first<{ n: number }>())!.n).toBe(0);
  });
});
