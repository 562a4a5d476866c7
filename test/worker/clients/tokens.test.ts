/**
 * Client tokens at the admin bearer check (worker/http/auth.ts): a token made as
 * `canvass token create` makes it opens its client's data; a revoked one, a made-up one,
 * or one whose client has left canvass.config.ts gets the same 401 as no token at all;
 * and the table never holds the token itself.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clientTokenHash, newClientToken } from "../../../core/clients.ts";
import { insertTokenSql, LIST_TOKENS_SQL, revokeTokenSql } from "../../../scripts/commands/token-store.ts";
import { createToken, withToken } from "./helpers.ts";

const SURVEYS = "/api/admin/surveys";

async function refusal(res: Response) {
  return { status: res.status, body: await res.text(), auth: res.headers.get("www-authenticate") };
}

describe("client tokens", () => {
  it("a created token opens the admin API as its client", async () => {
    const { token } = await createToken("northwind");
    const res = await withToken(token, SURVEYS);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { surveys: { id: string }[] }).surveys.map((s) => s.id)).toEqual(["northwind-poll"]);
  });

  it("a revoked token gets the same 401 as no token, and listing shows when it was revoked", async () => {
    const { id, token } = await createToken("northwind");
    const at = new Date().toISOString();
    const revoked = await env.DB.prepare(revokeTokenSql(id, at)).all<{ id: string }>();
    expect(revoked.results).toEqual([{ id }]);
    const none = await refusal(await withToken("", SURVEYS));
    expect(await refusal(await withToken(token, SURVEYS))).toEqual(none);
    expect(none.status).toBe(401);
    expect((await env.DB.prepare(LIST_TOKENS_SQL).all<{ id: string; revoked_at: string }>()).results).toEqual([expect.objectContaining({ id, revoked_at: at })]);
    expect((await env.DB.prepare(revokeTokenSql(id, at)).all()).results).toEqual([]);
  });

  it("a token that was never created, or is one character off, gets the same 401", async () => {
    const { token } = await createToken("northwind");
    const none = await refusal(await withToken("", SURVEYS));
    expect(await refusal(await withToken(newClientToken().token, SURVEYS))).toEqual(none);
    expect(await refusal(await withToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, SURVEYS))).toEqual(none);
  });

  it("a token whose client is no longer in canvass.config.ts gets the same 401", async () => {
    const { token } = await createToken("gone-client");
    const none = await refusal(await withToken("", SURVEYS));
    expect(await refusal(await withToken(token, SURVEYS))).toEqual(none);
  });

  it("only the token's SHA-256 is stored: no column of any row holds the token", async () => {
    const { token } = await createToken("northwind", "BI export");
    const rows = (await env.DB.prepare("SELECT * FROM api_tokens").all<Record<string, unknown>>()).results;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(rows[0]!.hash).toBe(await clientTokenHash(token));
  });

  it("marks when a token was last used", async () => {
    const { id, token } = await createToken("northwind");
    await withToken(token, SURVEYS);
    const row = await env.DB.prepare("SELECT last_used_at FROM api_tokens WHERE id = ?1").bind(id).first<{ last_used_at: string | null }>();
    expect(row!.last_used_at).not.toBeNull();
  });

  it("the CLI's insert quotes a label, so a quote in it is text, not SQL", async () => {
    const made = newClientToken();
    await env.DB.prepare(insertTokenSql({ id: made.id, client: "northwind", name: "it's'); DROP TABLE api_tokens; --", hash: await clientTokenHash(made.token), createdAt: new Date().toISOString() })).run();
    const row = await env.DB.prepare("SELECT name FROM api_tokens").first<{ name: string }>();
    expect(row!.name).toBe("it's'); DROP TABLE api_tokens; --");
  });
});
