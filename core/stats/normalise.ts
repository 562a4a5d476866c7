/**
 * Reducing what a beacon says to what may be kept: a path without personal query
 * parameters, a referring domain instead of a referring URL, a country code.
 *
 * @example
 *   normalisePath("/s/poll/?t=personal-token&utm_source=mail#q2")  // "/s/poll/?utm_source=mail"
 *   referrerDomain("https://www.news.example/article?id=7", "canvass.example")  // "news.example"
 */
import { UNKNOWN_COUNTRY } from "./dimensions.ts";

/** Campaign parameters kept in a path, in this order; every other query parameter is dropped. */
export const KEPT_PARAMETERS = ["utm_source", "utm_medium", "utm_campaign"] as const;

const MAX_PATHNAME = 200;
const MAX_PARAMETER = 64;
const BASE = "https://path.invalid";

/** Cuts a percent-encoded string without leaving half an escape (`%4` or `%`) at the end. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max).replace(/%[0-9A-Fa-f]?$/, "");
}

/**
 * The path as counted, or undefined when it is not a path on this site. Query parameters
 * other than the utm_* ones are dropped (personal links carry tokens there), and so is the
 * fragment; a campaign value that looks like an email address is dropped too.
 */
export function normalisePath(raw: string): string | undefined {
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return undefined;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const kept = new URLSearchParams();
  for (const name of KEPT_PARAMETERS) {
    const value = url.searchParams.get(name)?.trim();
    if (value && !value.includes("@")) kept.set(name, value.slice(0, MAX_PARAMETER));
  }
  const query = kept.toString();
  return cut(url.pathname, MAX_PATHNAME) + (query ? `?${query}` : "");
}

/** Pages of the site's own administration, never counted. */
export function isAdminPath(path: string): boolean {
  return path === "/admin" || path.startsWith("/admin/") || path.startsWith("/admin?");
}

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function bareHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "").replace(/^www\./, "");
}

/**
 * The referring site's domain (without `www.`), or undefined for none, for this site
 * itself, for anything not http(s), and for IP-address hosts (which may be a person's own
 * machine). Accepts a full URL or a bare host; the path and query never survive.
 */
export function referrerDomain(raw: string | undefined, ownHost: string): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text.includes("://") ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  const host = bareHost(url.hostname);
  if (!HOSTNAME.test(host) || IPV4.test(host)) return undefined;
  const own = bareHost(ownHost.replace(/:\d+$/, ""));
  return host === own ? undefined : host;
}

/** Cloudflare's two-letter country code (ISO 3166-1, or T1 for Tor), or XX when there is none. */
export function countryCode(raw: unknown): string {
  return typeof raw === "string" && /^[A-Z0-9]{2}$/.test(raw) ? raw : UNKNOWN_COUNTRY;
}
