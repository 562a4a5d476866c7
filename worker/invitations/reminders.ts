/**
 * The daily reminders task (worker/cron.ts). For each survey whose file sets
 * `reminders: {count: N, every_days: M}`, every invitation that has been sent, is not
 * answered, and whose address has not opted out gets its next reminder once the last
 * email to it went out at least M calendar days (UTC) ago, up to N reminders. The
 * reminders are delivery rows (rounds 1..N), made with one statement per survey and
 * enqueued by the sweep, which also picks up any invitation an upload failed to queue.
 *
 * Running twice on the same day makes nothing twice: a round exists once per
 * invitation (primary key), and the consumer claims each delivery once.
 */
import { availability } from "../../core/availability.ts";
import { Problem } from "../problems.ts";
import { findSurvey } from "../surveys.ts";
import { sweep } from "./enqueue.ts";

/** Calendar day (UTC) `days` before `now`, as YYYY-MM-DD. */
export function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86400_000).toISOString().slice(0, 10);
}

export async function scheduleReminders(env: Env, now: Date): Promise<number> {
  const { results: surveys } = await env.DB.prepare("SELECT DISTINCT survey_id FROM invitations WHERE answered_at IS NULL").all<{ survey_id: string }>();
  let made = 0;
  for (const { survey_id } of surveys) {
    let settings;
    try {
      const entry = await findSurvey(env, survey_id);
      if (!("survey" in entry) || !availability(entry.survey, now).open) continue;
      settings = entry.survey.reminders;
    } catch (e) {
      if (e instanceof Problem) continue; // no longer published
      throw e;
    }
    if (!settings) continue;
    const stamp = now.toISOString();
    const r = await env.DB.prepare(
      `INSERT INTO deliveries (invitation_id, round, status, created_at, updated_at)
       SELECT d.invitation_id, d.round + 1, 'queued', ?2, ?2
       FROM deliveries d JOIN invitations i ON i.id = d.invitation_id JOIN contacts c ON c.id = i.contact_id
       WHERE i.survey_id = ?1 AND i.answered_at IS NULL
         AND d.status = 'sent' AND substr(d.sent_at, 1, 10) <= ?3 AND d.round < ?4
         AND d.round = (SELECT max(round) FROM deliveries last WHERE last.invitation_id = d.invitation_id)
         AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.address_hash = c.address_hash)
       ON CONFLICT DO NOTHING`,
    )
      .bind(survey_id, stamp, dayBefore(now, settings.every_days), settings.count)
      .run();
    made += r.meta.changes;
  }
  return made;
}

/** The cron entry: make today's reminders, then enqueue everything waiting. */
export async function sendReminders(env: Env, now: Date): Promise<void> {
  const made = await scheduleReminders(env, now);
  const queued = await sweep(env, now);
  if (made || queued) console.log(`reminders: ${made} due, ${queued} deliveries queued`);
}
