/**
 * `GET /api/admin/stats?from=YYYY-MM-DD&to=YYYY-MM-DD` (mounted at `/api/admin/stats`, behind
 * the admin bearer check): the visitor counts for a range of UTC days, by default the
 * last 30 days up to today.
 *
 * `days` has every day of the range (zeros included) with its views and unique visitors;
 * the lists give the values with most views over the range, each with views and visitors
 * (visitors are counted at their first view of a day, so a page's visitors are those who
 * started their day there, and sums over several days count a person once per day: the
 * daily salt makes it impossible to recognise anyone across days). An empty referrer is a
 * visit with no referrer from another site; "(other)" gathers what was past a day's cap.
 *
 * A client token (worker/http/scope.ts) gets only the paths of its own surveys (`/s/<id>/…`)
 * and papers (`/papers/<slug>/…`), with totals summed from those paths' rows. Referrers,
 * countries, devices and browsers are counted for the whole site, not per path, so a
 * client token gets them empty rather than other clients' traffic.
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" ':8787/api/admin/stats?from=2026-11-01&to=2026-11-30'
 */
import { Hono } from "hono";
import { addDays, daysBetween, daysFrom, utcDay } from "../../core/stats/days.ts";
import { isDay } from "../../core/days.ts";
import type { StatsReport } from "../../core/stats/model.ts";
import { config } from "../config.ts";
import type { AdminEnv, Caller } from "../http/auth.ts";
import { Problem } from "../http/problems.ts";
import { readablePapers, readableSurveys } from "../http/scope.ts";
import { dailyTotals, pathDailyTotals, topPathsUnder, topValues, type Count } from "./store.ts";

const DEFAULT_DAYS = 30;
const MAX_DAYS = 731;
const TOP = 50;

/** Visitor counts began long after 2000; the bound keeps every day the range reaches writable. */
const FIRST_YEAR = "2000";
const LAST_YEAR = "2999";

function dayParam(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!isDay(value)) throw new Problem(400, `${name} must be a day as YYYY-MM-DD.`);
  if (value < FIRST_YEAR || value.slice(0, 4) > LAST_YEAR) throw new Problem(400, `${name} must be a day in the years ${FIRST_YEAR} to ${LAST_YEAR}.`);
  return value;
}

type Counted = { totals: Map<string, { views: number; visitors: number }>; top: Map<string, Count[]> };

/** The whole site's counts (the owner), or only those of the caller's own surveys' and papers' paths. */
async function countsFor(env: Env, caller: Caller, from: string, to: string): Promise<Counted> {
  if (caller.kind === "owner") {
    const [totals, top] = await Promise.all([dailyTotals(env.DB, from, to), topValues(env.DB, from, to, TOP)]);
    return { totals, top };
  }
  const prefixes = [...(await readableSurveys(env, caller)).map((s) => `/s/${s.id}`), ...readablePapers(caller).map((p) => `/papers/${p.slug}`)];
  if (prefixes.length === 0) return { totals: new Map(), top: new Map() };
  const [totals, pages] = await Promise.all([pathDailyTotals(env.DB, from, to, prefixes), topPathsUnder(env.DB, from, to, prefixes, TOP)]);
  return { totals, top: new Map([["path", pages]]) };
}

export const statsAdmin = new Hono<AdminEnv>();

statsAdmin.get("/", async (c) => {
  const to = dayParam("to", c.req.query("to")) ?? utcDay(Date.now());
  const from = dayParam("from", c.req.query("from")) ?? addDays(to, 1 - DEFAULT_DAYS);
  if (from > to) throw new Problem(400, "from must not be after to.");
  if (daysBetween(from, to) + 1 > MAX_DAYS) throw new Problem(400, `Ask for at most ${MAX_DAYS} days at a time.`);
  const days = daysFrom(from, to);

  const { totals, top } = await countsFor(c.env, c.get("caller"), from, to);
  const series = days.map((day) => ({ day, views: totals.get(day)?.views ?? 0, visitors: totals.get(day)?.visitors ?? 0 }));
  const report: StatsReport = {
    from,
    to,
    retention_days: config(c.env).retention.visitorStatisticsDays ?? null,
    totals: series.reduce((sum, d) => ({ views: sum.views + d.views, visitors: sum.visitors + d.visitors }), { views: 0, visitors: 0 }),
    days: series,
    pages: top.get("path") ?? [],
    referrers: top.get("referrer") ?? [],
    countries: top.get("country") ?? [],
    devices: top.get("device") ?? [],
    browsers: top.get("browser") ?? [],
  };
  return c.json(report);
});
