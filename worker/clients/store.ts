/**
 * All the SQL of client tokens (migrations/0006_client_tokens.sql): the lookup behind
 * the admin bearer check (worker/http/auth.ts). Tokens are created, listed and revoked
 * by the CLI (scripts/commands/token.ts), which writes the same table through wrangler.
 *
 * @example
 *   const token = await activeTokenByHash(env.DB, await sha256Hex(bearer));
 */

/** A token that has not been revoked: its id, its client and the stored hash. */
export type ActiveToken = { id: string; client: string; hash: string };

export async function activeTokenByHash(db: D1Database, hash: string): Promise<ActiveToken | null> {
  return db.prepare("SELECT id, client, hash FROM api_tokens WHERE hash = ?1 AND revoked_at IS NULL").bind(hash).first<ActiveToken>();
}

/** Records use at most once an hour per token, so a busy admin page costs no write per request. */
export async function touchToken(db: D1Database, id: string, now: Date): Promise<void> {
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  await db.prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?3)").bind(id, now.toISOString(), hourAgo).run();
}
