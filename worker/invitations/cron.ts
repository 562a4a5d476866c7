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
import { lookupSurvey } from "../catalog.ts";
import { sweep } from "./enqueue.ts";
import { suppressionHashOf } from "./links.ts";
import {
  contactsWithoutSuppressionHash, createReminders, rekeyKnownSuppressions, setSuppressionHashes, surveysAwaitingAnswers,
} from "./store.ts";

/** Calendar day (UTC) `days` before `now`, as YYYY-MM-DD. */
function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86400_000).toISOString().slice(0, 10);
}

async function scheduleReminders(env: Env, now: Date): Promise<number> {
  let made = 0;
  for (const surveyId of await surveysAwaitingAnswers(env.DB)) {
    // A survey no longer published, a draft or one past its dates sends no reminders.
    const found = await lookupSurvey(env, surveyId, now);
    const settings = found.state === "open" ? found.published.survey.reminders : undefined;
    if (!settings) continue;
    made += await createReminders(env.DB, surveyId, { now: now.toISOString(), sentBy: dayBefore(now, settings.every_days), count: settings.count });
  }
  return made;
}

/** The cron entry: make today's reminders, then enqueue everything waiting. */
export async function sendReminders(env: Env, now: Date): Promise<void> {
  const made = await scheduleReminders(env, now);
  const queued = await sweep(env, now);
  if (made || queued) console.log(`reminders: ${made} due, ${queued} deliveries queued`);
}

/** Contacts keyed per round, and rounds per day: what is left waits for the next day. */
const KEYING_ROUND = 500;
const KEYING_ROUNDS = 40;

/**
 * The daily re-keying of opt-outs (migration 0008, store.ts): gives contacts stored
 * before the keyed suppression hash theirs (from the address they hold), then replaces
 * every unkeyed opt-out of an address held as a contact by its keyed hash.
 */
export async function rekeyOptouts(env: Env): Promise<void> {
  for (let round = 0; round < KEYING_ROUNDS; round++) {
    const contacts = await contactsWithoutSuppressionHash(env.DB, KEYING_ROUND);
    if (contacts.length === 0) break;
    await setSuppressionHashes(env.DB, await Promise.all(contacts.map(async (c) => ({ id: c.id, hash: await suppressionHashOf(env, c.email) }))));
  }
  const rekeyed = await rekeyKnownSuppressions(env.DB);
  if (rekeyed) console.log(`opt-outs: ${rekeyed} re-keyed`);
}
