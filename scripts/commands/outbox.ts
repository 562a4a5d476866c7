/**
 * `canvass outbox [--limit N] [--to <address>] [--json]`: the mail the local stack
 * "sent" (MAIL_TRANSPORT = outbox), newest first, from GET /api/admin/outbox: who it
 * went to, the subject, and the text with its personal and opt-out links.
 */
import type { OutboxList } from "../../core/api/invitations.ts";
import type { ProblemBody } from "../../core/api/problem.ts";
import { apiTarget } from "../lib/invite-client.ts";
import { readArgs, UsageError, type Command } from "./command.ts";

export const outbox: Command = {
  name: "outbox",
  summary: "read the mail sent by the local stack",
  help: [
    "Usage: canvass outbox [--limit N] [--to <address>] [--json]",
    "",
    "Lists the development outbox, newest first (default 10 messages): date, recipient,",
    "subject and text. --json prints the API's answer as it is.",
    "Talks to CANVASS_URL (else http://127.0.0.1:$PORT when PORT is set, else port 8787)",
    "with CANVASS_TOKEN.",
  ].join("\n"),
  async run(args, io) {
    const { values, positionals } = readArgs(args, { limit: { type: "string" }, to: { type: "string" }, json: { type: "boolean" } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const limit = values.limit === undefined ? 10 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError("--limit is a whole number from 1 to 500");
    let target;
    try {
      target = await apiTarget();
    } catch (e) {
      io.err(`canvass outbox: ${(e as Error).message}`);
      return 1;
    }
    const query = new URLSearchParams({ limit: String(limit), ...(values.to ? { to: values.to } : {}) });
    let res: Response;
    try {
      res = await fetch(`${target.url}/api/admin/outbox?${query}`, { headers: { authorization: `Bearer ${target.token}`, accept: "application/json" } });
    } catch (e) {
      io.err(`canvass outbox: cannot reach ${target.url} (is \`npm start\` running?): ${(e as Error).message}`);
      return 1;
    }
    const body = (await res.json().catch(() => ({}))) as Partial<OutboxList & ProblemBody>;
    if (!res.ok || !body.messages) {
      io.err(`canvass outbox: ${body.error ?? `the server answered ${res.status}`}`);
      return 1;
    }
    if (values.json) {
      io.out(JSON.stringify(body, null, 2));
      return 0;
    }
    if (body.messages.length === 0) io.out("The outbox is empty.");
    for (const m of body.messages) {
      io.out(`── ${m.created_at}  to ${m.to}`);
      io.out(`   Subject: ${m.subject}`);
      for (const line of m.text.split("\n")) io.out(`   ${line}`);
    }
    return 0;
  },
};
