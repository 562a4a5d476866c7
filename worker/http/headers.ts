/**
 * The security headers of everything the Worker answers, in one middleware (worker/app.ts
 * applies it before every route, so the refusals of `notFound` and `onError` carry them too).
 * The values are core/security-headers.ts's, the same the build writes into the static
 * pages' `_headers` (build/headers.ts): Workers static assets apply that file only to the
 * files they serve themselves, never to a Worker's responses.
 *
 * - Content-Security-Policy: on HTML, the inline scripts and styles the build emitted are
 *   allowed by hash (`/_canvass/csp.json`, read once per isolate) with the fallback page's
 *   stylesheet (page.ts), and Turnstile's origin on the paper pages when it is switched on.
 *   Never a hash of what a response holds: that would allow whatever got injected into it.
 *   The pages the Worker serves from the assets (`/s/`, worker/pages/routes.ts; the results
 *   pages `/admin/surveys/<id>/`, worker/pages/results.ts) get
 *   exactly the policy `_headers` gives them, so a page is the same whoever served it.
 * - HSTS over https only (the local stack is plain http on 127.0.0.1).
 * - `Cache-Control: no-store` on every private path (core/security-headers.ts
 *   `isPrivatePath`), and on any other response that did not choose its caching itself.
 *
 * Hono's `secureHeaders` sets a fixed list; these values must match the static pages' file
 * exactly and the CSP depends on the response, so a loop over the shared table serves better.
 *
 * @example
 *   app.use(securityHeaders); // first, before any route
 */
import type { Context, MiddlewareHandler } from "hono";
import {
  contentSecurityPolicy, CSP_HASHES_PATH, cspHash, HSTS_HEADER, hstsFor, isPrivatePath, NO_STORE, SECURITY_HEADERS,
  TURNSTILE_ORIGIN, type InlineHashes, type ThirdParties,
} from "../../core/security-headers.ts";
import { config } from "../config.ts";
import { MINIMAL_PAGE_STYLE } from "./page.ts";

type Ctx = Context<{ Bindings: Env }>;

/** Responses without HTML run nothing inline: the strictest form of the same policy. */
const NO_INLINE_POLICY = contentSecurityPolicy({ scripts: [], styles: [] });

const HASH = /^sha256-[A-Za-z0-9+/]{43}=$/;
const hashList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((h): h is string => typeof h === "string" && HASH.test(h)) : []);

/** The built pages' hashes (`built`, as `_headers` has them) and with the fallback page's stylesheet (`own`); loaded once per isolate. */
let pageHashes: Promise<{ built: InlineHashes; own: InlineHashes }> | undefined;

async function loadPageHashes(env: Partial<Pick<Env, "ASSETS">>): Promise<{ built: InlineHashes; own: InlineHashes }> {
  const fallback = await cspHash(MINIMAL_PAGE_STYLE);
  let built: { scripts?: unknown; styles?: unknown } = {};
  try {
    const res = await env.ASSETS?.fetch(new Request(`https://assets.invalid${CSP_HASHES_PATH}`));
    if (res?.status === 200) built = (await res.json()) ?? {};
  } catch {
    // A Worker deployed without its site: its own pages are the fallback ones.
  }
  const scripts = hashList(built.scripts);
  const styles = hashList(built.styles);
  return { built: { scripts, styles }, own: { scripts, styles: [...styles, fallback] } };
}

/** Pages the Worker serves from the assets rather than renders (worker/pages/routes.ts, results.ts). */
const ASSET_PAGES = ["/s/", "/admin/surveys/"];

/** Turnstile's origin on the paper pages, when the owner has switched it on. */
function thirdParties(c: Ctx, path: string): ThirdParties {
  if (!path.startsWith("/papers/")) return {};
  try {
    return config(c.env).turnstile ? { scripts: [TURNSTILE_ORIGIN], frames: [TURNSTILE_ORIGIN] } : {};
  } catch {
    return {}; // half configured: the paper route itself says so
  }
}

async function policyFor(c: Ctx, path: string): Promise<string> {
  if (!(c.res.headers.get("content-type") ?? "").startsWith("text/html")) return NO_INLINE_POLICY;
  pageHashes ??= loadPageHashes(c.env ?? {});
  const hashes = await pageHashes;
  if (ASSET_PAGES.some((prefix) => path.startsWith(prefix))) return contentSecurityPolicy(hashes.built);
  return contentSecurityPolicy(hashes.own, thirdParties(c, path));
}

/** The response's headers, made writable when the response came from `fetch` (an asset's are immutable). */
function writableHeaders(c: Ctx): Headers {
  try {
    c.res.headers.set("X-Content-Type-Options", "nosniff");
  } catch {
    c.res = new Response(c.res.body, c.res);
  }
  return c.res.headers;
}

export const securityHeaders: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => {
  await next();
  const url = new URL(c.req.url);
  const policy = await policyFor(c, url.pathname);
  const headers = writableHeaders(c);
  headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  const hsts = hstsFor(url);
  if (hsts) headers.set(HSTS_HEADER, hsts);
  const cache = headers.get("cache-control");
  if (!/\bno-store\b/.test(cache ?? "") && (cache === null || isPrivatePath(url.pathname))) headers.set("Cache-Control", NO_STORE);
};
