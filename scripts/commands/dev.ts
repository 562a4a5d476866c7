/** `canvass dev`: the same as `npm start` (see scripts/start.ts). */
import { start } from "../start.ts";
import type { Command } from "./command.ts";

export const dev: Command = {
  name: "dev",
  summary: "run the site and the Worker locally with local D1/KV/Queues",
  help: "Usage: canvass dev\n\nBuilds the site, applies the D1 migrations locally, and serves site and Worker on\nhttp://127.0.0.1:8787 (or $PORT), seeding example responses into an empty database.\nThe same as npm start.",
  run: () => start(),
};
