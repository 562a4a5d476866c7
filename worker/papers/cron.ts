/**
 * The daily leads-retention task (worker/cron.ts): deletes leads `retention.leadsDays`
 * (canvass.config.ts, stated on /privacy/) after the person's last request.
 */
import { config } from "../config.ts";
import { purgeLeads } from "./store.ts";

export async function purgeOldLeads(env: Env, now: Date): Promise<void> {
  const deleted = await purgeLeads(env.DB, config(env).retention.leadsDays, now);
  if (deleted) console.log(`leads: deleted ${deleted} past the retention period`);
}
