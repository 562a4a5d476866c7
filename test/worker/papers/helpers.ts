/**
 * Helpers for the white-paper tests. They run against the example paper that ships in
 * papers/ (the Worker bundles whatever papers/ holds, see build/papers.ts), so
 * what is tested is what deploys.
 *
 * Every request comes from its own random address unless a test says otherwise: the
 * rate limit counts per address.
 */
import { env } from "cloudflare:workers";
import { nowSeconds, signToken } from "../../../core/tokens.ts";
import { issueFormTicket } from "../../../worker/papers/guards.ts";
import { findPaper } from "../../../worker/papers/library.ts";
import { call } from "../helpers.ts";

export const SLUG = "short-surveys-guide";
export const PAPER = findPaper(SLUG)!;
export const REQUESTS = `/api/papers/${SLUG}/requests`;

export const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 256)).join(".")}`;

/** A form ticket issued `age` seconds ago (old enough by default). */
export const ticket = (age = 60, slug = SLUG) => issueFormTicket(env, slug, nowSeconds() - age);

export const ada = { name: "Ada Lovelace", email: "Ada@Example.com", company: "Analytical Engines", job_title: "Programmer" };

type Extra = { ip?: string; headers?: Record<string, string>; path?: string };

/** Sends a JSON request; an aged form ticket is added unless the body names `_ticket` itself. */
export async function requestJson(body: Record<string, unknown>, extra: Extra = {}): Promise<Response> {
  const withTicket = "_ticket" in body ? body : { ...body, _ticket: await ticket() };
  return call(extra.path ?? REQUESTS, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "cf-connecting-ip": extra.ip ?? randomIp(), ...extra.headers },
    body: JSON.stringify(withTicket),
  });
}

/** Posts like a browser with JavaScript off, with the aged ticket its page was stamped with unless `_ticket` is given. */
export async function requestForm(fields: [string, string][], extra: Extra = {}): Promise<Response> {
  const withTicket = fields.some(([name]) => name === "_ticket") ? fields : [...fields, ["_ticket", await ticket()] as [string, string]];
  return call(extra.path ?? REQUESTS, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html,application/xhtml+xml", "cf-connecting-ip": extra.ip ?? randomIp(), ...extra.headers },
    body: new URLSearchParams(withTicket).toString(),
  });
}

/** A valid JSON request with an aged ticket; answers the download URL. */
export async function requestLink(body: Record<string, unknown> = ada, extra: Extra = {}): Promise<{ res: Response; url: string; expiresAt: string }> {
  const res = await requestJson({ ...body, _ticket: await ticket() }, extra);
  const json = (await res.clone().json()) as { download_url?: string; expires_at?: string };
  return { res, url: json.download_url ?? "", expiresAt: json.expires_at ?? "" };
}

export const signed = (claim: Parameters<typeof signToken>[0], key = env.CANVASS_SIGNING_KEY!) => signToken(claim, key);

export type LeadRow = {
  id: string; paper: string; email: string; email_normalised: string; name: string | null; company: string | null; job_title: string | null;
  marketing_consent: number; consent_text_hash: string; consent_at: string; created_at: string; last_requested_at: string; requests: number;
};

export async function leads(): Promise<LeadRow[]> {
  return (await env.DB.prepare("SELECT * FROM leads ORDER BY created_at").all<LeadRow>()).results;
}

export async function fileBytes(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

/** True when `haystack` contains the bytes of `needle` anywhere. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
