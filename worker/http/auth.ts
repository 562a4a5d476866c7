/**
 * The bearer check in front of `/api/admin/*` (applied once, in worker/app.ts). The token
 * is the owner's `CANVASS_ADMIN_TOKEN` secret (client-scoped tokens come later); without
 * one configured, every admin request is refused.
 *
 * @example
 *   curl -H "Authorization: Bearer $CANVASS_ADMIN_TOKEN" :8787/api/admin/surveys/customer-feedback/responses
 */
import type { MiddlewareHandler } from "hono";
import { config } from "../config.ts";
import { Problem } from "./problems.ts";

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
}

/** Compares in constant time: both sides are hashed to equal length first, so neither length nor content leaks through timing. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export const adminAuth: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
  const expected = config(c.env).adminToken;
  if (!match || !expected || !(await sameSecret(match[1]!, expected))) {
    c.header("WWW-Authenticate", 'Bearer realm="canvass-admin"');
    throw new Problem(401, "This needs an admin token: send Authorization: Bearer <token>.");
  }
  await next();
};
