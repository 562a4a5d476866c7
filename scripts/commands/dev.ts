/** `canvass dev`: the same as `npm start` (see scripts/start.ts). */
import { start } from "../start.ts";
import type { Command } from "./command.ts";

export const dev: Command = {
  name: "dev",
  summary: "run the site and the Worker locally with local D1/KV/Queues",
  help: "Usage: canvass dev\n\nBuilds the site, applies the D1 migrations locally, and serves site and Worker on\nhttp://127.0.0.1:8787 (or $PORT), seeding example responses into an empty database.\nA port in use is refused at once: choose another with PORT=8788 (the other commands then\nfind the stack through the same PORT, or set CANVASS_URL). Fire the daily cron with\ncurl http://127.0.0.1:8787/cdn-cgi/local/scheduled (or PORT's). The same as npm start.",
  run: () => start(),
};
