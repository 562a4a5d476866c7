/**
 * Clients in canvass.config.ts: the schema's rules (ids, one default, no duplicates), the
 * resolution every survey and paper goes through, and the tokens' shape.
 */
import { describe, expect, it } from "vitest";
import site from "../canvass.config.ts";
import { CLIENT_TOKEN_PREFIX, clientOf, clientTokenHash, defaultClient, isClientTokenId, newClientToken, resolveClient } from "./clients.ts";
import { CanvassConfig } from "./config.ts";

const withClients = (clients: unknown) => CanvassConfig.safeParse({ ...site, clients });
const messages = (clients: unknown) => {
  const r = withClients(clients);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("clients in the config", () => {
  it("the example declares a default client and a second one", () => {
    expect(defaultClient(site)?.id).toBe("canvass-example");
    expect(clientOf(site, "northwind")?.name).toBe("Northwind Traders");
    expect(clientOf(site, "nobody")).toBeUndefined();
  });

  it("needs at least one client, unique ids of the allowed shape, at most one default", () => {
    expect(messages([])).toEqual(["clients: declare at least one client (a single-team site: one with default: true)"]);
    expect(messages([{ id: "a", name: "A", industry: "retail" }, { id: "a", name: "A2", industry: "retail" }])).toEqual(['clients.1.id: client id "a" is declared twice']);
    expect(messages([{ id: "a", name: "A", industry: "retail", default: true }, { id: "b", name: "B", industry: "retail", default: true }])).toEqual(["clients: 2 clients have default: true; at most one may"]);
    expect(messages([{ id: "Acme", name: "A", industry: "retail" }])[0]).toMatch(/^clients\.0\.id: a client id starts with a lowercase letter/);
    expect(messages([{ id: "a".repeat(41), name: "A", industry: "retail" }])).toHaveLength(1);
    expect(messages([{ id: "a", name: "A", industry: "Retail Trade" }])[0]).toMatch(/^clients\.0\.industry: /);
  });
});

describe("resolveClient", () => {
  it("is the declared client, else the default, else undefined", () => {
    expect(resolveClient(site, "northwind")).toBe("northwind");
    expect(resolveClient(site, undefined)).toBe("canvass-example");
    expect(resolveClient({ clients: [{ id: "a", name: "A", industry: "x" }] }, undefined)).toBeUndefined();
  });
});

describe("client tokens", () => {
  it("carry 256 random bits after their prefix; the id is short and public", async () => {
    const { id, token } = newClientToken();
    expect(token.startsWith(CLIENT_TOKEN_PREFIX)).toBe(true);
    expect(token.slice(CLIENT_TOKEN_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isClientTokenId(id)).toBe(true);
    expect(await clientTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(newClientToken().token).not.toBe(token);
  });
});
