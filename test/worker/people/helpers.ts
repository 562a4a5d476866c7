/** Helpers for the people tests: client tokens, JSON admin posts, and a scan of everything stored. */
import { env } from "cloudflare:workers";
import { clientTokenHash, newClientToken } from "../../../core/clients.ts";
import { TEST_ADMIN_TOKEN } from "../constants.ts";
import { postJson } from "../helpers.ts";

/** A fresh, active token of `client`, stored as `canvass token create` stores it (its hash only). */
export async function clientToken(client: string): Promise<string> {
  const { id, token } = newClientToken();
  await env.DB.prepare("INSERT INTO api_tokens (id, client, name, hash, created_at) VALUES (?1, ?2, 'test', ?3, ?4)")
    .bind(id, client, await clientTokenHash(token), new Date().toISOString())
    .run();
  return token;
}

export const adminPost = (path: string, body: unknown, token = TEST_ADMIN_TOKEN) => postJson(path, body, { authorization: `Bearer ${token}` });

export type Finding = { where: string; value: string };

/**
 * Every cell of every table (sqlite_master lists them; each row read whole) and every KV
 * key and value, with what each needle was found in (case-insensitive). `allow` names
 * `table.column` cells where a needle may stand (the suppression list's key).
 */
export async function findEverywhere(needles: string[], allow: string[] = []): Promise<Finding[]> {
  const lower = needles.map((n) => n.toLowerCase());
  const found: Finding[] = [];
  const { results: tables } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{ name: string }>();
  for (const { name } of tables) {
    if (name.startsWith("_cf_") || name === "sqlite_sequence") continue;
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    for (const row of results)
      for (const [column, cell] of Object.entries(row)) {
        const text = (cell instanceof ArrayBuffer ? new TextDecoder().decode(cell) : String(cell)).toLowerCase();
        lower.forEach((needle, i) => {
          if (text.includes(needle) && !allow.includes(`${name}.${column}:${needles[i]}`)) found.push({ where: `${name}.${column}`, value: String(cell).slice(0, 120) });
        });
      }
  }
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const list = await env.KV.list(cursor ? { cursor } : {});
    for (const key of list.keys) {
      const value = (await env.KV.get(key.name)) ?? "";
      for (const needle of lower) if (`${key.name}\n${value}`.toLowerCase().includes(needle)) found.push({ where: `KV ${key.name}`, value: value.slice(0, 120) });
    }
    if (list.list_complete) break;
    cursor = list.cursor;
  }
  return found;
}

/** Counts rows of a table (the test names tables it knows). */
export async function count(table: string, where = "1"): Promise<number> {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM "${table}" WHERE ${where}`).first<{ n: number }>())!.n;
}
