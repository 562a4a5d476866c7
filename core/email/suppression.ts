/**
 * The suppression hash: how an opt-out is kept without keeping the address. It is
 * HMAC-SHA-256 of the normalised address (core/email/address.ts `normaliseEmail`) under a
 * key derived from the deployment's signing secret, so the opt-out list, which outlives
 * every contact, cannot be checked against a guessed address by anyone without the secret
 * (an unsalted SHA-256 could: hash the guess and look). The one function every place that
 * writes or checks a suppression uses (worker/invitations/).
 *
 * The key is HMAC(secret, "canvass suppression hash v1"): a key of its own, so a
 * suppression hash is never also a valid token signature or any other MAC we make.
 * Rotating the secret changes every hash: the opt-outs kept so far would no longer match
 * (README, Invitations, says so).
 *
 * @example
 *   await suppressionHash(normaliseEmail(" Al@Example.COM "), env.CANVASS_SIGNING_KEY) // 64 hex characters
 */
import { hmacSha256Key, toHex } from "../hash.ts";

const LABEL = "canvass suppression hash v1";
const encoder = new TextEncoder();

/** The last derived key: one deployment has one secret, so one entry is enough. */
let derived: { secret: string; key: Promise<CryptoKey> } | undefined;

async function deriveKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.sign("HMAC", await hmacSha256Key(secret), encoder.encode(LABEL));
  return crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

function keyFor(secret: string): Promise<CryptoKey> {
  if (secret.length < 16) throw new Error("the signing key must be at least 16 characters");
  if (derived?.secret !== secret) derived = { secret, key: deriveKey(secret) };
  return derived.key;
}

/** The keyed hash (64 lowercase hex) of an address already normalised. */
export async function suppressionHash(normalised: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await keyFor(secret), encoder.encode(normalised));
  return toHex(new Uint8Array(mac));
}
