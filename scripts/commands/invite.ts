/**
 * `canvass invite <survey> <contacts.csv> --source client|panel --client <name> [--wave N]`:
 * uploads a contact list to POST /api/admin/surveys/<survey>/invitations in chunks
 * (scripts/lib/invite-client.ts), showing progress, then prints what was accepted,
 * rejected (with file row and reason), suppressed (opted out before) and already invited.
 * The Worker queues the invitations; the queue consumer sends them.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ContactListError } from "../../core/contacts.ts";
import { apiTarget, UploadError, uploadList, type Progress } from "../lib/invite-client.ts";
import { readArgs, UsageError, type Command } from "./command.ts";

const USAGE = "canvass invite <survey> <contacts.csv> --source client|panel --client <name> [--wave N]";

function progressLine(p: Progress): string {
  const pct = p.total ? Math.floor((p.sent / p.total) * 100) : 100;
  return `${String(pct).padStart(3)}%  ${p.sent}/${p.total} rows  accepted ${p.accepted}  rejected ${p.rejected}  suppressed ${p.suppressed}  already invited ${p.alreadyInvited}`;
}

export const invite: Command = {
  name: "invite",
  summary: "send invitations to a list of contacts",
  help: [
    `Usage: ${USAGE}`,
    "",
    "Uploads a CSV contact list and queues one invitation per contact for the survey.",
    "Columns: email (required), then name, company, location, and any custom columns,",
    "which become {{fields}} for the invitation template. Delimiter , ; tab or | (detected).",
    "An optional language column invites each contact in one of the survey's languages",
    "(empty: its default); a list naming another is refused, row by row.",
    "",
    "Options:",
    "  --source client|panel  where the addresses come from (required)",
    "  --client <name>        the client the list belongs to (required)",
    "  --wave <N>             the wave of invitations (default 1); a contact is invited once per wave",
    "",
    "Talks to CANVASS_URL (else http://127.0.0.1:$PORT when PORT is set, else port 8787)",
    "with CANVASS_TOKEN (default: the",
    "admin token in .dev.vars). Addresses that opted out are never invited.",
  ].join("\n"),
  async run(args, io) {
    const { values, positionals } = readArgs(args, { source: { type: "string" }, client: { type: "string" }, wave: { type: "string" } });
    const [survey, file, ...extra] = positionals;
    if (!survey || !file || extra.length) throw new UsageError(`expected a survey id and a CSV file: ${USAGE}`);
    if (values.source !== "client" && values.source !== "panel") throw new UsageError("--source is required: client (the client's own customers) or panel (an opt-in panel)");
    if (!values.client?.trim()) throw new UsageError("--client is required: the client the list belongs to");
    let csv: string;
    try {
      csv = await readFile(resolve(io.cwd, file), "utf8");
    } catch (e) {
      io.err(`canvass invite: cannot read ${file}: ${(e as Error).message}`);
      return 1;
    }
    const interactive = process.stderr.isTTY;
    try {
      const target = await apiTarget();
      const summary = await uploadList({
        ...target,
        survey,
        csv,
        source: values.source,
        client: values.client,
        wave: values.wave,
        onProgress: (p) => (interactive ? process.stderr.write(`\r${progressLine(p)}`) : io.err(progressLine(p))),
      });
      if (interactive) process.stderr.write("\n");
      io.out(`${survey}: ${summary.accepted} invited, ${summary.rejected} rejected, ${summary.suppressed} opted out earlier, ${summary.alreadyInvited} already invited (${summary.queued} queued for sending)`);
      for (const r of summary.rejectedRows.slice(0, 50)) io.out(`  row ${r.row}: ${r.reason}${r.email ? ` (${r.email})` : ""}`);
      if (summary.rejectedRows.length > 50) io.out(`  … and ${summary.rejectedRows.length - 50} more rejected rows`);
      if (summary.pending) io.err(`${summary.pending} invitations are stored but not yet queued; run the same command again (or they are queued by the daily sweep).`);
      return 0;
    } catch (e) {
      if (interactive) process.stderr.write("\n");
      if (e instanceof UploadError && e.rows.length) {
        io.err(`canvass invite: ${file}: the server refused the list, storing nothing of the refused part:`);
        for (const r of e.rows.slice(0, 50)) io.err(`${file}:${r.row}: ${r.message}`);
        if (e.rows.length > 50) io.err(`… and ${e.rows.length - 50} more rows`);
        return 1;
      }
      if (e instanceof ContactListError || e instanceof UploadError) {
        io.err(`canvass invite: ${e.message}`);
        return 1;
      }
      if (e instanceof Error && /admin token/.test(e.message)) {
        io.err(`canvass invite: ${e.message}`);
        return 1;
      }
      throw e;
    }
  },
};
