/**
 * All the SQL of `canvass token` (scripts/commands/token.ts): the statements it runs on
 * D1's `api_tokens` table (migrations/0006_client_tokens.sql) through
 * `wrangler d1 execute --command`, which takes no bound parameters. So every value is
 * checked for its shape first and quoted as an SQL string literal here, in one place.
 * Plain TypeScript without Node built-ins: the Worker tests run these same statements,
 * so a token the CLI makes is proven to open the API.
 *
 * @example
 *   insertTokenSql({ id: "tok_0a1b2c3d4e5f", client: "northwind", name: "BI export", hash, createdAt: "2026-12-01T12:00:00.000Z" })
 */
import { isClientTokenId } from "../../core/clients.ts";

/** A row as `canvass token list` shows it: never the token, and not its hash either. */
export type TokenRow = { id: string; client: string; name: string; created_at: string; revoked_at: string | null; last_used_at: string | null };

/** An SQL string literal: quotes doubled. Only used for values whose shape is checked (or free text without control characters). */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** A token's label: one line of at most 100 characters. */
export function tokenLabel(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, 100);
}

export function insertTokenSql(t: { id: string; client: string; name: string; hash: string; createdAt: string }): string {
  if (!isClientTokenId(t.id) || !/^[0-9a-f]{64}$/.test(t.hash) || !/^[a-z][a-z0-9-]{0,39}$/.test(t.client) || Number.isNaN(Date.parse(t.createdAt)))
    throw new Error("insertTokenSql: a value is not of its shape");
  return `INSERT INTO api_tokens (id, client, name, hash, created_at) VALUES (${[t.id, t.client, tokenLabel(t.name), t.hash, t.createdAt].map(literal).join(", ")})`;
}

export const LIST_TOKENS_SQL = "SELECT id, client, name, created_at, revoked_at, last_used_at FROM api_tokens ORDER BY created_at, id";

/** Revokes a token that is not revoked yet; returns its row (none when there is no such live token). */
export function revokeTokenSql(id: string, at: string): string {
  if (!isClientTokenId(id) || Number.isNaN(Date.parse(at))) throw new Error("revokeTokenSql: a value is not of its shape");
  return `UPDATE api_tokens SET revoked_at = ${literal(at)} WHERE id = ${literal(id)} AND revoked_at IS NULL RETURNING id`;
}
