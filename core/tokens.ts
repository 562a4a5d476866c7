/**
 * Signed, expiring tokens for links we hand out (personal survey links, opt-out
 * links, white-paper downloads). HMAC-SHA-256 over a small JSON claim; the claim names
 * its purpose so a token made for one thing (a paper download) is refused for another
 * (an opt-out), and carries only opaque ids, never an address.
 *
 * Format: base64url(JSON claim) "." base64url(HMAC). Web Crypto only, so it runs in
 * the Worker, the browser and Node alike.
 *
 * @example
 *   const t = await signToken({ purpose: "paper", sub: "lead-id", ref: "state-of-surveys", exp: nowSeconds() + 86400 }, key);
 *   const claim = await verifyToken(t, key, { purpose: "paper", ref: "state-of-surveys" }); // or a TokenProblem
 */
import { z } from "zod";
import { hmacSha256Key, toBase64Url } from "./hash.ts";

export const TokenClaim = z.strictObject({
  /** What the token may be used for. */
  purpose: z.enum(["invitation", "optout", "paper"]),
  /** The opaque id it stands for (an invitation id, a lead id). */
  sub: z.string().min(1).max(100),
  /** What it is tied to (a survey id, a paper slug). */
  ref: z.string().min(1).max(100),
  /** Expiry, seconds since the epoch; absent means it does not expire. */
  exp: z.int().positive().optional(),
});
export type TokenClaim = z.infer<typeof TokenClaim>;

export type TokenProblem = { problem: "malformed" | "forged" | "expired" | "wrong-purpose" | "wrong-target" };

export const nowSeconds = () => Math.floor(Date.now() / 1000);

const encoder = new TextEncoder();

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  if (secret.length < 16) throw new Error("the signing key must be at least 16 characters");
  return hmacSha256Key(secret, ["sign", "verify"]);
}

export async function signToken(claim: TokenClaim, secret: string): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(TokenClaim.parse(claim))));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(body)));
  return `${body}.${toBase64Url(mac)}`;
}

/**
 * Checks signature, then purpose, target and expiry; the signature check is constant-time
 * (crypto.subtle.verify), and only the canonical base64url spelling of it is accepted (the
 * string comparison runs after a valid MAC, so it reveals nothing about the key).
 */
export async function verifyToken(
  token: string,
  secret: string,
  expect: { purpose: TokenClaim["purpose"]; ref?: string; now?: number },
): Promise<TokenClaim | TokenProblem> {
  if (token.length > 1000) return { problem: "malformed" };
  const [body, sig, ...rest] = token.split(".");
  const mac = sig === undefined ? undefined : fromBase64Url(sig);
  const json = body === undefined ? undefined : fromBase64Url(body);
  if (!body || !mac || !json || rest.length) return { problem: "malformed" };
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), mac, encoder.encode(body));
  // A 32-byte signature leaves two unused bits in its last character, so three other
  // spellings decode to the same bytes: only the one signToken writes is the token.
  if (!valid || toBase64Url(mac) !== sig) return { problem: "forged" };
  let claim: TokenClaim;
  try {
    claim = TokenClaim.parse(JSON.parse(new TextDecoder().decode(json)));
  } catch {
    return { problem: "malformed" };
  }
  if (claim.purpose !== expect.purpose) return { problem: "wrong-purpose" };
  if (expect.ref !== undefined && claim.ref !== expect.ref) return { problem: "wrong-target" };
  if (claim.exp !== undefined && claim.exp < (expect.now ?? nowSeconds())) return { problem: "expired" };
  return claim;
}

export const isTokenProblem = (r: TokenClaim | TokenProblem): r is TokenProblem => "problem" in r;

/** Any token signToken writes: a base64url JSON claim (always `eyJ…`), a dot, a 32-byte signature. */
const TOKEN_PATTERN = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/**
 * The text with every token in it replaced by `<token>`: for log lines and stored error
 * messages that may quote a URL or a mail provider's answer, so a link's token never
 * reaches a log (README, Invitations: what the logs hold).
 */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, "<token>");
}
