/**
 * `canvass token`: with a stand-in for wrangler (the `RunSql` seam) for what the command
 * prints and refuses, and once against a real local D1 through `wrangler d1 execute
 * --local` in a throwaway folder, so the statements are proven on D1's own SQLite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clientTokenHash } from "../../core/clients.ts";
import { queryLocalD1 } from "../lib/stack.ts";
import { runCommand } from "./stand-in-api.ts";
import { tokenCommand, wranglerD1, type D1Target } from "./token.ts";

const CONFIG = { clients: [{ id: "acme", name: "Acme Ltd", industry: "retail" }, { id: "northwind", name: "Northwind Traders", industry: "retail" }] };
const cwd = process.cwd();

/** A stand-in database: records each statement and answers the rows given for it. */
function standIn(answer: (sql: string) => Record<string, unknown>[] = () => []) {
  const calls: { sql: string; target: D1Target }[] = [];
  const runSql = async (sql: string, target: D1Target) => {
    calls.push({ sql, target });
    return answer(sql);
  };
  return { calls, command: tokenCommand(runSql, CONFIG) };
}

describe("canvass token create", () => {
  it("prints a high-entropy token once and sends only its SHA-256 to the database", async () => {
    const db = standIn();
    const r = await runCommand(db.command, ["create", "--client", "northwind", "--name", "BI export"], cwd);
    expect(r.code).toBe(0);
    const token = /^\s+(cvs_[A-Za-z0-9_-]{43})$/m.exec(r.out)?.[1];
    expect(token, r.out).toBeDefined();
    expect(r.out).toContain("Northwind Traders (northwind)");
    expect(db.calls).toHaveLength(1);
    expect(db.calls[0]!.sql).toContain(await clientTokenHash(token!));
    expect(db.calls[0]!.sql).not.toContain(token!);
    expect(db.calls[0]!.sql).toContain("'BI export'");
    expect(db.calls[0]!.target.remote).toBe(false);
  });

  it("two tokens are never the same", async () => {
    const db = standIn();
    const a = await runCommand(db.command, ["create", "--client", "acme"], cwd);
    const b = await runCommand(db.command, ["create", "--client", "acme"], cwd);
    expect(a.out).not.toEqual(b.out);
  });

  it("--remote goes to the deployed database", async () => {
    const db = standIn();
    await runCommand(db.command, ["create", "--client", "acme", "--remote"], cwd);
    expect(db.calls[0]!.target.remote).toBe(true);
  });

  it("refuses an unknown client, naming canvass.config.ts and the field, and stores nothing", async () => {
    const db = standIn();
    const r = await runCommand(db.command, ["create", "--client", "nortwind"], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toBe('canvass token: canvass.config.ts: clients: there is no client "nortwind" (did you mean "northwind"?); declared: acme, northwind');
    expect(db.calls).toEqual([]);
  });

  it("without --client, or with an unknown action, is a usage error", async () => {
    const db = standIn();
    await expect(runCommand(db.command, ["create"], cwd)).rejects.toThrow("--client");
    await expect(runCommand(db.command, ["mint"], cwd)).rejects.toThrow('unknown action "mint"');
  });
});

describe("canvass token list and revoke", () => {
  it("list shows ids, clients, labels and dates, and never a token", async () => {
    const rows = [{ id: "tok_0a1b2c3d4e5f", client: "northwind", name: "BI export", created_at: "2026-12-01T10:00:00.000Z", revoked_at: null, last_used_at: null }];
    const r = await runCommand(standIn(() => rows).command, ["list"], cwd);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")).toEqual([
      "id                client     name       created           last used  revoked",
      "tok_0a1b2c3d4e5f  northwind  BI export  2026-12-01 10:00  -          -",
    ]);
  });

  it("revoke of a token that is not there (or revoked already) says so and exits 1", async () => {
    const r = await runCommand(standIn(() => []).command, ["revoke", "tok_0a1b2c3d4e5f"], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toContain("there is no token tok_0a1b2c3d4e5f that is not revoked already");
    const bad = await runCommand(standIn().command, ["revoke", "'; DROP TABLE api_tokens"], cwd);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("is not a token id");
  });

  it("a database that cannot be reached is one sentence, not a stack trace", async () => {
    const failing = tokenCommand(async () => {
      throw new Error("wrangler d1 execute exited with 1\nno such database");
    }, CONFIG);
    const r = await runCommand(failing, ["list"], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^canvass token: the database could not be reached through wrangler: wrangler d1 execute exited with 1/);
  });
});

describe("canvass token against a real local D1 (wrangler d1 execute --local)", () => {
  const dir = mkdtempSync(join(tmpdir(), "canvass-token-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // One command only: each wrangler call takes seconds. list and revoke run their statements
  // on workerd's D1 in test/worker/clients/tokens.test.ts.
  it("create stores the token's hash in api_tokens, never the token", async () => {
    const command = tokenCommand(wranglerD1, CONFIG);
    const created = await runCommand(command, ["create", "--client", "northwind", "--name", "it's mine", "--persist-to", dir], cwd);
    expect(created.code, created.err).toBe(0);
    const token = /^\s+(cvs_\S+)$/m.exec(created.out)![1]!;
    const id = /Token (tok_[0-9a-f]{12})/.exec(created.out)![1]!;
    const rows = await queryLocalD1<Record<string, unknown>>(dir, "SELECT * FROM api_tokens");
    expect(rows).toEqual([expect.objectContaining({ id, client: "northwind", name: "it's mine", hash: await clientTokenHash(token), revoked_at: null })]);
    expect(JSON.stringify(rows)).not.toContain(token);
  }, 180_000);
});
