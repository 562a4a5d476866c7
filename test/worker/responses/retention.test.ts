/**
 * A survey's `retention_days` is how long its responses are kept: the daily cron deletes
 * older ones for that survey only (worker/responses/cron.ts). closed-poll sets 30 days
 * (test/fixtures/surveys/closed-poll.yaml); tiny-poll sets none, so the site's default
 * applies (canvass.config.ts: kept until the owner deletes them).
 */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import site from "../../../canvass.config.ts";
import worker from "../../../worker/index.ts";
import { BATCH } from "../../../worker/responses/cron.ts";
import { rows } from "../helpers.ts";

const DAY = 86_400_000;
const ago = (days: number, from = Date.now()) => new Date(from - days * DAY).toISOString();

async function insert(survey: string, id: string, submittedAt: string): Promise<void> {
  await env.DB.prepare("INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at) VALUES (?1, ?2, 'h', '{}', ?3)").bind(id, survey, submittedAt).run();
}

const runCron = (at: Date) => worker.scheduled(createScheduledController({ scheduledTime: at, cron: "17 3 * * *" }), env);

it("the daily cron deletes a survey's responses older than its retention_days and keeps the younger ones", async () => {
  const now = Date.now();
  await insert("closed-poll", "old-1", ago(31, now));
  await insert("closed-poll", "old-2", ago(400, now));
  await insert("closed-poll", "young", ago(29, now));

  await runCron(new Date(now));

  expect((await rows("closed-poll")).map((r) => r.id)).toEqual(["young"]);
});

it("a survey without retention_days keeps the site's default: old responses of other surveys stay", async () => {
  expect(site.retention.responses).toEqual({ until: "deleted-by-owner" });
  await insert("tiny-poll", "ancient", ago(4000));
  await insert("closed-poll", "old", ago(31));
  await insert("gone-survey", "orphan", ago(4000));

  await runCron(new Date());

  expect((await rows()).map((r) => r.id).sort()).toEqual(["ancient", "orphan"]);
});

it("deletes in bounded batches: more overdue rows than one batch all go", async () => {
  const old = ago(60);
  const values = Array.from({ length: BATCH + 7 }, (_, i) => ({ id: `r${i}`, at: old }));
  await env.DB.prepare(
    "INSERT INTO responses (id, survey_id, definition_hash, answers, submitted_at) SELECT json_extract(value, '$.id'), 'closed-poll', 'h', '{}', json_extract(value, '$.at') FROM json_each(?1)",
  ).bind(JSON.stringify(values)).run();
  await insert("closed-poll", "young", ago(1));

  await runCron(new Date());

  expect((await rows("closed-poll")).map((r) => r.id)).toEqual(["young"]);
});
