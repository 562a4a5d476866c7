/**
 * The bearer check in front of `/api/admin/*` (applied once, in worker/app.ts), and who
 * the caller is. The owner's `CANVASS_ADMIN_TOKEN` secret sees every client; a client
 * token (`canvass token create --client <id>`, stored as a SHA-256 hash in `api_tokens`)
 * sees only its client's data (worker/http/scope.ts). A missing, unknown or revoked
 * token, or one whose client is no longer in canvass.config.ts, gets the same 401.
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" :8787/api/admin/surveys/customer-feedback/responses
 *   // in a route: const caller = c.get("caller"); // { kind: "owner" } | { kind: "client", client, token }
 */
import type { MiddlewareHandler } from "hono";
import site from "../../canvass.config.ts";
import { CLIENT_TOKEN_PREFIX, clientOf, clientTokenHash } from "../../core/clients.ts";
import { activeTokenByHash, touchToken } from "../clients/store.ts";
import { config } from "../config.ts";
import { Problem } from "./problems.ts";

/** Who is asking: the owner (every client), or a client's token (`token` is the token's id, never the secret). */
export type Caller = { kind: "owner" } | { kind: "client"; client: string; token: string };

/** The Hono environment of every admin app: the bindings, and the caller set by `adminAuth`. */
export type AdminEnv = { Bindings: Env; Variables: { caller: Caller } };

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Compares in constant time: both sides are hashed to equal length first, so neither length nor content leaks through timing. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * The client token's caller, or null. The row is found by the token's hash (an index
 * lookup reveals nothing of the token), and the stored hash is still compared in
 * constant time, as the owner's token is.
 */
async function clientCaller(env: Env, given: string): Promise<Caller | null> {
  if (!given.startsWith(CLIENT_TOKEN_PREFIX)) return null;
  const hash = await clientTokenHash(given);
  const row = await activeTokenByHash(env.DB, hash);
  if (!row || !(await sameSecret(hash, row.hash)) || !clientOf(site, row.client)) return null;
  await touchToken(env.DB, row.id, new Date());
  return { kind: "client", client: row.client, token: row.id };
}

async function callerOf(env: Env, given: string): Promise<Caller | null> {
  const owner = config(env).adminToken;
  if (owner && (await sameSecret(given, owner))) return { kind: "owner" };
  return clientCaller(env, given);
}

export const adminAuth: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  const caller = match ? await callerOf(c.env, match[1]!) : null;
  if (!caller) {
    c.header("WWW-Authenticate", 'Bearer realm="canvass-admin"');
    throw new Problem(401, "This needs an admin token: send Authorization: Bearer <token>.");
  }
  c.set("caller", caller);
  await next();
};
