/**
 * The daily visitor hashes: HMAC-SHA-256 keyed by the day's random salt, cut to 128 bits,
 * over (site, IP, User-Agent) for the visitor, and over (site, address) for the source,
 * the address being the IPv4 address or the IPv6 /64 (one household or office), so the
 * consumer can cap what one address counts a day however many User-Agents it sends.
 * Computed in the fetch handler, the only place the IP is known; the IP and the
 * User-Agent go no further than this function. The salt lives in KV
 * under `stats:salt:<day>`, expires when its day ends and is deleted by the daily cron, so
 * once a day is over its hashes can never be recomputed from anyone's IP and browser.
 *
 * KV is eventually consistent, which is fine for a value written once a day and read
 * constantly, but two places could each create a missing salt at once and briefly hash the
 * same visitor differently (counting them twice). The daily cron therefore creates each
 * salt a day ahead, long before it is read; lazy creation here is only the fallback, and an
 * isolate re-reads the salt every few minutes so a lost race heals quickly.
 *
 * @example
 *   const { visitor, source } = await visitorHashes(env.KV, "2026-11-30", "canvass.example", ip, ua, Date.now());
 */
import { hmacSha256Key, toBase64Url } from "../../core/hash.ts";
import { endOfDaySeconds } from "../../core/stats/days.ts";
import { requestSource } from "../papers/guards.ts";

export const SALT_PREFIX = "stats:salt:";
/** How long an isolate trusts the salt it read before asking KV again. */
const SALT_MEMORY_MS = 5 * 60_000;

let remembered: { day: string; key: CryptoKey; until: number } | undefined;

/** Today's salt from KV, created when missing; it expires when its day ends (KV wants at least a minute ahead). */
export async function ensureSalt(kv: KVNamespace, day: string, nowMs: number): Promise<string> {
  const existing = await kv.get(SALT_PREFIX + day);
  if (existing) return existing;
  const salt = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  await kv.put(SALT_PREFIX + day, salt, { expiration: Math.max(endOfDaySeconds(day), Math.ceil(nowMs / 1000) + 60) });
  return salt;
}

/** Deletes every salt of a day before `today`: what makes yesterday's hashes impossible to recompute. */
export async function deleteSaltsBefore(kv: KVNamespace, today: string): Promise<number> {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix: SALT_PREFIX, ...(cursor ? { cursor } : {}) });
    for (const { name } of page.keys) {
      if (name.slice(SALT_PREFIX.length) < today) {
        await kv.delete(name);
        deleted++;
      }
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  if (remembered && remembered.day < today) remembered = undefined;
  return deleted;
}

async function saltKey(kv: KVNamespace, day: string, nowMs: number): Promise<CryptoKey> {
  if (remembered?.day === day && nowMs < remembered.until) return remembered.key;
  const salt = await ensureSalt(kv, day, nowMs);
  const key = await hmacSha256Key(salt);
  remembered = { day, key, until: nowMs + SALT_MEMORY_MS };
  return key;
}

async function mac128(key: CryptoKey, text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text)), 0, 16));
}

/** The visitor's and its address's hashes for `day`; the labels keep the two from ever coinciding. */
export async function visitorHashes(kv: KVNamespace, day: string, site: string, ip: string, userAgent: string, nowMs: number): Promise<{ visitor: string; source: string }> {
  const key = await saltKey(kv, day, nowMs);
  const [visitor, source] = await Promise.all([mac128(key, `${site}\n${ip}\n${userAgent}`), mac128(key, `source\n${site}\n${requestSource(ip)}`)]);
  return { visitor, source };
}
