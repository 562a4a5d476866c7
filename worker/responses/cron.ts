/**
 * The responses' daily task (worker/cron.ts): deletes each survey's responses older than
 * its retention period. A survey file's `retention_days` sets the period for that survey;
 * without it, canvass.config.ts `retention.responses` applies (`{ days }`, or kept until
 * the owner deletes them). The privacy page states the same values (site/lib/legal.ts),
 * so what respondents are told is what this deletes.
 *
 * Deleting is bounded: batches of `BATCH` rows, at most `MAX_BATCHES` per survey and day;
 * a survey with more overdue rows than that is caught up on the following days.
 *
 * @example
 *   await purgeExpiredResponses(env, new Date()); // logs "responses: deleted 12 of closed-poll (kept 30 days)"
 */
import { findSurvey } from "../catalog.ts";
import { config } from "../config.ts";
import { deleteResponsesBefore, surveysWithResponses } from "./store.ts";

export const BATCH = 500;
export const MAX_BATCHES = 40;
const DAY_MS = 86_400_000;

/** Days a survey's responses are kept: its own `retention_days`, else the site's default; undefined keeps them. */
export async function retentionDaysOf(env: Env, surveyId: string): Promise<number | undefined> {
  const entry = await findSurvey(env, surveyId);
  const own = entry && "survey" in entry ? entry.survey.retention_days : undefined;
  return own ?? config(env).retention.responsesDays;
}

/** Deletes one survey's responses submitted before `cutoff`, batch by batch; answers how many went. */
async function purgeSurvey(db: D1Database, surveyId: string, cutoff: string): Promise<number> {
  let deleted = 0;
  for (let round = 0; round < MAX_BATCHES; round++) {
    const n = await deleteResponsesBefore(db, surveyId, cutoff, BATCH);
    deleted += n;
    if (n < BATCH) break;
  }
  return deleted;
}

export async function purgeExpiredResponses(env: Env, now: Date): Promise<void> {
  for (const surveyId of await surveysWithResponses(env.DB)) {
    const days = await retentionDaysOf(env, surveyId);
    if (days === undefined) continue;
    const deleted = await purgeSurvey(env.DB, surveyId, new Date(now.getTime() - days * DAY_MS).toISOString());
    if (deleted) console.log(`responses: deleted ${deleted} of ${surveyId} (kept ${days} days)`);
  }
}
