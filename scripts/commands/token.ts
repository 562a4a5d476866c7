/**
 * `canvass token create|list|revoke`: client tokens for the admin API. A client token
 * sees only its client's surveys, responses, contacts, leads and visitor counts
 * (worker/http/scope.ts); the owner's CANVASS_ADMIN_TOKEN sees every client.
 *
 * The token is printed once and never stored: D1 keeps its SHA-256 (core/clients.ts).
 * The statements (scripts/commands/token-store.ts) run through `wrangler d1 execute` on
 * the local database `npm start` uses (migrations applied first), or with `--remote` on
 * the deployed one. The runner is a seam (`RunSql`): tests stand in for wrangler.
 *
 * @example
 *   $ canvass token create --client northwind --name "BI export"
 *   $ canvass token list
 *   $ canvass token revoke tok_0a1b2c3d4e5f --remote
 */
import { join } from "node:path";
import site from "../../canvass.config.ts";
import { clientOf, clientTokenHash, isClientTokenId, newClientToken } from "../../core/clients.ts";
import type { CanvassConfig } from "../../core/config.ts";
import { closest } from "../../core/parse/messages.ts";
import { applyMigrations, queryLocalD1, ROOT, run } from "../lib/stack.ts";
import { type Command, type Io, readArgs, UsageError } from "./command.ts";
import { insertTokenSql, LIST_TOKENS_SQL, revokeTokenSql, tokenLabel, type TokenRow } from "./token-store.ts";

/** Where the database is: the local one (in `persistTo`) or the deployed one. */
export type D1Target = { remote: boolean; persistTo: string };
/** Runs one SQL statement on D1 and answers its rows. */
export type RunSql = (sql: string, target: D1Target) => Promise<Record<string, unknown>[]>;

/** The local D1 that `npm start` (scripts/start.ts) serves. */
export const LOCAL_STATE = join(ROOT, ".wrangler/state");

/** Local folders migrated by this process: wrangler takes seconds per call, once is enough. */
const migrated = new Set<string>();

/** The real runner: `wrangler d1 execute DB`; locally the migrations are applied first, so the table is there. */
export const wranglerD1: RunSql = async (sql, target) => {
  if (!target.remote) {
    if (!migrated.has(target.persistTo)) await applyMigrations(target.persistTo);
    migrated.add(target.persistTo);
    return queryLocalD1(target.persistTo, sql);
  }
  const out = await run("wrangler", ["d1", "execute", "DB", "--remote", "--json", "--command", sql], { quiet: true });
  const json = JSON.parse(out.slice(out.indexOf("["))) as { results: Record<string, unknown>[] }[];
  return json.flatMap((r) => r.results);
};

const USAGE = `Usage: canvass token create --client <id> [--name <label>] [--remote]
       canvass token list [--remote]
       canvass token revoke <id> [--remote]

Client tokens for the admin API: a client's token sees only that client's surveys,
responses, contacts, leads and visitor counts; CANVASS_ADMIN_TOKEN sees every client.
create prints the new token once (only its SHA-256 is stored); list shows ids, clients,
labels and dates, never a token; revoke stops a token at once.
Clients are declared in canvass.config.ts (clients: [{ id, name, industry }]).

  --client <id>       the client the token reads for
  --name <label>      what the token is for, shown by list
  --remote            the deployed D1 database (default: the local one npm start uses)
  --persist-to <dir>  the local database's folder (default: .wrangler/state)`;

/** The client, or a sentence naming canvass.config.ts and the field. */
function knownClient(config: Pick<CanvassConfig, "clients">, id: string): { ok: true; name: string } | { ok: false; message: string } {
  const client = clientOf(config, id);
  if (client) return { ok: true, name: client.name };
  const ids = config.clients.map((c) => c.id);
  const near = closest(id, ids);
  return { ok: false, message: `canvass.config.ts: clients: there is no client "${id.slice(0, 60)}"${near ? ` (did you mean "${near}"?)` : ""}; declared: ${ids.join(", ")}` };
}

const shownDate = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "-");

function printList(rows: TokenRow[], io: Io): void {
  if (rows.length === 0) {
    io.out("no client tokens (make one with canvass token create --client <id>)");
    return;
  }
  const table = [["id", "client", "name", "created", "last used", "revoked"], ...rows.map((r) => [r.id, r.client, r.name || "-", shownDate(r.created_at), shownDate(r.last_used_at), shownDate(r.revoked_at)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) io.out(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
}

type Parsed = { action: string; rest: string[]; client?: string | undefined; name?: string | undefined; target: D1Target };

function parse(args: string[]): Parsed {
  const { values, positionals } = readArgs(args, { client: { type: "string" }, name: { type: "string" }, remote: { type: "boolean" }, "persist-to": { type: "string" } });
  const [action, ...rest] = positionals;
  if (action === undefined) throw new UsageError("say create, list or revoke");
  if (!["create", "list", "revoke"].includes(action)) throw new UsageError(`unknown action "${action}": use create, list or revoke`);
  return { action, rest, client: values.client, name: values.name, target: { remote: values.remote ?? false, persistTo: values["persist-to"] ?? LOCAL_STATE } };
}

async function create(p: Parsed, io: Io, runSql: RunSql, config: Pick<CanvassConfig, "clients">): Promise<number> {
  if (p.rest.length) throw new UsageError(`unexpected argument "${p.rest[0]}"`);
  if (p.client === undefined) throw new UsageError("create needs --client <id> (a client of canvass.config.ts)");
  const client = knownClient(config, p.client);
  if (!client.ok) {
    io.err(`canvass token: ${client.message}`);
    return 1;
  }
  const made = newClientToken();
  const name = tokenLabel(p.name ?? "");
  await runSql(insertTokenSql({ id: made.id, client: p.client, name, hash: await clientTokenHash(made.token), createdAt: new Date().toISOString() }), p.target);
  io.out(`Token ${made.id} for ${client.name} (${p.client})${p.target.remote ? " in the deployed database" : ""}:`);
  io.out("");
  io.out(`  ${made.token}`);
  io.out("");
  io.out("It is shown this once: only its SHA-256 is stored. Send it as Authorization: Bearer <token> (CANVASS_TOKEN for the CLI).");
  return 0;
}

async function revoke(p: Parsed, io: Io, runSql: RunSql): Promise<number> {
  const [id, ...more] = p.rest;
  if (id === undefined || more.length) throw new UsageError("revoke takes one token id (see canvass token list)");
  if (!isClientTokenId(id)) {
    io.err(`canvass token: "${id.slice(0, 60)}" is not a token id; ids look like tok_0a1b2c3d4e5f (see canvass token list)`);
    return 1;
  }
  const rows = await runSql(revokeTokenSql(id, new Date().toISOString()), p.target);
  if (rows.length === 0) {
    io.err(`canvass token: there is no token ${id} that is not revoked already (see canvass token list)`);
    return 1;
  }
  io.out(`revoked ${id}: it no longer opens the admin API`);
  return 0;
}

/** The command, with the D1 runner and the config as seams for tests. */
export function tokenCommand(runSql: RunSql = wranglerD1, config: Pick<CanvassConfig, "clients"> = site): Command {
  return {
    name: "token",
    summary: "create, list or revoke client tokens for the admin API",
    help: USAGE,
    async run(args, io) {
      const p = parse(args);
      try {
        if (p.action === "create") return await create(p, io, runSql, config);
        if (p.action === "revoke") return await revoke(p, io, runSql);
        if (p.rest.length) throw new UsageError(`unexpected argument "${p.rest[0]}"`);
        printList((await runSql(LIST_TOKENS_SQL, p.target)) as TokenRow[], io);
        return 0;
      } catch (e) {
        if (e instanceof UsageError) throw e;
        io.err(`canvass token: the database could not be reached through wrangler${p.target.remote ? " (--remote needs CLOUDFLARE_API_TOKEN and the real database_id in wrangler.toml)" : ""}: ${(e as Error).message.split("\n").slice(0, 6).join("\n")}`);
        return 1;
      }
    },
  };
}

export const token = tokenCommand();
