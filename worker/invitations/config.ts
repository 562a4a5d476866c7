/**
 * The invitation feature's settings, read from the Worker's environment in one place:
 *
 * - `CANVASS_SIGNING_KEY` (secret): signs personal links and opt-out links.
 * - `PUBLIC_URL` (var): where links point; must be https in production (RFC 8058 asks
 *   for an https List-Unsubscribe URI), may be http on loopback for development.
 * - `MAIL_FROM` (var): the sender, `Name <address>`.
 * - `MAIL_TRANSPORT` (var): `outbox` (development: stored in D1, readable at
 *   GET /api/admin/outbox), `cloudflare` (Email Service binding `EMAIL`) or `http`
 *   (`MAIL_API_URL` with the secret `MAIL_API_KEY`).
 */
import { signToken, nowSeconds } from "../../core/tokens.ts";
import type { Mailbox } from "../../core/email/mime.ts";

export type TransportKind = "outbox" | "cloudflare" | "http";

/** A personal link works this long after its email was sent; the survey's own dates still apply. */
export const LINK_DAYS = 90;

/** A configuration mistake: the consumer retries (the message is kept), and the log says what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function signingKey(env: Env): string {
  const key = env.CANVASS_SIGNING_KEY;
  if (!key || key.length < 16) throw new ConfigError("CANVASS_SIGNING_KEY is not set (or shorter than 16 characters); `npm start` writes one to .dev.vars, production sets it with `wrangler secret put`.");
  return key;
}

export function publicUrl(env: Env): string {
  const raw = String(env.PUBLIC_URL ?? "");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: "${raw.slice(0, 80)}"`);
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

export function transportKind(env: Env): TransportKind {
  const kind = String(env.MAIL_TRANSPORT ?? "");
  if (kind === "outbox" || kind === "cloudflare" || kind === "http") return kind;
  throw new ConfigError(`MAIL_TRANSPORT must be outbox, cloudflare or http (it is "${kind.slice(0, 40)}")`);
}

/** Parses `Name <address>` (or a bare address). */
export function mailFrom(env: Env): Mailbox {
  const raw = String(env.MAIL_FROM ?? "").trim();
  const m = /^(?:"?([^"<>]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>$/.exec(raw) ?? (/^[^<>\s]+@[^<>\s]+$/.test(raw) ? [raw, "", raw] : null);
  if (!m) throw new ConfigError(`MAIL_FROM must be "Name <address>" (it is "${raw.slice(0, 80)}")`);
  return { name: m[1]?.trim() || undefined, address: m[2]! };
}

/** The personal survey link of one invitation: signed, tied to the invitation and its survey, expiring. */
export async function personalLink(env: Env, surveyId: string, invitationId: string, now = new Date()): Promise<string> {
  const exp = nowSeconds() + LINK_DAYS * 86400 + Math.floor((now.getTime() - Date.now()) / 1000);
  const token = await signToken({ purpose: "invitation", sub: invitationId, ref: surveyId, exp }, signingKey(env));
  return `${publicUrl(env)}/s/${surveyId}/?t=${token}`;
}

/**
 * The opt-out link for an address. It carries the suppression key (SHA-256 of the
 * normalised address), not a contact id, so it keeps working after the contact is
 * deleted; it never expires (an unsubscribe link must outlive the campaign).
 */
export async function optoutLink(env: Env, addressHash: string, surveyId: string): Promise<string> {
  const token = await signToken({ purpose: "optout", sub: addressHash, ref: surveyId }, signingKey(env));
  return `${publicUrl(env)}/api/optout/${token}`;
}
