/** The daily housekeeping tasks run by the cron trigger in wrangler.toml, each independent of the others (worker/index.ts). */
import { rekeyOptouts, sendReminders } from "./invitations/cron.ts";
import { purgeOldLeads } from "./papers/cron.ts";
import { purgeExpiredResponses } from "./responses/cron.ts";
import { visitorStatsHousekeeping } from "./stats/cron.ts";

export type DailyTask = { name: string; run: (env: Env, now: Date) => Promise<void> };

export const dailyTasks: DailyTask[] = [
  { name: "reminders", run: sendReminders },
  { name: "visitor-stats", run: visitorStatsHousekeeping },
  { name: "leads-retention", run: purgeOldLeads },
  { name: "responses-retention", run: purgeExpiredResponses },
  { name: "optout-rekeying", run: rekeyOptouts },
];
