/**
 * Client tokens for the Worker tests, made as `canvass token create` makes them (the
 * CLI's own statement from scripts/commands/token-store.ts), and the two clients' data.
 */
import { env } from "cloudflare:workers";
import { clientTokenHash, newClientToken } from "../../../core/clients.ts";
import { insertTokenSql } from "../../../scripts/commands/token-store.ts";
import { call } from "../helpers.ts";

/** Creates a token for `client` exactly as the CLI does; returns the secret and its id. */
export async function createToken(client: string, name = "test"): Promise<{ id: string; token: string }> {
  const made = newClientToken();
  await env.DB.prepare(insertTokenSql({ id: made.id, client, name, hash: await clientTokenHash(made.token), createdAt: new Date().toISOString() })).run();
  return made;
}

/** An admin request with this bearer token. */
export function withToken(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  return call(path, { ...init, headers: { authorization: `Bearer ${token}`, accept: "application/json", ...(init.headers as Record<string, string> | undefined) } });
}
