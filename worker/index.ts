/**
 * Worker entry: HTTP through the Hono app, queue batches to the consumer registered
 * for their queue (queues.ts), and the daily cron to each housekeeping task (cron.ts).
 */
import { app } from "./app.ts";
import { dailyTasks } from "./cron.ts";
import { queueConsumers } from "./queues.ts";

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    const consume = queueConsumers[batch.queue];
    if (!consume) {
      console.warn(`no consumer for queue ${batch.queue}; retrying ${batch.messages.length} messages`);
      batch.retryAll();
      return;
    }
    await consume(batch, env, ctx);
  },
  async scheduled(controller, env) {
    const now = new Date(controller.scheduledTime);
    // One failing task must not stop the others; each reports its own failure.
    const results = await Promise.allSettled(dailyTasks.map((t) => t.run(env, now)));
    results.forEach((r, i) => {
      if (r.status === "rejected") console.error(`daily task ${dailyTasks[i]!.name} failed`, r.reason);
    });
  },
} satisfies ExportedHandler<Env>;
