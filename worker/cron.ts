import { sendReminders } from "./invitations/reminders.ts";
import { purgeOldLeads } from "./leads.ts";
import { visitorStatsHousekeeping } from "./stats/housekeeping.ts";

/** The daily housekeeping tasks run by the cron trigger in wrangler.toml, each independent of the others. */
export type DailyTask = { name: string; run: (env: Env, now: Date) => Promise<void> };

export const dailyTasks: DailyTask[] = [
  { name: "reminders", run: sendReminders },
  { name: "visitor-stats", run: visitorStatsHousekeeping },
  { name: "leads-retention", run: purgeOldLeads },
];
