/**
 * The Worker's settings, each read from the environment in this one place with its one
 * rule (worker/env.d.ts declares what wrangler.toml does not). A setting is read and
 * checked the first time it is used, then kept for that environment: a route that does
 * not need the mail settings still works while they are wrong, and the mistake surfaces
 * where it matters as a `ConfigError` (a logged 500 in the HTTP layer, a retry in the
 * invitations consumer).
 *
 * - `CANVASS_ADMIN_TOKEN` (secret): the owner's bearer token for /api/admin/*.
 * - `CANVASS_SIGNING_KEY` (secret, 16+ characters): signs personal, opt-out and download
 *   links and paper form tickets.
 * - `PUBLIC_URL` (var): where links point; https in production (RFC 8058 asks for an https
 *   List-Unsubscribe URI), http on loopback for development.
 * - `MAIL_FROM` (var): the sender, `Name <address>`.
 * - `MAIL_TRANSPORT` (var): `outbox` (development: kept in D1, GET /api/admin/outbox),
 *   `cloudflare` (the `EMAIL` binding) or `http` (`MAIL_API_URL` and the secret `MAIL_API_KEY`).
 * - `PAPER_MIN_FILL_SECONDS`, `PAPER_RATE_LIMIT_PER_HOUR` (optional): the paper form's brakes.
 * - `TURNSTILE_SITE_KEY`, `TURNSTILE_SECRET_KEY` (optional, both or neither): Turnstile on.
 * - Retention periods come from canvass.config.ts, the file the privacy page states them from.
 *
 * @example
 *   const token = await signToken(claim, config(env).signingKey); // throws ConfigError naming CANVASS_SIGNING_KEY
 */
import site from "../canvass.config.ts";
import type { Mailbox } from "../core/email/mime.ts";

export type TransportKind = "outbox" | "cloudflare" | "http";

/** A configuration mistake: the message says which setting to fix and how. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export const DEFAULT_MIN_FILL_SECONDS = 3;
export const DEFAULT_RATE_LIMIT_PER_HOUR = 10;
const MIN_SIGNING_KEY_LENGTH = 16;

export type Config = {
  readonly adminToken: string | undefined;
  readonly signingKey: string;
  readonly publicUrl: string;
  readonly mailTransport: TransportKind;
  readonly mailFrom: Mailbox;
  readonly mailApi: { url: string; key: string };
  readonly emailBinding: SendEmail | undefined;
  readonly paperMinFillSeconds: number;
  readonly paperRateLimitPerHour: number;
  /** Turnstile's keys when the owner has switched it on. */
  readonly turnstile: { siteKey: string; secret: string } | undefined;
  /** Days kept (canvass.config.ts); undefined: nothing of that kind may be kept. */
  readonly retention: { leadsDays: number | undefined; visitorStatisticsDays: number | undefined; responsesDays: number | undefined };
};

function signingKey(key: string | undefined): string {
  if (!key || key.length < MIN_SIGNING_KEY_LENGTH)
    throw new ConfigError(
      `CANVASS_SIGNING_KEY is not set (or shorter than ${MIN_SIGNING_KEY_LENGTH} characters); \`npm start\` writes one to .dev.vars, production sets it with \`wrangler secret put CANVASS_SIGNING_KEY\`.`,
    );
  return key;
}

function publicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: "${raw.slice(0, 80)}"`);
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

function transportKind(kind: string): TransportKind {
  if (kind === "outbox" || kind === "cloudflare" || kind === "http") return kind;
  throw new ConfigError(`MAIL_TRANSPORT must be outbox, cloudflare or http (it is "${kind.slice(0, 40)}")`);
}

/** Parses `Name <address>` (or a bare address). */
function mailFrom(value: string): Mailbox {
  const raw = value.trim();
  const m = /^(?:"?([^"<>]*?)"?\s*)?<([^<>\s]+@[^<>\s]+)>$/.exec(raw) ?? (/^[^<>\s]+@[^<>\s]+$/.test(raw) ? [raw, "", raw] : null);
  if (!m) throw new ConfigError(`MAIL_FROM must be "Name <address>" (it is "${raw.slice(0, 80)}")`);
  return { name: m[1]?.trim() || undefined, address: m[2]! };
}

function mailApi(url: string | undefined, key: string | undefined): { url: string; key: string } {
  if (!url || !key) throw new ConfigError('MAIL_TRANSPORT is "http" but MAIL_API_URL or the MAIL_API_KEY secret is missing');
  return { url, key };
}

/** A whole number of at least 0, or the default when unset or not one. */
function wholeNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isInteger(n) && n >= 0 ? n : fallback;
}

function turnstile(site: string | undefined, secretKey: string | undefined): Config["turnstile"] {
  const siteKey = site?.trim();
  const secret = secretKey?.trim();
  if (!siteKey && !secret) return undefined;
  if (!siteKey || !secret) throw new ConfigError("Turnstile is half configured: set both TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY, or neither");
  return { siteKey, secret };
}

/** An object whose properties are computed on first read and then kept; a reader that throws is asked again next time. */
function lazily<T extends object>(readers: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(readers) as (keyof T & string)[]) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = readers[key]();
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}

function readConfig(env: Env): Config {
  return lazily<Config>({
    adminToken: () => env.CANVASS_ADMIN_TOKEN || undefined,
    signingKey: () => signingKey(env.CANVASS_SIGNING_KEY),
    publicUrl: () => publicUrl(String(env.PUBLIC_URL ?? "")),
    mailTransport: () => transportKind(String(env.MAIL_TRANSPORT ?? "")),
    mailFrom: () => mailFrom(String(env.MAIL_FROM ?? "")),
    mailApi: () => mailApi(env.MAIL_API_URL, env.MAIL_API_KEY),
    emailBinding: () => env.EMAIL,
    paperMinFillSeconds: () => wholeNumber(env.PAPER_MIN_FILL_SECONDS, DEFAULT_MIN_FILL_SECONDS),
    paperRateLimitPerHour: () => wholeNumber(env.PAPER_RATE_LIMIT_PER_HOUR, DEFAULT_RATE_LIMIT_PER_HOUR),
    turnstile: () => turnstile(env.TURNSTILE_SITE_KEY, env.TURNSTILE_SECRET_KEY),
    retention: () => ({
      leadsDays: site.retention.leadsDays,
      visitorStatisticsDays: site.retention.visitorStatisticsDays,
      // The default for surveys without their own retention_days (worker/responses/cron.ts); undefined: kept until deleted.
      responsesDays: "days" in site.retention.responses ? site.retention.responses.days : undefined,
    }),
  });
}

const byEnv = new WeakMap<Env, Config>();

/** The settings of this environment (the Worker's `env`, or a test's copy with other values). */
export function config(env: Env): Config {
  let found = byEnv.get(env);
  if (!found) byEnv.set(env, (found = readConfig(env)));
  return found;
}
