/**
 * Cloudflare Turnstile server-side check (siteverify), for when the owner switches it
 * on (worker/config.ts `turnstile`). Off by default: then no page loads
 * Turnstile's script and no request leaves for challenges.cloudflare.com.
 *
 * `fetch` is looked up on each call, so tests stand in for Cloudflare at exactly this
 * boundary (test/worker/papers/turnstile.test.ts, with Cloudflare's published test keys).
 *
 * @example
 *   const outcome = await verifyTurnstile({ secret, token: form["cf-turnstile-response"], remoteIp });
 *   if (!outcome.success) outcome.errorCodes // ["timeout-or-duplicate"]
 */
export const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";
/** Turnstile tokens are at most 2048 characters (Cloudflare's documentation). */
const MAX_TOKEN_LENGTH = 2048;

export type TurnstileOutcome = { success: boolean; errorCodes: string[] };

export async function verifyTurnstile(opts: { secret: string; token: string | undefined; remoteIp?: string | undefined }): Promise<TurnstileOutcome> {
  if (!opts.token) return { success: false, errorCodes: ["missing-input-response"] };
  if (opts.token.length > MAX_TOKEN_LENGTH) return { success: false, errorCodes: ["invalid-input-response"] };
  const body = new URLSearchParams({ secret: opts.secret, response: opts.token });
  if (opts.remoteIp) body.set("remoteip", opts.remoteIp);
  // Errors reaching Cloudflare are ours, not the visitor's: they throw and become a logged 500 (nothing stored).
  const res = await fetch(SITEVERIFY_URL, { method: "POST", body, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`turnstile siteverify answered ${res.status}`);
  const data = (await res.json()) as { success?: unknown; "error-codes"?: unknown };
  const errorCodes = Array.isArray(data["error-codes"]) ? data["error-codes"].map(String) : [];
  return { success: data.success === true, errorCodes };
}
