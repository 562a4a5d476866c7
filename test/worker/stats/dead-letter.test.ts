/** Dead-lettered beacons are dropped at once, and nothing of them is stored. */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../../worker/index.ts";
import { describe, expect, it } from "vitest";

describe("the canvass-hits dead-letter queue", () => {
  it("acknowledges every message and writes nothing", async () => {
    // Through the Worker's own queue entry point, so the registration in worker/queues.ts is tested too.
    const batch = createMessageBatch<unknown>("canvass-hits-dlq", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { day: "2026-11-30", path: "/", visitor: "ab".repeat(32) } },
      { id: "m2", timestamp: new Date(), attempts: 1, body: "garbage" },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.ackAll).toBe(true);
    expect(result.retryBatch.retry).toBe(false);
    expect(result.retryMessages).toEqual([]);
    const { results } = await env.DB.prepare("SELECT COUNT(*) AS n FROM visitor_stats").all<{ n: number }>();
    expect(results[0]!.n).toBe(0);
  });
});
