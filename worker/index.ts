/**
 * Worker entry: HTTP through the Hono app; queue consumers and the daily cron are
 * added by the features that need them (invitations, visitor statistics).
 */
import { app } from "./app.ts";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
