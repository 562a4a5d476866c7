/**
 * The check behind `client:` in survey and paper files: the client must be one the
 * config declares, and a file may leave it out only when the config has a default
 * client. The message names what to write, like every other author-facing error.
 *
 * @example
 *   checkClient(config, "nortwind") // { ok: false, message: 'unknown client "nortwind" (did you mean "northwind"?); ...' }
 */
import { clientOf, resolveClient } from "../clients.ts";
import type { CanvassConfig } from "../config.ts";
import { closest } from "./messages.ts";

/** What the check needs of the config: its client list. */
export type ClientRules = Pick<CanvassConfig, "clients">;

export function checkClient(config: ClientRules, declared: string | undefined): { ok: true; client: string } | { ok: false; message: string } {
  const ids = config.clients.map((c) => c.id);
  const client = resolveClient(config, declared);
  if (client === undefined)
    return { ok: false, message: `a client is required: canvass.config.ts declares no default client, so add client: <id> (one of: ${ids.join(", ")})` };
  if (!clientOf(config, client)) {
    const near = closest(client, ids);
    return { ok: false, message: `unknown client "${client}"${near ? ` (did you mean "${near}"?)` : ""}; canvass.config.ts declares: ${ids.join(", ")}` };
  }
  return { ok: true, client };
}
