/**
 * Clients: whom the site runs surveys for. Every survey and paper belongs to one client
 * (its `client:` key, else the config's default client), and a client's token sees only
 * that client's data (worker/http/scope.ts). The owner's token sees every client.
 *
 * Plain TypeScript (the schema is in core/config.ts), so the CLI, the build and the
 * Worker share these rules without zod.
 *
 * @example
 *   resolveClient(config, undefined)    // "canvass-example" (the default client)
 *   resolveClient(config, "northwind")  // "northwind"
 *   clientOf(config, "nobody")          // undefined
 */
import type { CanvassConfig } from "./config.ts";
import { sha256Hex, toBase64Url, toHex } from "./hash.ts";

export type Client = CanvassConfig["clients"][number];

/** What these rules need of the config: its client list. */
type WithClients = Pick<CanvassConfig, "clients">;

/** The client of everything that declares none, if the config names one. */
export function defaultClient(config: WithClients): Client | undefined {
  return config.clients.find((c) => c.default);
}

/** The client with this id, or undefined when the config has none such. */
export function clientOf(config: WithClients, id: string): Client | undefined {
  return config.clients.find((c) => c.id === id);
}

/**
 * The client a survey or paper belongs to: the one it declares, else the default, else
 * undefined (which `canvass check` refuses). A declared id is returned as written; whether
 * it is known is `clientOf`'s question, so an error can name what was written.
 */
export function resolveClient(config: WithClients, declared: string | undefined): string | undefined {
  return declared ?? defaultClient(config)?.id;
}

/** Every client token starts so, which tells it from the owner's token (and secret scanners what it is). */
export const CLIENT_TOKEN_PREFIX = "cvs_";

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/**
 * A new client token and its public id. The token is 32 random bytes (256 bits), shown
 * once; only `clientTokenHash(token)` is stored, so the table lets no one in.
 */
export function newClientToken(): { id: string; token: string } {
  return { id: `tok_${toHex(random(6))}`, token: CLIENT_TOKEN_PREFIX + toBase64Url(random(32)) };
}

/** What is stored of a token, and looked up by: SHA-256 as hex. A salt is not needed for 256 random bits. */
export const clientTokenHash = (token: string): Promise<string> => sha256Hex(token);

/** A token's public id as `newClientToken` makes it: what `canvass token revoke` accepts. */
export const isClientTokenId = (id: string): boolean => /^tok_[0-9a-f]{12}$/.test(id);
