/**
 * The daily visitor-statistics task (cron, worker/cron.ts): makes tomorrow's salt ahead
 * of time (so no two places ever race to create it), deletes every past day's salt and
 * seen-set, and purges counts older than the retention period in canvass.config.ts.
 */
import { addDays, utcDay } from "../../core/stats/days.ts";
import { config } from "../config.ts";
import { purgeVisitorData } from "./store.ts";
import { deleteSaltsBefore, ensureSalt } from "./visitor.ts";

export async function visitorStatsHousekeeping(env: Env, now: Date): Promise<void> {
  const today = utcDay(now);
  await ensureSalt(env.KV, addDays(today, 1), now.getTime());
  await deleteSaltsBefore(env.KV, today);
  const days = config(env).retention.visitorStatisticsDays;
  await purgeVisitorData(env.DB, today, days === undefined ? undefined : addDays(today, 1 - days));
}
