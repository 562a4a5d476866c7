/**
 * What keeps bots off the paper form, with no third party involved by default:
 *
 * - A honeypot field (`website`) that people never see. A request that fills it gets
 *   an answer shaped exactly like success, with a link that never works, and nothing is
 *   stored: a bot learns nothing to adapt to.
 * - A minimum fill time. Every copy of a landing page carries a signed form ticket
 *   holding the time it was served: the Worker stamps it into the hidden `_ticket` field
 *   as it serves the page (pages.ts), and the page script refreshes it from
 *   `GET /api/papers/<slug>/ticket`. A request whose ticket is younger than
 *   `PAPER_MIN_FILL_SECONDS` (default 3) is refused with "wait a moment"; one without a
 *   ticket (a bot posting without loading the page) is refused with "reload the page".
 *   This holds with JavaScript off too. A ticket is single-use: the request that passes
 *   records the ticket's nonce in D1 until it expires, and a second request with it is
 *   refused with the same "reload the page" (so the minimum time holds per lead).
 * - A rate limit per source: `PAPER_RATE_LIMIT_PER_HOUR` requests (default 10) per IP
 *   address (an IPv6 /64) and clock hour, and as many tickets, counted in D1 under
 *   HMAC(signing key, bucket, hour, address) with one atomic upsert. The address itself
 *   is never written; the daily cron (cron.ts) deletes past hours and expired tickets.
 * - Cloudflare Turnstile, only when both TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY are
 *   set (turnstile.ts; the keys are read by worker/config.ts).
 */
import { hmacSha256Key, toHex } from "../../core/hash.ts";
import { isTokenProblem, nowSeconds, signToken, verifyToken } from "../../core/tokens.ts";
import { config } from "../config.ts";
import { countRequest, useTicket } from "./store.ts";
/** A form ticket lasts long enough for a form left open over lunch. */
const TICKET_TTL_SECONDS = 6 * 3600;

/** Tickets are signed with a key derived for them alone, so a ticket can never pass as a download token, nor a token as a ticket. */
const ticketKey = (env: Env) => `${config(env).signingKey}:paper-form-ticket`;

export async function issueFormTicket(env: Env, slug: string, issuedAt = nowSeconds()): Promise<string> {
  const nonce = crypto.randomUUID();
  return signToken({ purpose: "paper", sub: `form:${issuedAt}:${nonce}`, ref: slug, exp: issuedAt + TICKET_TTL_SECONDS }, ticketKey(env));
}

export type TicketCheck = "ok" | "missing" | "too-fast" | "expired" | "invalid" | "used";

/**
 * Checks the form's ticket and, when it passes, spends it: the first request with a
 * ticket records its nonce (store.ts useTicket, one atomic insert) and every later one,
 * simultaneous or not, gets "used". A ticket that is too young is not spent, so the
 * person can wait and send the same form again.
 */
export async function redeemFormTicket(env: Env, slug: string, ticket: string | undefined, now = nowSeconds()): Promise<TicketCheck> {
  if (!ticket) return "missing";
  const claim = await verifyToken(ticket, ticketKey(env), { purpose: "paper", ref: slug, now });
  if (isTokenProblem(claim)) return claim.problem === "expired" ? "expired" : "invalid";
  const [, issuedAt, nonce] = /^form:(\d+):([0-9a-f-]{36})$/.exec(claim.sub) ?? [];
  if (issuedAt === undefined || nonce === undefined || claim.exp === undefined) return "invalid";
  if (now - Number(issuedAt) < config(env).paperMinFillSeconds) return "too-fast";
  return (await useTicket(env.DB, nonce, claim.exp)) ? "ok" : "used";
}

export const honeypotFilled = (value: string | undefined) => value !== undefined && value.trim() !== "";

/** A token in the real format, signed with a key nobody keeps: what a bot that filled the honeypot receives. */
export async function decoyToken(slug: string, exp: number): Promise<string> {
  const throwaway = toHex(crypto.getRandomValues(new Uint8Array(24)));
  return signToken({ purpose: "paper", sub: `${crypto.randomUUID()}.${crypto.randomUUID().slice(0, 8)}`, ref: slug, exp }, throwaway);
}

/** One person's addresses: the IPv4 address, or the /64 an IPv6 host gets from its network. */
export function requestSource(ip: string | undefined): string {
  if (!ip) return "unknown";
  if (!ip.includes(":")) return ip;
  const [head = "", tail] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => (parseInt(g, 16) || 0).toString(16)).join(":")}::/64`;
}

async function hmacHex(key: string, message: string): Promise<string> {
  const k = await hmacSha256Key(key);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", k, new TextEncoder().encode(message)));
  return toHex(mac);
}

/** What is counted: form requests, and tickets handed out (each bucket has its own limit of the same size). */
export type RateBucket = "requests" | "tickets";

/**
 * Counts one request from `source` in this clock hour; over the limit it answers how
 * many seconds until the next hour. The count is one atomic D1 upsert (store.ts
 * countRequest), so simultaneous requests are each counted once and the limit is exact.
 */
export async function takeRequest(env: Env, source: string, nowMs = Date.now(), bucket: RateBucket = "requests"): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const hour = Math.floor(nowMs / 3_600_000);
  const key = await hmacHex(config(env).signingKey, `paper-${bucket}|${hour}|${source}`);
  const count = await countRequest(env.DB, key, hour);
  if (count > config(env).paperRateLimitPerHour) return { ok: false, retryAfter: Math.max(1, (hour + 1) * 3600 - Math.floor(nowMs / 1000)) };
  return { ok: true };
}
