/**
 * The papers' daily tasks (worker/cron.ts): deletes leads `retention.leadsDays`
 * (canvass.config.ts, stated on /privacy/) after the person's last request, and the
 * form guards' rows that no longer count (guards.ts: request counts of past hours, used tickets that have expired).
 */
import { config } from "../config.ts";
import { purgeGuards, purgeLeads } from "./store.ts";

export async function purgeOldLeads(env: Env, now: Date): Promise<void> {
  const deleted = await purgeLeads(env.DB, config(env).retention.leadsDays, now);
  if (deleted) console.log(`leads: deleted ${deleted} past the retention period`);
  await purgeGuards(env.DB, Math.floor(now.getTime() / 3_600_000), Math.floor(now.getTime() / 1000));
}
