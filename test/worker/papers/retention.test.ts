/** Leads are kept for the period the privacy page states (site.retention.leadsDays), counted from the last request. */
import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import site from "../../../canvass.config.ts";
import worker from "../../../worker/index.ts";
import { ada, leads, requestLink } from "./helpers.ts";

it("the daily cron deletes leads whose last request is older than the retention period, and keeps the rest", async () => {
  const days = site.retention.leadsDays!;
  expect(days).toBeGreaterThan(0);
  await requestLink(ada);
  await requestLink({ ...ada, email: "old@example.com" });
  await requestLink({ ...ada, email: "recent@example.com" });
  const ago = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  await env.DB.prepare("UPDATE leads SET created_at = ?1, last_requested_at = ?1 WHERE email = 'old@example.com'").bind(ago(days + 1)).run();
  // Asked first long ago, but again recently: the clock restarts with each request.
  await env.DB.prepare("UPDATE leads SET created_at = ?1, last_requested_at = ?2 WHERE email = 'recent@example.com'").bind(ago(days + 100), ago(days - 1)).run();

  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "17 3 * * *" }), env);

  expect((await leads()).map((l) => l.email).sort()).toEqual(["Ada@Example.com", "recent@example.com"]);
});

it("the daily cron deletes the rate limit's counts of past hours and keeps this hour's", async () => {
  const hour = Math.floor(Date.now() / 3_600_000);
  await env.DB.prepare("INSERT INTO paper_rate (key, hour, n) VALUES ('old', ?1, 3), ('now', ?2, 1)").bind(hour - 1, hour).run();

  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: "17 3 * * *" }), env);

  const { results } = await env.DB.prepare("SELECT key FROM paper_rate").all<{ key: string }>();
  expect(results.map((r) => r.key)).toEqual(["now"]);
});
